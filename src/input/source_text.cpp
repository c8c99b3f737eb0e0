// Loads one input: decodes it, indexes its lines, and turns replaced bytes into warnings.
#include "input/source_text.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "base/parallel.hpp"

#include "input/decode.hpp"
#include "input/utf8_scan.hpp"

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

void report_replacements(const std::string& path, const DecodedText& decoded, std::vector<Diagnostic>& out) {
    const ReplacementLog& log = decoded.replacements;
    for (const BadLine& bad : log.listed()) {
        out.push_back({DiagnosticLevel::warning, path, static_cast<std::uint32_t>(bad.line),
                       std::string(replaced_message(bad.kind)), {}});
    }
    const auto listed = static_cast<long long>(log.listed().size());
    if (log.lines_with_replacements() > listed) {
        out.push_back({DiagnosticLevel::warning, path, 0,
                       std::to_string(log.replacements()) + " byte sequences in " +
                           std::to_string(log.lines_with_replacements()) +
                           " lines were replaced with U+FFFD; only the first " + std::to_string(listed) +
                           " lines are listed; re-save the file as UTF-8 (or check that it is text)",
                       {}});
    }
}

}  // namespace

void LineIndex::build(std::string_view text, unsigned jobs) {
    m_text = text.data();
    m_starts.clear();
    m_wide_starts.clear();
    m_wide = text.size() >= 0xFFFFFFFFu;
    // Pieces cut after newlines: each counts its lines, then writes their starts at its own place
    // in the index (counting first costs one fast pass but saves regrowing a vector of millions).
    const std::vector<std::size_t> cuts = jobs > 1 && text.size() >= k_parallel_text_bytes
                                              ? newline_cuts(text, std::size_t{jobs} * 4)
                                              : std::vector<std::size_t>{0, text.size()};
    const std::size_t pieces = cuts.size() - 1;
    std::vector<std::size_t> lines(pieces + 1, 0);  // lines starting in each piece, then their running sum
    const auto count_lines = [&](std::size_t k) {
        const char* p = text.data() + cuts[k];
        const char* const end = text.data() + cuts[k + 1];
        std::size_t n = 0;
        while (p < end) {
            ++n;
            const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            p = nl != nullptr ? nl + 1 : end;
        }
        lines[k + 1] = n;
    };
    parallel_for(pieces, jobs, count_lines);
    for (std::size_t k = 0; k < pieces; ++k) {
        lines[k + 1] += lines[k];
    }
    const std::size_t count = lines[pieces];
    // The end sentinel: one past the last line's '\n' (or past the text when it has none).
    const bool ends_in_newline = !text.empty() && text.back() == '\n';
    const std::size_t entries = count > 0 || !text.empty() ? count + 1 : 0;
    const auto fill = [&](auto& starts) {
        starts.resize(entries);
        parallel_for(pieces, jobs, [&](std::size_t k) {
            const char* const begin = text.data();
            const char* p = begin + cuts[k];
            const char* const end = begin + cuts[k + 1];
            std::size_t at = lines[k];
            while (p < end) {
                starts[at++] = static_cast<std::remove_reference_t<decltype(starts[0])>>(p - begin);
                const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
                p = nl != nullptr ? nl + 1 : end;
            }
        });
        if (entries > 0) {
            starts[count] = static_cast<std::remove_reference_t<decltype(starts[0])>>(text.size() + (ends_in_newline ? 0 : 1));
        }
    };
    if (m_wide) {
        fill(m_wide_starts);
    } else {
        fill(m_starts);
    }
}

std::size_t LineIndex::line_containing(std::size_t offset) const {
    auto find = [&](const auto& starts) -> std::size_t {
        const auto it = std::upper_bound(starts.begin(), starts.end(), offset);
        return it == starts.begin() ? 0 : static_cast<std::size_t>(it - starts.begin()) - 1;
    };
    const std::size_t line = m_wide ? find(m_wide_starts) : find(m_starts);
    return size() == 0 ? 0 : std::min(line, size() - 1);
}

LineIndex LineIndex::with_prefixes_stripped(std::vector<std::uint16_t> skip) const {
    LineIndex out = *this;
    skip.resize(size(), 0);
    out.m_skip = std::move(skip);
    return out;
}

namespace {

void finish_loading(SourceText& out, std::string path, DecodedText& decoded, std::vector<Diagnostic>& diagnostics,
                    unsigned jobs = 1) {
    out.path = std::move(path);
    out.encoding = decoded.encoding;
    out.storage.swap(decoded.text);
    out.text = out.storage;
    out.lines.build(out.text, jobs);
    if (decoded.guessed && decoded.guess_confidence < k_weak_guess) {
        diagnostics.push_back({DiagnosticLevel::warning, out.path, static_cast<std::uint32_t>(decoded.first_non_utf8_line),
                               "not valid UTF-8; decoded as " + decoded.encoding + ", a weak guess (ICU confidence " +
                                   std::to_string(decoded.guess_confidence) +
                                   " of 100); if names or messages look garbled, re-save the file as UTF-8",
                               {}});
    }
    report_replacements(out.path, decoded, diagnostics);
}

}  // namespace

void load_source_text(SourceText& out, std::string path, std::string_view bytes, std::vector<Diagnostic>& diagnostics) {
    DecodedText decoded;
    decode_bytes(bytes, decoded);
    finish_loading(out, std::move(path), decoded, diagnostics);
}

void load_source_text(SourceText& out, std::string path, std::string&& bytes, std::vector<Diagnostic>& diagnostics,
                      unsigned jobs) {
    DecodedText decoded;
    decode_owned_bytes(std::move(bytes), decoded, jobs);
    finish_loading(out, std::move(path), decoded, diagnostics, jobs);
}

void load_source_text(SourceText& out, std::string path, MappedFile&& mapping, std::vector<Diagnostic>& diagnostics,
                      unsigned jobs) {
    if (is_clean_utf8(mapping.bytes(), jobs)) {
        // The mapped file is the text: no copy of it is made.
        out.path = std::move(path);
        out.encoding = "UTF-8";
        out.mapping = std::move(mapping);
        out.text = out.mapping.bytes();
        out.lines.build(out.text, jobs);
        return;
    }
    DecodedText decoded;
    decode_bytes(mapping.bytes(), decoded);
    mapping = MappedFile();
    finish_loading(out, std::move(path), decoded, diagnostics, jobs);
}

void set_source_text(SourceText& out, std::string path, std::string text) {
    out.path = std::move(path);
    out.encoding = "UTF-8";
    out.storage = std::move(text);
    out.text = out.storage;
    out.lines.build(out.text);
}

}  // namespace pm
