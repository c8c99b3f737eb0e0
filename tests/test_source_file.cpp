// Tests for load_source_text: encodings, line ends, replaced bytes and their warnings.
#include <doctest/doctest.h>

#include <unicode/ucnv.h>

#include <cstdint>
#include <string>
#include <vector>

#include "input/source_text.hpp"

namespace {

// Serialises UTF-16 text the way Windows PowerShell's `>` writes it: BOM first.
std::string utf16_bytes(std::u16string_view text, bool big_endian, bool bom = true) {
    std::string out;
    auto put = [&](char16_t u) {
        const char hi = static_cast<char>(u >> 8);
        const char lo = static_cast<char>(u & 0xFF);
        out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
    };
    if (bom) {
        put(0xFEFF);
    }
    for (const char16_t u : text) {
        put(u);
    }
    return out;
}

std::string utf32_bytes(std::u32string_view text, bool big_endian) {
    std::string out;
    auto put = [&](char32_t u) {
        for (int i = 0; i < 4; ++i) {
            const int shift = big_endian ? 24 - 8 * i : 8 * i;
            out.push_back(static_cast<char>((u >> shift) & 0xFF));
        }
    };
    put(0xFEFF);
    for (const char32_t u : text) {
        put(u);
    }
    return out;
}

// Real legacy bytes, produced by ICU rather than typed in.
std::string encode_as(const char* charset, const std::string& utf8) {
    std::string out(utf8.size() * 4 + 16, '\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t len = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                     static_cast<int32_t>(utf8.size()), &status);
    REQUIRE(U_SUCCESS(status));
    out.resize(static_cast<std::size_t>(len));
    return out;
}

std::vector<std::string> lines_of(const pm::SourceText& file) {
    return {file.lines.begin(), file.lines.end()};
}

const std::string k_bad_utf8 =
    "invalid UTF-8 byte sequence replaced with U+FFFD; if this file is not UTF-8, re-save it as UTF-8";

struct Expected {
    std::string source;
    std::string message_start;  // the message must begin with this
};

struct DecodeCase {
    const char* name;
    std::string bytes;
    std::string encoding;
    std::vector<std::string> lines;
    std::vector<Expected> warnings;
};

const std::string k_describe_gb_utf8 =
    "Name:         api-7d9f8b6c5d-x2kqp\n"
    "Namespace:    prod\n"
    "    Last State:     Terminated\n"
    "      原因:       OOMKilled\n"
    "      Exit Code:    137\n";

const std::string k_events_gb_utf8 =
    "Events:\n"
    "  Type     Reason   Age   From     Message\n"
    "  ----     ------   ----  ----     -------\n"
    "  Warning  BackOff  61s   kubelet  容器因内存不足被终止，正在重新启动。请检查内存限制是否足够。\n";

std::vector<DecodeCase> decode_cases() {
    return {
        {"plain UTF-8", "Name:         api\nNamespace:    prod\n", "UTF-8", {"Name:         api", "Namespace:    prod"}, {}},
        {"UTF-8 BOM stripped", "\xEF\xBB\xBFName:  api\r\nStatus:  Running\r\n", "UTF-8", {"Name:  api", "Status:  Running"}, {}},
        {"UTF-8 multibyte kept", "原因: OOMKilled — 内存\n", "UTF-8", {"原因: OOMKilled — 内存"}, {}},
        {"CRLF", "Exit Code:    137\r\nRestart Count:  3\r\n", "UTF-8", {"Exit Code:    137", "Restart Count:  3"}, {}},
        {"lone CRs in a text with no LF end its lines (classic Mac)",
         "State: Waiting\rReason: CrashLoopBackOff\rReady: False", "UTF-8",
         {"State: Waiting", "Reason: CrashLoopBackOff", "Ready: False"}, {}},
        {"a lone CR among LF lines is content, written as kubectl 1.26+ does",
         "Downloading  10%\rDownloading 100%\nTraceback (most recent call last):\n", "UTF-8",
         {"Downloading  10%\\rDownloading 100%", "Traceback (most recent call last):"}, {}},
        {"mixed line ends and blank lines", "a\r\n\r\nb\n\rc", "UTF-8", {"a", "", "b", "\\rc"}, {}},
        {"CR CR LF is one line end, as grep -n counts it", "a\r\r\nb\n", "UTF-8", {"a", "b"}, {}},
        {"a CR at the very end of an LF text", "a\nb\r", "UTF-8", {"a", "b\\r"}, {}},
        {"UTF-16LE progress line: its CR is content", utf16_bytes(u"10%\r100%\r\nok\r\n", false), "UTF-16LE",
         {"10%\\r100%", "ok"}, {}},
        {"empty file", "", "UTF-8", {}, {}},
        {"single newline", "\n", "UTF-8", {""}, {}},
        {"no final newline", "Events:  <none>\nQoS Class:  Burstable", "UTF-8", {"Events:  <none>", "QoS Class:  Burstable"}, {}},
        {"UTF-16LE with BOM (PowerShell >)",
         utf16_bytes(u"Name:             api-7d9f8b6c5d-x2kqp\r\n    Last State:     Terminated\r\n      Reason:       OOMKilled\r\n", false),
         "UTF-16LE",
         {"Name:             api-7d9f8b6c5d-x2kqp", "    Last State:     Terminated", "      Reason:       OOMKilled"}, {}},
        {"UTF-16BE with BOM", utf16_bytes(u"Exit Code:    137\r\nRestart Count:  3\r\n", true), "UTF-16BE",
         {"Exit Code:    137", "Restart Count:  3"}, {}},
        {"UTF-16LE with Chinese and a surrogate pair", utf16_bytes(u"原因: OOMKilled \U0001F600\r\n", false), "UTF-16LE",
         {"原因: OOMKilled \U0001F600"}, {}},
        {"UTF-16LE without BOM", utf16_bytes(u"Name:         api\nNamespace:    prod\nStatus:       Running\n", false, false),
         "UTF-16LE", {"Name:         api", "Namespace:    prod", "Status:       Running"}, {}},
        {"UTF-32LE with BOM", utf32_bytes(U"Exit Code:    137\n原因\n", false), "UTF-32LE", {"Exit Code:    137", "原因"}, {}},
        {"UTF-32BE with BOM", utf32_bytes(U"Exit Code:    137\n", true), "UTF-32BE", {"Exit Code:    137"}, {}},
        {"GB18030 describe line", encode_as("GB18030", k_describe_gb_utf8), "GB18030",
         {"Name:         api-7d9f8b6c5d-x2kqp", "Namespace:    prod", "    Last State:     Terminated",
          "      原因:       OOMKilled", "      Exit Code:    137"},
         {{"t:4", "not valid UTF-8; decoded as GB18030, a weak guess"}}},
        {"GB18030 event message, CRLF", encode_as("GB18030", "Events:\r\n") + encode_as("GB18030", k_events_gb_utf8.substr(8)),
         "GB18030",
         {"Events:", "  Type     Reason   Age   From     Message", "  ----     ------   ----  ----     -------",
          "  Warning  BackOff  61s   kubelet  容器因内存不足被终止，正在重新启动。请检查内存限制是否足够。"},
         {}},
        {"ISO-8859-1 message",
         encode_as("ISO-8859-1", "Reason: Error\nMessage: Le conteneur a été arrêté après dépassement de la mémoire allouée.\n"),
         "ISO-8859-1", {"Reason: Error", "Message: Le conteneur a été arrêté après dépassement de la mémoire allouée."},
         {}},
        {"Shift_JIS message",
         encode_as("Shift_JIS", "Message: コンテナがメモリ不足で終了しました。メモリ制限を確認してください。\n"), "Shift_JIS",
         {"Message: コンテナがメモリ不足で終了しました。メモリ制限を確認してください。"},
         {}},
        {"corrupted UTF-8: truncated sequence",
         "Reason:       OOMKilled\nMessage:      killed — out of memory\nExit Code:    137 \xE2\x80\nRestart Count:  3\n", "UTF-8",
         {"Reason:       OOMKilled", "Message:      killed — out of memory", "Exit Code:    137 \xEF\xBF\xBD",
          "Restart Count:  3"},
         {{"t:3", k_bad_utf8}}},
        {"corrupted UTF-8: stray bytes among Chinese text, one warning per line",
         "原因: 内存不足\n\x80\x80 退出码 \xC3(\n正常\n\xFF\n", "UTF-8",
         {"原因: 内存不足", "\xEF\xBF\xBD\xEF\xBF\xBD 退出码 \xEF\xBF\xBD(", "正常", "\xEF\xBF\xBD"},
         {{"t:2", k_bad_utf8}, {"t:4", k_bad_utf8}}},
        {"overlong and surrogate encodings are invalid", "αβγδεζηθ \xC0\xAF \xED\xA0\x80 ικλμ\n", "UTF-8",
         {"αβγδεζηθ \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD ικλμ"}, {{"t:1", k_bad_utf8}}},
        {"invalid byte after CRLF counts the right line", "a\r\nb\r\n\xE2\x82 c\r\n", "UTF-8",
         {"a", "b", "\xEF\xBF\xBD c"}, {{"t:3", k_bad_utf8}}},
        {"NUL bytes", std::string("Exit Code:    137\0\0\nReady: False\n", 33), "UTF-8",
         {"Exit Code:    137\xEF\xBF\xBD\xEF\xBF\xBD", "Ready: False"},
         {{"t:1", "NUL byte replaced with U+FFFD"}}},
        {"unpaired surrogate in UTF-16LE",
         utf16_bytes(std::u16string(u"ok\r\nbad ") + char16_t(0xD800) + u" here\r\n", false), "UTF-16LE",
         {"ok", "bad \xEF\xBF\xBD here"}, {{"t:2", "invalid UTF-16"}}},
        {"odd trailing byte in UTF-16LE", utf16_bytes(u"ok\r\nend", false) + "x", "UTF-16LE", {"ok", "end\xEF\xBF\xBD"},
         {{"t:2", "invalid UTF-16"}}},
    };
}

}  // namespace

TEST_SUITE("source_file") {

TEST_CASE("load_source_text") {
    for (const DecodeCase& c : decode_cases()) {
        INFO("case: " << std::string(c.name));
        pm::SourceText file;
        std::vector<pm::Diagnostic> warnings;
        pm::load_source_text(file, "t", c.bytes, warnings);
        CHECK(file.path == "t");
        CHECK(file.encoding == c.encoding);
        CHECK(lines_of(file) == c.lines);
        CHECK(file.text.find('\r') == std::string::npos);
        for (const auto line : file.lines) {
            CHECK(line.data() >= file.text.data());
            CHECK(line.data() + line.size() <= file.text.data() + file.text.size());
        }
        REQUIRE(warnings.size() == c.warnings.size());
        for (std::size_t i = 0; i < warnings.size(); ++i) {
            CAPTURE(warnings[i].message);
            CHECK(pm::diagnostic_where(warnings[i]) == c.warnings[i].source);
            CHECK(warnings[i].message.rfind(c.warnings[i].message_start, 0) == 0);
        }
    }
}

// What grep -n, sed -n and wc -l call line N of a text with LF line ends: its CRs before an LF are
// part of the line end; any other CR is content, written as `\r`.
std::vector<std::string> grep_lines(const std::string& bytes) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < bytes.size()) {
        const std::size_t lf = bytes.find('\n', start);
        std::string line = bytes.substr(start, lf == std::string::npos ? std::string::npos : lf - start);
        if (lf != std::string::npos) {
            line.erase(line.find_last_not_of('\r') + 1);
        }
        std::string shown;
        for (const char c : line) {
            shown += c == '\r' ? std::string("\\r") : std::string(1, c);
        }
        lines.push_back(shown);
        start = lf == std::string::npos ? bytes.size() : lf + 1;
    }
    return lines;
}

