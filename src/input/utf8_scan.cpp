// Hand-written UTF-8 validation: ICU would be slower and would copy 200 MB inputs for no gain.
#include "input/utf8_scan.hpp"

#include <algorithm>
#include <cstring>

#include "base/parallel.hpp"
#include "base/swar.hpp"

namespace pm {

namespace {

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// True when any byte of v is 0x00 or 0x0D: the two ASCII bytes the decoder must look at.
bool has_nul_or_cr(std::uint64_t v) {
    return swar::has_byte(v, 0x00) || swar::has_byte(v, 0x0D);
}

}  // namespace

int utf8_sequence_length(const unsigned char* p, std::size_t avail, std::size_t& bad_len) {
    const unsigned char c = p[0];
    int need = 0;
    // The second byte's range excludes overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0) {
            lo = 0xA0;
        } else if (c == 0xED) {
            hi = 0x9F;
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0) {
            lo = 0x90;
        } else if (c == 0xF4) {
            hi = 0x8F;
        }
    } else {
        bad_len = 1;  // stray continuation byte, C0, C1 or F5..FF
        return 0;
    }
    std::size_t i = 1;
    if (i < avail && p[i] >= lo && p[i] <= hi) {
        ++i;
        while (i < static_cast<std::size_t>(need) && i < avail && is_continuation(p[i])) {
            ++i;
        }
    }
    if (i == static_cast<std::size_t>(need)) {
        return need;
    }
    bad_len = i;
    return 0;
}

Utf8Stats scan_utf8(std::string_view bytes) {
    Utf8Stats stats;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            std::uint64_t v = 0;
            std::memcpy(&v, p + i, 8);
            if (!swar::has_high(v) && !has_nul_or_cr(v)) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            if (c == 0) {
                ++stats.nul;
            } else if (c == '\r') {
                ++stats.cr;
            }
            ++i;
            continue;
        }
        std::size_t bad_len = 0;
        const int len = utf8_sequence_length(p + i, n - i, bad_len);
        if (len > 0) {
            ++stats.multibyte;
            i += static_cast<std::size_t>(len);
        } else {
            if (stats.invalid == 0) {
                stats.first_invalid = i;
            }
            ++stats.invalid;
            stats.truncated += bad_len >= 2;
            i += bad_len;
        }
    }
    return stats;
}

std::vector<std::size_t> newline_cuts(std::string_view text, std::size_t parts) {
    std::vector<std::size_t> cuts{0};
    const std::size_t step = text.size() / std::max<std::size_t>(parts, 1);
    for (std::size_t k = 1; k < parts && step > 0; ++k) {
        const std::size_t from = std::max(cuts.back(), k * step);
        if (from >= text.size()) {
            break;
        }
        const void* nl = std::memchr(text.data() + from, '\n', text.size() - from);
        if (nl == nullptr) {
            break;
        }
        const auto cut = static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1;
        if (cut < text.size() && cut > cuts.back()) {
            cuts.push_back(cut);
        }
    }
    cuts.push_back(text.size());
    return cuts;
}

Utf8Stats scan_utf8(std::string_view bytes, unsigned jobs) {
    if (jobs <= 1 || bytes.size() < k_parallel_text_bytes) {
        return scan_utf8(bytes);
    }
    const std::vector<std::size_t> cuts = newline_cuts(bytes, std::size_t{jobs} * 4);
    std::vector<Utf8Stats> parts(cuts.size() - 1);
    parallel_for(parts.size(), jobs, [&](std::size_t i) {
        parts[i] = scan_utf8(bytes.substr(cuts[i], cuts[i + 1] - cuts[i]));
    });
    Utf8Stats total;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Utf8Stats& part = parts[i];
        total.invalid += part.invalid;
        total.truncated += part.truncated;
        total.multibyte += part.multibyte;
        total.nul += part.nul;
        total.cr += part.cr;
        if (total.first_invalid == std::string_view::npos && part.first_invalid != std::string_view::npos) {
            total.first_invalid = cuts[i] + part.first_invalid;
        }
    }
    return total;
}

}  // namespace pm
