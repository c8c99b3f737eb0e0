// Picks the encoding of an input and decodes it to UTF-8; the policy lives here, the mechanics elsewhere.
#include "input/decode.hpp"

#include <algorithm>
#include <cstring>

#include "input/charset_guess.hpp"
#include "input/icu_convert.hpp"
#include "input/utf8_scan.hpp"

namespace pm {

namespace {

constexpr std::size_t k_sniff_bytes = 4096;

struct Bom {
    std::string_view bytes;
    const char* encoding;
    BadKind bad_kind;
};

// UTF-32LE must be tried before UTF-16LE: its BOM starts with the UTF-16LE one.
constexpr Bom k_boms[] = {
    {{"\xEF\xBB\xBF", 3}, "UTF-8", BadKind::invalid_utf8},
    {{"\xFF\xFE\x00\x00", 4}, "UTF-32LE", BadKind::invalid_utf32},
    {{"\x00\x00\xFE\xFF", 4}, "UTF-32BE", BadKind::invalid_utf32},
    {{"\xFF\xFE", 2}, "UTF-16LE", BadKind::invalid_utf16},
    {{"\xFE\xFF", 2}, "UTF-16BE", BadKind::invalid_utf16},
};

// ASCII-heavy UTF-16/32 written without a BOM (some editors, `Out-File -Encoding unicode` piped
// through other tools) is valid UTF-8 full of NULs; recognise it by where the zero bytes sit.
const Bom* sniff_bomless_wide(std::string_view bytes) {
    static const Bom k_utf32le{{}, "UTF-32LE", BadKind::invalid_utf32};
    static const Bom k_utf32be{{}, "UTF-32BE", BadKind::invalid_utf32};
    static const Bom k_utf16le{{}, "UTF-16LE", BadKind::invalid_utf16};
    static const Bom k_utf16be{{}, "UTF-16BE", BadKind::invalid_utf16};
    const std::size_t n = std::min(bytes.size(), k_sniff_bytes) & ~std::size_t{3};
    if (n < 8) {
        return nullptr;
    }
    if (std::memchr(bytes.data(), 0, n) == nullptr) {
        return nullptr;  // the common case, found at memchr's speed: no NUL, so not wide text
    }
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t le32 = 0;
    std::size_t be32 = 0;
    for (std::size_t i = 0; i < n; i += 4) {
        le32 += p[i] != 0 && p[i + 1] == 0 && p[i + 2] == 0 && p[i + 3] == 0;
        be32 += p[i] == 0 && p[i + 1] == 0 && p[i + 2] == 0 && p[i + 3] != 0;
    }
    std::size_t le16 = 0;
    std::size_t be16 = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        le16 += p[i] != 0 && p[i + 1] == 0;
        be16 += p[i] == 0 && p[i + 1] != 0;
    }
    // 90 %: a real text file has almost no NULs, a wide one has them in nearly every unit.
    if (le32 * 10 >= (n / 4) * 9) {
        return &k_utf32le;
    }
    if (be32 * 10 >= (n / 4) * 9) {
        return &k_utf32be;
    }
    if (le16 * 10 >= (n / 2) * 9) {
        return &k_utf16le;
    }
    if (be16 * 10 >= (n / 2) * 9) {
        return &k_utf16be;
    }
    return nullptr;
}

// Decodes UTF-8, replacing each ill-formed sequence with one U+FFFD.
void repair_utf8(std::string_view bytes, TextSink& sink) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t run = 0;
    std::size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        std::size_t bad_len = 0;
        const int len = utf8_sequence_length(p + i, n - i, bad_len);
        if (len > 0) {
            i += static_cast<std::size_t>(len);
            continue;
        }
        sink.put_utf8(bytes.substr(run, i - run));
        sink.put_replacement(BadKind::invalid_utf8);
        i += bad_len;
        run = i;
    }
    sink.put_utf8(bytes.substr(run));
}

