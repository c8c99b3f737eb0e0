// Record boundaries and amortised look-ahead for the describe driver.
#include "readers/describe/describe_index.hpp"

#include <algorithm>

namespace pm {

template <class Pred>
size_t DescribeIndex::ForwardFinder::next(size_t from, size_t end, Pred pred) {
    if (m_found != k_none && m_found >= from) {
        return m_found;
    }
    if (m_found == k_none && m_scanned >= end) {
        return k_none;
    }
    for (size_t k = std::max(from, m_scanned); k < end; ++k) {
        if (pred(k)) {
            m_found = k;
            m_scanned = k + 1;
            return k;
        }
    }
    m_found = k_none;
    m_scanned = end;
    return k_none;
}

DescribeIndex::DescribeIndex(const std::vector<PasteLine>& lines) : m_lines(lines), m_pod_start(lines.size(), 0) {
    for (size_t i = 0; i < lines.size(); ++i) {
        const PasteLine& line = lines[i];
        if (line.indent >= 2 || line.text.substr(0, 5) != "Name:") {
            continue;
        }
        KeyValue kv = split_key_value(line.text);
        if (kv.key != "Name" || kv.value.empty()) {
            continue;
        }
        const KeyInfo* next = key_at(next_non_blank(i + 1));
        m_pod_start[i] = next != nullptr && next->id == DescribeKey::namespace_ ? 1 : 0;
    }
}

size_t DescribeIndex::next_non_blank(size_t from) const {
    while (from < m_lines.size() && m_lines[from].text.empty()) {
        ++from;
    }
    return from;
}

const KeyInfo* DescribeIndex::key_at(size_t i) const {
    if (i >= m_lines.size()) {
        return nullptr;
    }
    KeyValue kv = split_key_value(m_lines[i].text);
    return kv.has_key ? find_describe_key(kv.key) : nullptr;
}

bool DescribeIndex::next_key_is(size_t i, DescribeKey a, DescribeKey b) const {
    const KeyInfo* info = key_at(next_non_blank(i + 1));
    return info != nullptr && (info->id == a || info->id == b);
}

size_t DescribeIndex::next_pod_start(size_t from) {
    return m_next_start.next(from, m_lines.size(), [this](size_t k) { return m_pod_start[k] != 0; });
}

size_t DescribeIndex::next_exit_code(size_t from) {
    return m_next_exit.next(from, m_lines.size(), [this](size_t k) {
        const PasteLine& line = m_lines[k];
        bool first_piece = k == 0 || m_lines[k - 1].line != line.line;
        return first_piece && line.text.substr(0, 10) == "Exit Code:";
    });
}

}  // namespace pm
