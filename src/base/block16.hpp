// Sixteen bytes compared at once against one character: the shared step of the line screens that
// find a few kinds of byte in a line (SSE2 where the target has it, a byte loop where it has not).
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pm {

class Block16 {
public:
    static constexpr std::size_t k_size = 16;

    // The 16 bytes at `bytes`, all of which must be readable.
    explicit Block16(const char* bytes) {
#if defined(__SSE2__)
        m_bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
#else
        for (std::size_t i = 0; i < k_size; ++i) {
            m_bytes[i] = bytes[i];
        }
#endif
    }

    // Bit i set where byte i is `c`.
    std::uint32_t equal(char c) const {
#if defined(__SSE2__)
        return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(m_bytes, _mm_set1_epi8(c))));
#else
        std::uint32_t mask = 0;
        for (std::size_t i = 0; i < k_size; ++i) {
            mask |= m_bytes[i] == c ? 1u << i : 0;
        }
        return mask;
#endif
    }

private:
#if defined(__SSE2__)
    __m128i m_bytes;
#else
    char m_bytes[k_size];
#endif
};

}  // namespace pm