// A text with CRs and no LF byte at all ends its lines with CR (classic Mac); any other CR is content.
// (A wide text's LF has a 0x0A byte, so this holds for UTF-16/32 too; a stray 0x0A in another unit
// only makes its CRs content.)
bool cr_ends_lines(std::string_view bytes) {
    return bytes.find('\n') == std::string_view::npos;
}

long long line_of_offset(std::string_view bytes, std::size_t offset) {
    const std::string_view head = bytes.substr(0, offset);
    const char line_end = cr_ends_lines(bytes) ? '\r' : '\n';
    return 1 + static_cast<long long>(std::count(head.begin(), head.end(), line_end));
}

void decode_wide(std::string_view bytes, const Bom& bom, DecodedText& out) {
    out.encoding = bom.encoding;
    TextSink sink(out.text, out.replacements, cr_ends_lines(bytes));
    if (!convert_with_icu(bytes, bom.encoding, bom.bad_kind, sink)) {
        out.encoding = "UTF-8";
        repair_utf8(bytes, sink);
    }
}

// Bytes with no BOM that are not wide: UTF-8, damaged UTF-8, or a legacy code page.
void decode_narrow(std::string_view bytes, DecodedText& out) {
    const Utf8Stats stats = scan_utf8(bytes);
    out.encoding = "UTF-8";
    if (stats.invalid == 0 && stats.nul == 0 && stats.cr == 0) {
        out.text.assign(bytes.data(), bytes.size());
        return;
    }
    TextSink sink(out.text, out.replacements, cr_ends_lines(bytes));
    if (stats.invalid == 0) {
        sink.put_utf8(bytes);
        return;
    }
    // A few bad bytes among good multi-byte characters, or bad bytes that are cut-short UTF-8,
    // are damage to a UTF-8 file: repairing keeps every good character intact.
    const bool mostly_utf8 = stats.multibyte >= stats.invalid || stats.truncated * 2 >= stats.invalid;
    if (!mostly_utf8) {
        const CharsetGuess guess = guess_legacy_charset(bytes, stats.first_invalid);
        // convert_with_icu writes nothing when it returns false, so the repair below starts clean.
        if (!guess.name.empty() && convert_with_icu(bytes, guess.name.c_str(), BadKind::invalid_legacy, sink)) {
            out.encoding = guess.name;
            out.guessed = true;
            out.guess_confidence = guess.confidence;
            out.first_non_utf8_line = line_of_offset(bytes, stats.first_invalid);
            return;
        }
    }
    repair_utf8(bytes, sink);
}

}  // namespace

bool is_clean_utf8(std::string_view bytes, unsigned jobs) {
    for (const auto& b : k_boms) {
        if (bytes.substr(0, b.bytes.size()) == b.bytes) {
            return false;
        }
    }
    if (sniff_bomless_wide(bytes) != nullptr) {
        return false;
    }
    const Utf8Stats stats = scan_utf8(bytes, jobs);
    return stats.invalid == 0 && stats.nul == 0 && stats.cr == 0;
}

void decode_owned_bytes(std::string&& bytes, DecodedText& out, unsigned jobs) {
    if (is_clean_utf8(bytes, jobs)) {
        // Clean UTF-8 with '\n' line ends, the common case: the bytes are the text, not a copy of it.
        out.encoding = "UTF-8";
        out.text = std::move(bytes);
        return;
    }
    decode_bytes(bytes, out);
}

void decode_bytes(std::string_view bytes, DecodedText& out) {
    out.text.clear();
    out.text.reserve(bytes.size() + bytes.size() / 16);
    for (const auto& bom : k_boms) {
        if (bytes.substr(0, bom.bytes.size()) != bom.bytes) {
            continue;
        }
        const std::string_view body = bytes.substr(bom.bytes.size());
        if (bom.bad_kind == BadKind::invalid_utf8) {
            decode_narrow(body, out);
        } else {
            decode_wide(body, bom, out);
        }
        return;
    }
    if (const Bom* wide = sniff_bomless_wide(bytes)) {
        decode_wide(bytes, *wide, out);
        return;
    }
    decode_narrow(bytes, out);
}

}  // namespace pm