TEST_CASE("load_source_text numbers lines as grep -n does, whatever the CRs") {
    std::uint64_t state = 7;
    const std::string pieces[] = {"a", "Exit Code:  137", "\r", "\r", "\n", "\r\n", " ", "\t"};
    for (int round = 0; round < 2000; ++round) {
        std::string bytes = "x\n";  // an LF, so a CR is never a line end by itself
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const int n = static_cast<int>((state >> 40) % 24);
        for (int i = 0; i < n; ++i) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            bytes += pieces[(state >> 33) % std::size(pieces)];
        }
        CAPTURE(bytes);
        pm::SourceText file;
        std::vector<pm::Diagnostic> warnings;
        pm::load_source_text(file, "t", bytes, warnings);
        CHECK(lines_of(file) == grep_lines(bytes));
    }
}

TEST_CASE("load_source_text caps warnings at 20 lines plus a summary") {
    std::string bytes = "Name: api\n";
    for (int i = 0; i < 30; ++i) {
        bytes += "line \xE2\x80 x \xE2\x80 y\n";  // two bad sequences per line, lines 2..31
    }
    pm::SourceText file;
    std::vector<pm::Diagnostic> warnings;
    pm::load_source_text(file, "notes.txt", bytes, warnings);
    REQUIRE(warnings.size() == 21);
    CHECK(pm::diagnostic_where(warnings[0]) == "notes.txt:2");
    CHECK(pm::diagnostic_where(warnings[19]) == "notes.txt:21");
    CHECK(pm::diagnostic_where(warnings[20]) == "notes.txt");
    CHECK(warnings[20].message.rfind("60 byte sequences in 30 lines were replaced with U+FFFD", 0) == 0);
    CHECK(file.lines.size() == 31);
}

