#include "readers/describe/line_screen.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

#include "base/block16.hpp"

namespace pm {

namespace {

constexpr std::size_t k_block = Block16::k_size;

// Bit i: byte i of the block is that character (bytes past the text's end are none of them).
struct BlockMasks {
    std::uint32_t colon = 0;
    std::uint32_t space = 0;
    std::uint32_t tab_or_cr = 0;
};

BlockMasks masks_of(const char* block) {
    const Block16 bytes(block);
    return {bytes.equal(':'), bytes.equal(' '), bytes.equal('\t') | bytes.equal('\r')};
}

// The masks of the bytes [base, base + 16) of `text`, or of fewer at its end: a tail is read as the
// text's last 16 bytes (in bounds) and shifted, and only a text shorter than a block is copied.
BlockMasks block_at(std::string_view text, std::size_t base) {
    const std::size_t left = text.size() - base;
    if (left >= k_block) {
        return masks_of(text.data() + base);
    }
    if (text.size() >= k_block) {
        BlockMasks m = masks_of(text.data() + text.size() - k_block);
        const auto drop = static_cast<unsigned>(k_block - left);
        m.colon >>= drop;
        m.space >>= drop;
        m.tab_or_cr >>= drop;
        return m;
    }
    char tail[k_block] = {};  // NULs: none of the characters looked for
    std::memcpy(tail, text.data() + base, left);
    return masks_of(tail);
}

}  // namespace

LineScreen screen_line(std::string_view text) {
    enum class Phase { before_colon, alignment, value };
    Phase phase = Phase::before_colon;
    int colons = 0;
    bool glued = false;
    bool space_before = false;  // the byte before this block is a space of the value (a pair may span blocks)
    for (std::size_t base = 0; base < text.size() && !(glued && colons >= 3); base += k_block) {
        const std::size_t left = text.size() - base;
        const BlockMasks m = block_at(text, base);
        const std::uint32_t valid = left >= k_block ? 0xFFFFu : (1u << left) - 1;
        for (std::uint32_t c = m.colon; c != 0 && colons < 3; c &= c - 1) {
            ++colons;  // counted to three, bit by bit: most lines have one or two
        }
        std::uint32_t after = valid;  // the block's bytes past the point the phase began
        if (phase == Phase::before_colon) {
            if (m.colon == 0) {
                continue;
            }
            after = valid & ~((2u << std::countr_zero(m.colon)) - 1);  // after the first colon
            phase = Phase::alignment;
        }
        if (phase == Phase::alignment) {
            const std::uint32_t text_bytes = after & ~(m.space | m.tab_or_cr);
            if (text_bytes == 0) {
                continue;  // the value's alignment goes on into the next block
            }
            after = valid & ~((1u << std::countr_zero(text_bytes)) - 1);  // from the value's first byte
            phase = Phase::value;
            space_before = false;
        }
        const std::uint32_t spaces = m.space & after;
        const std::uint32_t pairs = spaces & (spaces >> 1);  // bit i: bytes i and i+1 are spaces
        glued = glued || (m.tab_or_cr & after) != 0 || pairs != 0 || (space_before && (spaces & 1u) != 0);
        space_before = (spaces >> (k_block - 1) & 1u) != 0;
    }
    return {colons >= 3, glued};
}

}  // namespace pm
