// The incident's containers by container ID, for the kernel's IDs to find theirs in logarithmic time
// however many IDs share a prefix: an ID matches when one is a prefix of the other, 12 characters at least.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace pm {

using Slot = std::pair<std::uint32_t, std::uint32_t>;  // pod, container

// `containerd://46b3…` -> `46b3…`.
std::string_view bare_container_id(std::string_view id);

class ContainerIdIndex {
public:
    void add(std::string_view id, Slot slot);  // IDs shorter than 12 characters are not indexed
    // The first added container whose ID matches `id`, as a scan in the order added would find it.
    std::optional<Slot> find(std::string_view id) const;

private:
    struct Entry {
        std::string_view id;  // bare
        std::uint32_t order;
        Slot slot;
    };
    void build() const;
    std::uint32_t min_order(std::size_t from, std::size_t to) const;  // over m_sorted[from, to)

    std::vector<Entry> m_added;
    mutable std::vector<Entry> m_sorted;
    mutable std::vector<std::vector<std::uint32_t>> m_min;  // sparse table of orders: [k][i] = min over 2^k from i
    mutable std::vector<std::size_t> m_lengths;           // the distinct ID lengths, ascending
    mutable bool m_built = true;
};

}  // namespace pm