TEST_CASE("load_source_text survives random binary") {
    std::string bytes(5 * 1024 * 1024, '\0');
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    for (char& c : bytes) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        c = static_cast<char>(state >> 56);
    }
    pm::SourceText file;
    std::vector<pm::Diagnostic> warnings;
    pm::load_source_text(file, "random.bin", bytes, warnings);
    CHECK(!file.text.empty());
    CHECK(file.text.find('\r') == std::string::npos);
    CHECK(file.text.find('\0') == std::string::npos);
    CHECK(warnings.size() <= 22);
    CHECK(!warnings.empty());
    std::size_t newlines = 0;
    for (const char c : file.text) {
        newlines += c == '\n';
    }
    CHECK(file.lines.size() == newlines + (file.text.back() == '\n' ? 0 : 1));
}

TEST_CASE("load_source_text indexes a large ASCII file") {
    const std::string line = "Aug 27 10:58:27 worker-3 kernel: Memory cgroup out of memory: Killed process 483880 (python3)\n";
    std::string bytes;
    bytes.reserve(line.size() * 200000);
    for (int i = 0; i < 200000; ++i) {
        bytes += line;
    }
    pm::SourceText file;
    std::vector<pm::Diagnostic> warnings;
    pm::load_source_text(file, "kern.log", bytes, warnings);
    CHECK(file.encoding == "UTF-8");
    CHECK(file.lines.size() == 200000);
    CHECK(file.lines.back() == std::string_view(line).substr(0, line.size() - 1));
    CHECK(warnings.empty());
}

}  // TEST_SUITE
