// Loads one input: decodes it, indexes its lines, and turns replaced bytes into warnings.
#include "input/source_file.hpp"

#include <cstring>

#include "input/decode.hpp"

namespace pm {

namespace {

// Below this ICU confidence a guessed code page is worth a warning: a few CJK characters cannot
// tell GB18030 from Big5 or EUC-KR, and the user should look at the decoded names.
constexpr int k_weak_guess = 50;

std::string_view replaced_message(BadKind kind) {
    switch (kind) {
    case BadKind::invalid_utf8:
        return "invalid UTF-8 byte sequence replaced with U+FFFD; if this file is not UTF-8, re-save it as UTF-8";
    case BadKind::nul:
        return "NUL byte replaced with U+FFFD; a text log has no NUL bytes, so this may be a binary file or "
               "UTF-16 without a byte order mark: re-save it as UTF-8 text";
    case BadKind::invalid_utf16:
        return "invalid UTF-16 (an unpaired surrogate or an odd last byte) replaced with U+FFFD; the file may be "
               "truncated: re-save it as UTF-8";
    case BadKind::invalid_utf32:
        return "invalid UTF-32 code unit replaced with U+FFFD; the file may be truncated: re-save it as UTF-8";
    case BadKind::invalid_legacy:
        return "byte sequence not valid in the detected encoding replaced with U+FFFD; re-save the file as UTF-8";
    }
    return "byte sequence replaced with U+FFFD";
}

void report_replacements(const std::string& path, const DecodedText& decoded, std::vector<Warning>& warnings) {
    const ReplacementLog& log = decoded.replacements;
    for (const BadLine& bad : log.listed()) {
        warnings.push_back({cite(path, static_cast<int>(bad.line)), std::string(replaced_message(bad.kind))});
    }
    const auto listed = static_cast<long long>(log.listed().size());
    if (log.lines_with_replacements() > listed) {
        warnings.push_back({path, std::to_string(log.replacements()) + " byte sequences in " +
                                      std::to_string(log.lines_with_replacements()) +
                                      " lines were replaced with U+FFFD; only the first " + std::to_string(listed) +
                                      " lines are listed; re-save the file as UTF-8 (or check that it is text)"});
    }
}

void index_lines(SourceFile& out) {
    out.lines.clear();
    const char* const begin = out.text.data();
    const char* const end = begin + out.text.size();
    // Counting first costs one fast pass but saves regrowing (and copying) a vector of millions.
    std::size_t newlines = 0;
    for (const char* q = begin; q < end;) {
        const auto* nl = static_cast<const char*>(std::memchr(q, '\n', static_cast<std::size_t>(end - q)));
        if (nl == nullptr) {
            break;
        }
        ++newlines;
        q = nl + 1;
    }
    out.lines.reserve(newlines + 1);
    const char* p = begin;
    while (p < end) {
        const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        const char* line_end = nl != nullptr ? nl : end;
        out.lines.emplace_back(p, static_cast<std::size_t>(line_end - p));
        p = nl != nullptr ? nl + 1 : end;
    }
}

}  // namespace

void load_source_text(SourceFile& out, std::string path, std::string_view bytes, std::vector<Warning>& warnings) {
    DecodedText decoded;
    decode_bytes(bytes, decoded);
    out.path = std::move(path);
    out.encoding = decoded.encoding;
    out.text.swap(decoded.text);
    index_lines(out);
    if (decoded.guessed && decoded.guess_confidence < k_weak_guess) {
        warnings.push_back({cite(out.path, static_cast<int>(decoded.first_non_utf8_line)),
                            "not valid UTF-8; decoded as " + decoded.encoding + ", a weak guess (ICU confidence " +
                                std::to_string(decoded.guess_confidence) +
                                " of 100); if names or messages look garbled, re-save the file as UTF-8"});
    }
    report_replacements(out.path, decoded, warnings);
}

}  // namespace pm
