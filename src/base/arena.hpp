// Storage for text the pipeline derives (joined messages, unwrapped layers): stable views, few allocations.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pm {

class StringArena {
public:
    // A copy of `text` that lives as long as the arena; the view never moves.
    std::string_view keep(std::string_view text);

    std::size_t bytes() const { return m_bytes; }

    // Takes over every block of `other`: its views stay valid, now owned here.
    void absorb(StringArena&& other);

private:
    static constexpr std::size_t k_block = std::size_t{64} * 1024;
    static constexpr std::size_t k_first_block = std::size_t{4} * 1024;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    char* m_next = nullptr;
    std::size_t m_left = 0;
    std::size_t m_bytes = 0;
};

}  // namespace pm
