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

// Appends to `out`: CRLF and lone CR become '\n', NUL becomes U+FFFD. Tracks the current line so
// replacements can be cited.
class TextSink {
public:
    TextSink(std::string& out, ReplacementLog& log) : m_out(out), m_log(log) {}

    // Well-formed UTF-8 (control characters allowed).
    void put_utf8(std::string_view valid);
    // One Unicode scalar value; surrogates are replaced as `surrogate_kind`.
    void put_code_point(char32_t cp, BadKind surrogate_kind);
    void put_replacement(BadKind kind);

private:
    void put_special(unsigned char c);

    std::string& m_out;
    ReplacementLog& m_log;
    long long m_line = 1;
    bool m_after_cr = false;
};

}  // namespace pm
