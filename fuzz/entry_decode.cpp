// fuzz_decode: bytes to text. Whatever the bytes, the text is valid UTF-8 with '\n' line ends, and
// the line index covers it exactly, line after line.
#include "entries.hpp"
#include "input/source_text.hpp"
#include "input/utf8_scan.hpp"

namespace pm::fuzz {

void decode(std::string_view data) {
    constexpr std::string_view k_target = "decode";
    SourceText text;
    std::vector<Diagnostic> diagnostics;
    load_source_text(text, "fuzz.txt", data, diagnostics);
    const Utf8Stats stats = scan_utf8(text.text);
    if (stats.invalid != 0) {
        fail(k_target, "the decoded text is not valid UTF-8");
    }
    if (stats.cr != 0) {
        fail(k_target, "a carriage return survived line-end normalisation");
    }
    if (text.encoding.empty()) {
        fail(k_target, "no encoding was named");
    }
    const char* expected = text.text.data();
    for (std::size_t i = 0; i < text.lines.size(); ++i) {
        const std::string_view line = text.lines[i];
        if (line.data() != expected || line.find('\n') != std::string_view::npos) {
            fail(k_target, "the line index skips, overlaps or splits lines");
        }
        expected = line.data() + line.size() + 1;  // past its '\n'
    }
    const char* end = text.text.data() + text.text.size();
    if (!text.lines.empty() && expected < end) {
        fail(k_target, "the line index stops before the end of the text");
    }
    for (const Diagnostic& d : diagnostics) {
        if (d.line > text.lines.size() + 1) {
            fail(k_target, "a warning cites a line the text does not have");
        }
    }
}

}  // namespace pm::fuzz
