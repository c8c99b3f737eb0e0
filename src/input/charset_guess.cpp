// Guesses a legacy code page with ICU's detector, bounded to a window so large files stay cheap.
#include "input/charset_guess.hpp"

#include <unicode/ucsdet.h>

#include <array>

namespace pm {

namespace {

constexpr std::size_t k_window = std::size_t{64} * 1024;
constexpr std::size_t k_context_before = 1024;
constexpr int k_min_single_byte = 20;
constexpr int k_min_cjk = 10;
constexpr int k_sure = 50;

enum class Family { cjk, single_byte, other };

struct KnownCharset {
    std::string_view name;
    Family family;
};

// ICU detector names we are willing to convert from. Anything else (UTF-16 without BOM, ISO-2022,
// EBCDIC Arabic/Hebrew) is never the encoding of a saved kubectl or kernel log.
constexpr std::array<KnownCharset, 18> k_known = {{
    {"GB18030", Family::cjk},           {"Big5", Family::cjk},
    {"EUC-JP", Family::cjk},            {"EUC-KR", Family::cjk},
    {"Shift_JIS", Family::cjk},         {"ISO-8859-1", Family::single_byte},
    {"ISO-8859-2", Family::single_byte}, {"ISO-8859-5", Family::single_byte},
    {"ISO-8859-6", Family::single_byte}, {"ISO-8859-7", Family::single_byte},
    {"ISO-8859-8", Family::single_byte}, {"ISO-8859-9", Family::single_byte},
    {"windows-1250", Family::single_byte}, {"windows-1251", Family::single_byte},
    {"windows-1252", Family::single_byte}, {"windows-1253", Family::single_byte},
    {"windows-1254", Family::single_byte}, {"KOI8-R", Family::single_byte},
}};

Family family_of(std::string_view name) {
    for (const auto& known : k_known) {
        if (known.name == name) {
            return known.family;
        }
    }
    return Family::other;
}

// GB2312 text is runs of high bytes in pairs, both bytes in A1..FE; a corrupted UTF-8 file or a
// Latin-1 file has runs of one byte, or continuation bytes (80..BF) below A1. Latin-1 words can
// pair two letters ("Größe"), hence three runs in four, not a bare majority.
bool looks_like_gb_pairs(std::string_view window) {
    std::size_t runs = 0;
    std::size_t gb_runs = 0;
    std::size_t i = 0;
    while (i < window.size()) {
        if (static_cast<unsigned char>(window[i]) < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        bool all_gb = true;
        while (i < window.size() && static_cast<unsigned char>(window[i]) >= 0x80) {
            all_gb = all_gb && static_cast<unsigned char>(window[i]) >= 0xA1 &&
                     static_cast<unsigned char>(window[i]) != 0xFF;
            ++len;
            ++i;
        }
        ++runs;
        if (all_gb && len % 2 == 0) {
            ++gb_runs;
        }
    }
    return gb_runs > 0 && gb_runs * 4 >= runs * 3;
}

std::string_view detection_window(std::string_view bytes, std::size_t first_invalid) {
    std::size_t start = first_invalid > k_context_before ? first_invalid - k_context_before : 0;
    // Start on a line boundary so the detector does not see half a character.
    const std::size_t nl = bytes.find('\n', start);
    if (start > 0 && nl != std::string_view::npos && nl < first_invalid) {
        start = nl + 1;
    }
    return bytes.substr(start, k_window);
}

struct DetectorCloser {
    UCharsetDetector* detector;
    ~DetectorCloser() { ucsdet_close(detector); }
};

}  // namespace

CharsetGuess guess_legacy_charset(std::string_view bytes, std::size_t first_invalid) {
    if (first_invalid >= bytes.size()) {
        return {};
    }
    const std::string_view window = detection_window(bytes, first_invalid);
    const bool gb_pairs = looks_like_gb_pairs(window);

    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector* detector = ucsdet_open(&status);
    if (U_FAILURE(status) || detector == nullptr) {
        return {};
    }
    DetectorCloser closer{detector};
    ucsdet_setText(detector, window.data(), static_cast<int32_t>(window.size()), &status);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector, &count, &status);
    if (U_FAILURE(status) || matches == nullptr) {
        return {};
    }
    for (int32_t i = 0; i < count; ++i) {
        UErrorCode match_status = U_ZERO_ERROR;
        const char* name = ucsdet_getName(matches[i], &match_status);
        const int confidence = ucsdet_getConfidence(matches[i], &match_status);
        if (U_FAILURE(match_status) || name == nullptr) {
            continue;
        }
        const Family family = family_of(name);
        if (gb_pairs) {
            if (family != Family::cjk || confidence < k_min_cjk) {
                continue;
            }
            // A few CJK characters cannot tell GB from Big5 or EUC; a Chinese Windows console
            // (code page 936, a subset of GB18030) is by far the likeliest source.
            if (confidence < k_sure) {
                return {"GB18030", confidence};
            }
            return {name, confidence};
        }
        if ((family == Family::single_byte && confidence >= k_min_single_byte) ||
            (family == Family::cjk && confidence >= k_sure)) {
            return {name, confidence};
        }
    }
    return {};
}

}  // namespace pm
