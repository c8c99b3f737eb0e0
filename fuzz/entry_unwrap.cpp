// fuzz_unwrap: one runtime error message, unwrapped and classified.
#include "entries.hpp"
#include "grammar/grammar_loader.hpp"
#include "oci/classify.hpp"
#include "oci/unwrap.hpp"
#include "input/utf8_scan.hpp"

namespace pm::fuzz {

void unwrap(std::string_view data) {
    constexpr std::string_view k_target = "unwrap";
    const UnwrappedError raw = unwrap_runtime_error(data);
    Incident incident;
    InputRecord input;
    input.path = "fuzz";
    const InputId id = incident.add_input(std::move(input));
    const Text kept = incident.keep(data);
    const RuntimeError e = analyse_runtime_error(builtin_grammar(), kept, {id, 1}, incident);
    if (!data.empty() && e.innermost.empty() && e.chain.empty() && e.message.empty()) {
        fail(k_target, "a non-empty message left no trace");
    }
    // Unwrapping only takes text apart: unescaping shrinks it, and a byte that is not UTF-8 becomes
    // at most one U+FFFD (3 bytes).
    const std::size_t bound = 3 * data.size();
    for (const std::string& layer : raw.layers) {
        if (layer.size() > bound) {
            fail(k_target, "a layer is longer than the message could make it");
        }
    }
    if (!raw.layers.empty() && raw.innermost != raw.layers.back()) {
        fail(k_target, "the innermost cause is not the last layer");
    }
    (void)looks_like_runtime_error(data);
    // Go quoting round-trips valid UTF-8.
    if (scan_utf8(data).invalid == 0) {
        const std::string quoted = go_quote(data);
        if (quoted.size() < 2 || go_unquote_body(std::string_view(quoted).substr(1, quoted.size() - 2)) != data) {
            fail(k_target, "go_unquote_body(go_quote(text)) is not the text");
        }
    }
}

}  // namespace pm::fuzz
