// Builds the decoded UTF-8 text: one place for line-end normalisation and replacement bookkeeping.
#include "input/text_sink.hpp"

namespace pm {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

// NUL, LF and CR are the only bytes the sink rewrites; all three are <= 0x0D.
bool is_special(unsigned char c) {
    return c <= 0x0D && (c == 0x00 || c == 0x0A || c == 0x0D);
}

}  // namespace

void ReplacementLog::note(long long line, BadKind kind) {
    ++m_total;
    if (line == m_last_line) {
        return;
    }
    m_last_line = line;
    ++m_lines;
    if (m_listed.size() < k_max_listed) {
        m_listed.push_back({line, kind});
    }
}

void TextSink::put_special(unsigned char c) {
    if (c == '\r') {
        if (m_cr_ends_lines) {
            m_out.push_back('\n');
            ++m_line;
            return;
        }
        m_out.append("\\r");
        ++m_crs_written;
        return;
    }
    if (c == '\n') {
        // CR LF and CR CR LF are one line end: the CRs written as content just before are taken back.
        m_out.resize(m_out.size() - 2 * m_crs_written);
        m_crs_written = 0;
        m_out.push_back('\n');
        ++m_line;
        return;
    }
    put_replacement(BadKind::nul);
}

void TextSink::put_utf8(std::string_view valid) {
    const auto* p = reinterpret_cast<const unsigned char*>(valid.data());
    const std::size_t n = valid.size();
    std::size_t run = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!is_special(p[i])) {
            continue;
        }
        if (i > run) {
            m_out.append(valid.data() + run, i - run);
            put_content();
        }
        put_special(p[i]);
        run = i + 1;
    }
    if (n > run) {
        m_out.append(valid.data() + run, n - run);
        put_content();
    }
}

void TextSink::put_code_point(char32_t cp, BadKind surrogate_kind) {
    if (cp < 0x80) {
        const auto c = static_cast<unsigned char>(cp);
        if (is_special(c)) {
            put_special(c);
        } else {
            m_out.push_back(static_cast<char>(c));
            put_content();
        }
        return;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        put_replacement(surrogate_kind);
        return;
    }
    char buf[4];
    std::size_t len = 0;
    if (cp < 0x800) {
        buf[0] = static_cast<char>(0xC0 | (cp >> 6));
        buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
        len = 2;
    } else if (cp < 0x10000) {
        buf[0] = static_cast<char>(0xE0 | (cp >> 12));
        buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
        len = 3;
    } else {
        buf[0] = static_cast<char>(0xF0 | (cp >> 18));
        buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
        len = 4;
    }
    m_out.append(buf, len);
    put_content();
}

void TextSink::put_replacement(BadKind kind) {
    m_out.append(k_replacement);
    put_content();
    m_log.note(m_line, kind);
}

}  // namespace pm
