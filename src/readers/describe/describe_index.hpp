// Look-ahead over repaired describe lines: where pod records start, which key comes next, where
// the next `Exit Code:` line is. Every query is amortised O(1), so the parse stays linear.
#pragma once

#include <cstddef>
#include <vector>

#include "readers/describe/describe_keys.hpp"
#include "readers/describe/paste_repair.hpp"

namespace pm {

class DescribeIndex {
public:
    static constexpr size_t k_none = static_cast<size_t>(-1);

    explicit DescribeIndex(const std::vector<PasteLine>& lines);

    // A record starts at a level-0 `Name:` directly followed by `Namespace:` (every kubectl prints
    // them in that order); a volume's `Name:` is followed by `Optional:` or another volume field.
    bool is_pod_start(size_t i) const { return m_pod_start[i] != 0; }

    size_t next_non_blank(size_t from) const;

    // The known key that starts line `i`, or nullptr (also past the end).
    const KeyInfo* key_at(size_t i) const;

    // True when the first non-blank line after `i` starts with key `a` or `b`.
    bool next_key_is(size_t i, DescribeKey a, DescribeKey b) const;

    // The next pod start / `Exit Code:` line at or after `from`, or k_none. `from` must never
    // decrease between calls of the same function.
    size_t next_pod_start(size_t from);
    size_t next_exit_code(size_t from);

private:
    // The next index >= `from` whose predicate holds; every index is tested at most once over
    // all calls because `from` never decreases.
    class ForwardFinder {
    public:
        template <class Pred>
        size_t next(size_t from, size_t end, Pred pred);

    private:
        size_t m_found = k_none;
        size_t m_scanned = 0;
    };

    const std::vector<PasteLine>& m_lines;
    std::vector<char> m_pod_start;
    ForwardFinder m_next_start;
    ForwardFinder m_next_exit;
};

}  // namespace pm
