#include "base/arena.hpp"

#include <cstring>

namespace pm {

std::string_view StringArena::keep(std::string_view text) {
    if (text.empty()) {
        return {};
    }
    m_bytes += text.size();
    if (text.size() > k_block / 4) {
        // A large text gets a block of its own, so the current block's free space is not wasted.
        auto block = std::make_unique<char[]>(text.size());
        std::memcpy(block.get(), text.data(), text.size());
        std::string_view view(block.get(), text.size());
        m_blocks.push_back(std::move(block));
        return view;
    }
    if (text.size() > m_left) {
        m_blocks.push_back(std::make_unique<char[]>(k_block));
        m_next = m_blocks.back().get();
        m_left = k_block;
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
