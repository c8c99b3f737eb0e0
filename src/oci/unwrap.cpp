// Entry points of the OCI runtime error unwrapper: transports, then nesting, then chain splitting.
#include "oci/unwrap.hpp"

#include <algorithm>
#include <array>

#include "oci/layer_sink.hpp"
#include "oci/layer_split.hpp"
#include "oci/nested_quotes.hpp"
#include "oci/transport.hpp"
#include "oci/wrapper_phrases.hpp"

#include <re2/re2.h>

#include <memory>

namespace pm {

namespace {

// Real messages carry at most a handful of transports (JSON, klog, FailedSync, logrus); the cap
// keeps crafted `msg="msg="msg="…` from being peeled 200,000 times.
constexpr int k_max_transport_rounds = 16;

constexpr std::string_view k_unknown_suffix = ": unknown";

std::unique_ptr<const RE2> make_runtime_marker()
{
    RE2::Options options;
    options.set_log_errors(false);
    // Phrases only runtimes print (formats.md §4.2, §4.3, §2.3); a bare `file.go:N: ` label is not enough, since
    // Go's log package prints those, so it needs a `caused` after it. `\\*"` sees through escaping.
    return std::make_unique<const RE2>(
        R"re(OCI runtime (?:create|start|exec) failed|oci runtime error|runc (?:create|run|exec) failed|)re"
        R"re(runc init error|failed to (?:create|start) containerd task|failed to create shim|)re"
        R"re(failed to create task for container|container create failed|Container creation error|)re"
        R"re(unable to start container process|error during container init|unable to retrieve OCI runtime error|)re"
        R"re(starting container process caused|container init caused|[A-Za-z0-9_]\.go:[0-9]+: [^\n]{0,300}caused|)re"
        R"re(exec failed: |Failed to create pod sandbox|failed to setup network for sandbox|)re"
        R"re(exec: \\*"[^"\\]*\\*": (?:executable file not found|stat |permission denied|no such file))re",
        options);
}

// No bare quote, and an escaped one that opens a quoted argument the way Go's %q does (`exec: \"x\"`):
// after a space, `(`, `=` or at the start. A literal `\"` inside a word stays as it is.
bool has_only_escaped_quotes(std::string_view text)
{
    bool opening = false;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\') {
            bool quote = i + 1 < text.size() && text[i + 1] == '"';
            char before = i == 0 ? ' ' : text[i - 1];
            opening |= quote && (before == ' ' || before == '(' || before == '=');
            ++i;  // skip the escaped character
        } else if (text[i] == '"') {
            return false;
        }
    }
    return opening;
}

std::string_view trim_trailing_blanks(std::string_view text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return text;
}

// The gRPC hop rebuilds an error of code Unknown as `<message>: unknown` (formats.md §4.3); it is
// only that when containerd or Docker was on the path. Removed before the nesting is read, since it
// follows the closing quotes of runc <= rc90 messages.
std::string_view drop_unknown_suffix(std::string_view text, oci::UnwrapState& state, bool& dropped,
                                     std::vector<std::string>& notes)
{
    text = trim_trailing_blanks(oci::strip_trailing_hints(trim_trailing_blanks(text), notes));
    if (!text.ends_with(k_unknown_suffix)) {
        return text;
    }
    if (!state.saw_containerd_or_docker && !oci::mentions_containerd_or_docker(text)) {
        return text;
    }
    state.saw_containerd_or_docker = true;
    dropped = true;
    return text.substr(0, text.size() - k_unknown_suffix.size());
}

// When paste debris (a stray `]`) hid the suffix from the text, it shows at the end of the last
// layer once that layer is cleaned.
void drop_unknown_layer_suffix(std::vector<std::string>& layers)
{
    std::string& last = layers.back();
    if (layers.size() > 1 && last == "unknown") {
        layers.pop_back();
    } else if (last.ends_with(k_unknown_suffix)) {
        last.resize(last.size() - k_unknown_suffix.size());
        while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) {
            last.pop_back();
        }
    }
}

}  // namespace

bool looks_like_runtime_error(std::string_view text)
{
    static const std::unique_ptr<const RE2> marker = make_runtime_marker();
    // No marker starts with a blank: deep indentation costs a scan, not a regex search.
    const std::size_t start = text.find_first_not_of(" \t");
    if (start == std::string_view::npos) {
        return false;
    }
    text.remove_prefix(start);
    // Every phrase of the marker holds one of these words (`ontainer` covers container, Container and
    // containerd): a text with none, like most event messages, is decided without the regex.
    constexpr std::array<std::string_view, 7> k_words = {"ontainer", "runtime", "runc ", "shim", "exec", "sandbox", ".go:"};
    if (std::none_of(k_words.begin(), k_words.end(), [&](std::string_view w) { return text.find(w) != std::string_view::npos; })) {
        return false;
    }
    return marker->ok() && RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *marker);
}

UnwrappedError unwrap_runtime_error(std::string_view message)
{
    UnwrappedError result;
    if (!looks_like_runtime_error(message)) {
        return result;
    }
    oci::UnwrapState state;
    std::string storage;
    std::string_view text = oci::normalize_breaks(message, storage);
    // A value copied out of `kubectl get pod -o json` without its quotes: every quote is escaped, so
    // one JSON layer is still on it (formats.md §4.6).
    if (has_only_escaped_quotes(text)) {
        storage = go_unquote_body(text);
        text = storage;
    }
    for (int round = 0; round < k_max_transport_rounds; ++round) {
        oci::TransportPeel peel = oci::peel_transport(text);
        if (!peel.found) {
            break;
        }
        state.truncated |= peel.truncated;
        oci::split_chain(peel.chain_prefix, state);
        storage = std::move(peel.payload);
        text = storage;
    }
    bool dropped_unknown = false;
    oci::split_quoted_chain(drop_unknown_suffix(text, state, dropped_unknown, result.notes), state);
    result.truncated = state.truncated || state.layers.elided();
    result.layers = state.layers.take();
    if (!dropped_unknown && state.saw_containerd_or_docker && !result.layers.empty()) {
        drop_unknown_layer_suffix(result.layers);
    }
    if (!result.layers.empty() && result.layers.back().empty()) {
        result.layers.pop_back();
    }
    if (!result.layers.empty()) {
        result.innermost = result.layers.back();
    }
    return result;
}

}  // namespace pm
