// Layer splitting of unquoted chains: runc rc91..1.0 `caused: ` and runc >= 1.1 `: `-joined `%w` chains.
#include "oci/layer_split.hpp"

#include "base/text.hpp"

#include "oci/go_quote.hpp"
#include "oci/wrapper_phrases.hpp"

namespace pm::oci {

namespace {

constexpr std::string_view k_caused_colon = " caused: ";

std::size_t skip_blanks(std::string_view text, std::size_t pos)
{
    while (pos < text.size() && is_blank(text[pos])) {
        ++pos;
    }
    return pos;
}

// Something a new layer may start with: a wrapper phrase (with a boundary after it) or a label.
bool starts_new_layer(std::string_view text, std::size_t pos)
{
    if (!may_start_phrase(text, pos)) {
        return false;
    }
    return match_wrapper_phrase(text, pos).has_value() || match_source_label(text, pos) != std::string_view::npos;
}

// Where the layer that starts at `from` ends: at ` caused: `, at a `: ` before a new layer, or at
// the end. Quoted strings are stepped over so a path or an argument is never split. Once a quote
// has no partner, no later quote has one either: `unpaired_from` remembers that across the layers
// of one chain, so each byte is looked at a bounded number of times.
std::size_t find_layer_end(std::string_view text, std::size_t from, std::size_t& unpaired_from)
{
    std::size_t i = from;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"' && i < unpaired_from) {
            const std::size_t close = find_unescaped_quote(text, i + 1);
            if (close == std::string_view::npos) {
                unpaired_from = i;
                ++i;
            } else {
                i = close + 1;
            }
            continue;
        }
        if (c == ':' && i + 1 < text.size() && is_blank(text[i + 1])) {
            const std::size_t next = skip_blanks(text, i + 1);
            if (next >= text.size() || starts_new_layer(text, next)) {
                return i;
            }
        } else if (c == ' ' && text.compare(i, k_caused_colon.size(), k_caused_colon) == 0) {
            return i;
        }
        ++i;
    }
    return text.size();
}

// Past the separator that ends a layer: `: ` or ` caused: ` (with any blanks).
std::size_t skip_separator(std::string_view text, std::size_t pos)
{
    pos = skip_blanks(text, pos);
    if (text.compare(pos, 7, "caused:") == 0) {
        pos += 7;
    } else if (pos < text.size() && text[pos] == ':') {
        ++pos;
    }
    return skip_blanks(text, pos);
}

// The columns of a pasted event row (`Warning  Failed  12s  kubelet  Error`) or a describe field
// label (`Message`) in front of the first layer: not a layer. Columns are two blanks or a tab apart.
bool is_row_prefix(std::string_view layer)
{
    while (!layer.empty() && is_blank(layer.back())) {
        layer.remove_suffix(1);
    }
    if (layer == "Message" || layer == "message") {
        return true;
    }
    if (!layer.ends_with("Error")) {
        return false;
    }
    const std::string_view before = layer.substr(0, layer.size() - 5);
    return before.ends_with("  ") || before.ends_with("\t");
}

}  // namespace

void split_chain(std::string_view text, UnwrapState& state)
{
    // Trailing blanks would hide the boundary after a final phrase (`container init `).
    while (!text.empty() && is_blank(text.back())) {
        text.remove_suffix(1);
    }
    std::size_t unpaired_from = std::string_view::npos;
    bool first_layer = true;
    std::size_t pos = skip_blanks(text, 0);
    while (pos < text.size()) {
        const std::size_t start = pos;
        const std::optional<PhraseMatch> leading = match_wrapper_phrase(text, pos);
        if (leading && leading->role == PhraseRole::transport) {
            state.saw_containerd_or_docker |= leading->from_containerd_or_docker;
            pos = skip_blanks(text, std::max(leading->end, pos + 1));
            continue;
        }
        std::size_t body = pos;
        const std::size_t label_end = match_source_label(text, pos);
        if (label_end != std::string_view::npos) {
            body = label_end;
        }
        std::size_t end = 0;
        const std::optional<PhraseMatch> phrase = (body == pos) ? leading : match_wrapper_phrase(text, body);
        if (phrase && phrase->role == PhraseRole::layer) {
            state.saw_containerd_or_docker |= phrase->from_containerd_or_docker;
            end = phrase->end;
        } else {
            end = find_layer_end(text, body, unpaired_from);
        }
        const std::string_view layer = text.substr(start, end - start);
        if (!(first_layer && is_row_prefix(layer))) {
            state.layers.add(layer);
        }
        first_layer = false;
        // Every branch consumes at least one byte: `end` is a separator, the end, or past a phrase.
        pos = std::max(skip_separator(text, end), start + 1);
    }
}

}  // namespace pm::oci
