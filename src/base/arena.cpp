#include "base/arena.hpp"

#include <algorithm>
#include <cstring>

namespace pm {

std::string_view StringArena::keep(std::string_view text) {
    if (text.empty()) {
        return {};
    }
    m_bytes += text.size();
    if (text.size() > k_block / 4) {
        // A large text gets a block of its own, so the current block's free space is not wasted.
        std::unique_ptr<char[]> block(new char[text.size()]);  // not zero-filled: it is written at once
        std::memcpy(block.get(), text.data(), text.size());
        std::string_view view(block.get(), text.size());
        m_blocks.push_back(std::move(block));
        return view;
    }
    if (text.size() > m_left) {
        // Blocks grow from 4 KiB to 64 KiB: an input that keeps a few texts (most do) takes one page,
        // not 64 KiB, and blocks are not zero-filled, so untouched pages stay unmapped.
        const std::size_t grown = m_blocks.size() < 4 ? k_first_block << m_blocks.size() : k_block;
        const std::size_t size = std::min(k_block, std::max(grown, text.size()));
        m_blocks.emplace_back(new char[size]);
        m_next = m_blocks.back().get();
        m_left = size;
    }
    std::memcpy(m_next, text.data(), text.size());
    std::string_view view(m_next, text.size());
    m_next += text.size();
    m_left -= text.size();
    return view;
}

void StringArena::absorb(StringArena&& other) {
    for (auto& block : other.m_blocks) {
        m_blocks.push_back(std::move(block));
    }
    m_bytes += other.m_bytes;
    other.m_blocks.clear();
    other.m_next = nullptr;
    other.m_left = 0;
    other.m_bytes = 0;
}

}  // namespace pm
