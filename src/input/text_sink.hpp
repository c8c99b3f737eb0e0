// Builds the decoded UTF-8 text: normalises line ends and records where bytes were replaced.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pm {

// Why a U+FFFD went into the text.
enum class BadKind { invalid_utf8, nul, invalid_utf16, invalid_utf32, invalid_legacy };

struct BadLine {
    long long line = 0;  // 1-based line of the decoded text
    BadKind kind = BadKind::invalid_utf8;
};

// Keeps the first replacement of each line (up to k_max_listed lines) and counts the rest, so a
// 200 MB binary costs no memory beyond its text.
class ReplacementLog {
public:
    static constexpr std::size_t k_max_listed = 20;

    void note(long long line, BadKind kind);

    const std::vector<BadLine>& listed() const { return m_listed; }
    long long lines_with_replacements() const { return m_lines; }
    long long replacements() const { return m_total; }

private:
    std::vector<BadLine> m_listed;
    long long m_lines = 0;
    long long m_total = 0;
    long long m_last_line = 0;
};

// Appends to `out`: CRLF (and CR CR LF) becomes '\n', NUL becomes U+FFFD. A lone CR ends a line only
// in a text with no LF at all (classic Mac); elsewhere it is content (a progress bar's redraw) and is
// written as the two characters `\r`, as kubectl 1.26+ prints it, so line numbers agree with
// `grep -n`, `sed -n` and `wc -l`. Tracks the current line so replacements can be cited.
class TextSink {
public:
    TextSink(std::string& out, ReplacementLog& log, bool cr_ends_lines)
        : m_out(out), m_log(log), m_cr_ends_lines(cr_ends_lines) {}

    // Well-formed UTF-8 (control characters allowed).
    void put_utf8(std::string_view valid);
    // One Unicode scalar value; surrogates are replaced as `surrogate_kind`.
    void put_code_point(char32_t cp, BadKind surrogate_kind);
    void put_replacement(BadKind kind);

private:
    void put_special(unsigned char c);
    void put_content() { m_crs_written = 0; }

    std::string& m_out;
    ReplacementLog& m_log;
    bool m_cr_ends_lines = false;
    long long m_line = 1;
    std::size_t m_crs_written = 0;  // lone CRs written as `\r` just before: an LF makes them part of its line end
};

}  // namespace pm
