#include "correlate/container_id_index.hpp"

#include <algorithm>
#include <limits>

namespace pm {

namespace {

constexpr std::size_t k_min_id = 12;  // shorter IDs are too ambiguous to tie anything

}  // namespace

std::string_view bare_container_id(std::string_view id) {
    const std::size_t scheme = id.find("://");
    return scheme == std::string_view::npos ? id : id.substr(scheme + 3);
}

void ContainerIdIndex::add(std::string_view id, Slot slot) {
    const std::string_view bare = bare_container_id(id);
    if (bare.size() >= k_min_id) {
        m_added.push_back({bare, static_cast<std::uint32_t>(m_added.size()), slot});
        m_built = false;
    }
}

// Sorted by ID then order, so equal IDs and IDs extending a prefix sit side by side.
void ContainerIdIndex::build() const {
    m_sorted = m_added;
    std::sort(m_sorted.begin(), m_sorted.end(),
              [](const Entry& a, const Entry& b) { return a.id != b.id ? a.id < b.id : a.order < b.order; });
    m_min.assign(1, {});
    m_min[0].reserve(m_sorted.size());
    for (const Entry& e : m_sorted) {
        m_min[0].push_back(e.order);
    }
    for (std::size_t k = 1; (std::size_t{1} << k) <= m_sorted.size(); ++k) {
        const std::vector<std::uint32_t>& prev = m_min[k - 1];
        std::vector<std::uint32_t> level(m_sorted.size() - (std::size_t{1} << k) + 1);
        for (std::size_t i = 0; i < level.size(); ++i) {
            level[i] = std::min(prev[i], prev[i + (std::size_t{1} << (k - 1))]);
        }
        m_min.push_back(std::move(level));
    }
    m_lengths.clear();
    for (const Entry& e : m_sorted) {
        m_lengths.push_back(e.id.size());
    }
    std::sort(m_lengths.begin(), m_lengths.end());
    m_lengths.erase(std::unique(m_lengths.begin(), m_lengths.end()), m_lengths.end());
    m_built = true;
}

std::uint32_t ContainerIdIndex::min_order(std::size_t from, std::size_t to) const {
    if (from >= to) {
        return std::numeric_limits<std::uint32_t>::max();
    }
    std::size_t k = 0;
    while ((std::size_t{2} << k) <= to - from) {
        ++k;
    }
    return std::min(m_min[k][from], m_min[k][to - (std::size_t{1} << k)]);
}

std::optional<Slot> ContainerIdIndex::find(std::string_view id) const {
    const std::string_view q = bare_container_id(id);
    if (q.size() < k_min_id || m_added.empty()) {
        return std::nullopt;
    }
    if (!m_built) {
        build();
    }
    const auto less_id = [](const Entry& e, std::string_view s) { return e.id < s; };
    std::uint32_t best = std::numeric_limits<std::uint32_t>::max();
    // IDs that `q` starts (or equals): one contiguous run from where `q` would sort.
    const auto first = std::lower_bound(m_sorted.begin(), m_sorted.end(), q, less_id);
    const std::string_view next_prefix = q;
    const auto past = std::partition_point(first, m_sorted.end(),
                                           [&](const Entry& e) { return e.id.starts_with(next_prefix); });
    best = min_order(static_cast<std::size_t>(first - m_sorted.begin()), static_cast<std::size_t>(past - m_sorted.begin()));
    // IDs that are a shorter prefix of `q`: one exact look-up per length an indexed ID has.
    for (const std::size_t length : m_lengths) {
        if (length >= q.size()) {
            break;
        }
        const std::string_view prefix = q.substr(0, length);
        const auto hit = std::lower_bound(m_sorted.begin(), m_sorted.end(), prefix, less_id);
        if (hit != m_sorted.end() && hit->id == prefix) {
            best = std::min(best, hit->order);  // the first of equal IDs sorts first
        }
    }
    if (best == std::numeric_limits<std::uint32_t>::max()) {
        return std::nullopt;
    }
    return m_added[best].slot;
}

}  // namespace pm
