// runc <= rc90 `file.go:N: phrase caused %q` nesting: openers, per-layer depth, innermost end.
#include "oci/nested_quotes.hpp"

#include "oci/go_quote.hpp"
#include "oci/layer_split.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace pm::oci {

namespace {

// Words that open a Go-%q-quoted inner error: runc's genericError (`%s caused %q`, §4.2 item 1) and
// Go net/http's `invalid header field value %q` that Docker 1.13 wrapped around runc's error.
constexpr std::array<std::string_view, 2> k_opener_words{"caused ", "invalid header field value "};

// A depth needs 2^depth backslashes, so 64 cannot be reached by real text.
constexpr int k_max_levels = 64;

struct Opener {
    std::size_t phrase_pos = 0;   // the layer before ends here
    std::size_t payload_pos = 0;  // just past the opening quote
    int levels = 1;               // times the payload is quoted, relative to the whole text
};

// All openers, left to right, in one pass per opener word.
std::vector<Opener> find_openers(std::string_view text)
{
    std::vector<Opener> openers;
    std::array<std::size_t, k_opener_words.size()> next{};
    for (std::size_t w = 0; w < k_opener_words.size(); ++w) {
        next[w] = text.find(k_opener_words[w]);
    }
    std::size_t pos = 0;
    while (true) {
        std::size_t best = std::string_view::npos;
        std::size_t best_word = 0;
        for (std::size_t w = 0; w < k_opener_words.size(); ++w) {
            if (next[w] != std::string_view::npos && next[w] < pos) {
                next[w] = text.find(k_opener_words[w], pos);
            }
            if (next[w] < best) {
                best = next[w];
                best_word = w;
            }
        }
        if (best == std::string_view::npos) {
            break;
        }
        const std::size_t after = best + k_opener_words[best_word].size();
        std::size_t run_end = after;
        while (run_end < text.size() && text[run_end] == '\\') {
            ++run_end;
        }
        const bool at_word_start = best == 0 || text[best - 1] == ' ' || text[best - 1] == '\t';
        if (at_word_start && run_end < text.size() && text[run_end] == '"') {
            // A quote with k backslashes before it stays escaped through quote_level(k) decodings,
            // so the payload behind it is quoted one time more than that.
            const int levels = std::min(quote_level(run_end - after) + 1, k_max_levels);
            openers.push_back(Opener{best, run_end + 1, levels});
            pos = run_end + 1;
        } else {
            pos = std::max(run_end, best + 1);
        }
    }
    return openers;
}

struct InnerSpan {
    std::string_view raw;  // still quoted `levels` times
    bool truncated = false;
};

bool has_quote(std::string_view text)
{
    return text.find('"') != std::string_view::npos;
}

std::string_view strip_trailing_backslashes(std::string_view text)
{
    while (!text.empty() && text.back() == '\\') {
        text.remove_suffix(1);
    }
    return text;
}

// Fallback for damaged quoting: the innermost message runs up to the last `openers` quotes of the
// run of quotes and backslashes that ends the text; fewer quotes than openers means a cut.
InnerSpan count_closing_quotes(std::string_view tail, std::size_t openers)
{
    std::size_t start = tail.size();
    while (start > 0 && (tail[start - 1] == '"' || tail[start - 1] == '\\')) {
        --start;
    }
    const std::string_view run = tail.substr(start);
    const auto quotes = static_cast<std::size_t>(std::count(run.begin(), run.end(), '"'));
    if (quotes < openers) {
        return InnerSpan{strip_trailing_backslashes(tail.substr(0, start)), true};
    }
    std::size_t own_quotes = quotes - openers;
    std::size_t cut = start;
    while (own_quotes > 0) {
        if (tail[cut] == '"') {
            --own_quotes;
        }
        ++cut;
    }
    return InnerSpan{tail.substr(0, cut), false};
}

// `tail` is the text after the innermost opener's quote. Exact rule first: the innermost message
// ends at the first quote whose backslash run shows it belongs to a shallower level; each enclosing
// level then closes the same way, and nothing but blanks or short trailers (`\n`, `: unknown`)
// lies between the closing quotes. A quote anywhere in that closing area means the backslashes
// were damaged, and the closing quotes are counted from the end instead.
InnerSpan locate_innermost(std::string_view tail, const std::vector<Opener>& openers)
{
    const std::size_t count = openers.size();
    std::size_t pos = 0;
    std::size_t inner_end = std::string_view::npos;
    bool complete = true;
    bool stray_quotes = false;
    for (std::size_t j = count; j-- > 0;) {
        const std::size_t quote = find_quote_below_level(tail, pos, openers[j].levels);
        if (quote == std::string_view::npos) {
            complete = false;
            break;
        }
        const std::size_t run = backslashes_before(tail, quote, pos);
        const int level = quote_level(run);
        // The closing quote's own escaping is 2^level - 1 backslashes; any before them are text.
        const std::size_t own = level >= 63 ? run : std::min(run, (std::size_t{1} << level) - 1);
        if (j + 1 == count) {
            inner_end = quote - own;
        } else if (has_quote(tail.substr(pos, quote - own - pos))) {
            stray_quotes = true;
        }
        pos = quote + 1;
    }
    if (inner_end == std::string_view::npos) {
        // Cut inside the innermost message: every quote in it is still escaped at its depth.
        return InnerSpan{strip_trailing_backslashes(tail), true};
    }
    if (has_quote(tail.substr(pos))) {
        stray_quotes = true;
    }
    if (!stray_quotes) {
        return InnerSpan{tail.substr(0, inner_end), !complete};
    }
    return count_closing_quotes(tail, count);
}

std::string_view trim_trailing_blanks(std::string_view text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return text;
}

// Splits a layer's text quoted `levels` times; text without backslashes needs no decoding (and no
// copy, which matters for a megabyte-long innermost message).
void split_decoded(std::string_view raw, int levels, UnwrapState& state)
{
    if (raw.find('\\') == std::string_view::npos) {
        split_chain(raw, state);
        return;
    }
    split_chain(decode_levels(raw, levels), state);
}

}  // namespace

void split_quoted_chain(std::string_view text, UnwrapState& state)
{
    const std::vector<Opener> openers = find_openers(text);
    if (openers.empty()) {
        split_chain(text, state);
        return;
    }
    split_chain(text.substr(0, openers.front().phrase_pos), state);
    for (std::size_t i = 0; i + 1 < openers.size(); ++i) {
        const Opener& opener = openers[i];
        const std::size_t length = openers[i + 1].phrase_pos - opener.payload_pos;
        split_decoded(text.substr(opener.payload_pos, length), opener.levels, state);
    }
    const InnerSpan inner = locate_innermost(trim_trailing_blanks(text.substr(openers.back().payload_pos)), openers);
    state.truncated |= inner.truncated;
    split_decoded(inner.raw, openers.back().levels, state);
}

}  // namespace pm::oci
