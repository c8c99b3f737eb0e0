#include "regions/signature_index.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <string>
#include <unordered_map>

#include "base/text.hpp"

namespace pm {

namespace {

std::atomic<std::uint64_t> g_next_index_id{1};

constexpr std::size_t k_memo_line_bytes = 256;  // longer lines are scored anew (they rarely repeat)
constexpr std::size_t k_memo_lines = 16384;     // per thread; later new lines are not remembered

struct MatchMemo {
    std::uint64_t owner = 0;
    std::unordered_map<std::string, std::vector<SignatureIndex::Entry>, StringHash, std::equal_to<>> lines;
    std::vector<SignatureIndex::Entry> scratch;
};

thread_local MatchMemo t_memo;

}  // namespace

SignatureIndex::SignatureIndex(std::span<const KindProfile> kinds)
    : m_kinds(kinds.begin(), kinds.end()), m_id(g_next_index_id++) {
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        m_first_slot.push_back(m_slots);
        for (std::size_t i = 0; i < kinds[k].signatures.size(); ++i) {
            const Signature& sig = kinds[k].signatures[i];
            const Entry entry{static_cast<std::uint16_t>(k), static_cast<std::uint16_t>(i),
                              static_cast<std::uint32_t>(m_slots++)};
            const bool leading = (sig.test == LineTest::equals || sig.test == LineTest::prefix) && !sig.text.empty();
            if (leading) {
                m_by_first[static_cast<unsigned char>(sig.text[0])].push_back(entry);
            } else if (sig.test == LineTest::contains && sig.text.size() >= 2 && m_contains.size() < k_max_literals) {
                const auto* t = reinterpret_cast<const unsigned char*>(sig.text.data());
                const auto pair = static_cast<std::uint16_t>(t[0] << 8 | t[1]);
                m_contains.push_back({sig.text, pair, entry});
            } else {
                m_shapes.push_back(entry);  // shapes, and the odd one-byte literal
            }
        }
    }
    // Stable: literals of one pair keep their table order, so matches are reported as before.
    std::stable_sort(m_contains.begin(), m_contains.end(),
                     [](const Literal& a, const Literal& b) { return a.pair < b.pair; });
    for (std::size_t c = m_contains.size(); c-- > 0;) {
        m_pair_first[m_contains[c].pair] = static_cast<std::uint8_t>(c + 1);
    }
}

const std::vector<SignatureIndex::Entry>& SignatureIndex::matches(std::string_view norm) const {
    MatchMemo& memo = t_memo;
    if (memo.owner != m_id) {
        memo.lines.clear();
        memo.owner = m_id;
    }
    const bool keep = norm.size() <= k_memo_line_bytes;
    if (keep) {
        if (const auto it = memo.lines.find(norm); it != memo.lines.end()) {
            return it->second;
        }
    }
    memo.scratch.clear();
    for_each_match(norm, [&](const Entry& e) { memo.scratch.push_back(e); });
    if (keep && memo.lines.size() < k_memo_lines) {
        return memo.lines.emplace(std::string(norm), memo.scratch).first->second;
    }
    return memo.scratch;
}

bool SignatureIndex::kind_matches(std::size_t kind, std::string_view norm) const {
    const std::vector<Entry>& found = matches(norm);
    return std::any_of(found.begin(), found.end(), [&](const Entry& e) { return e.kind == kind; });
}

bool SignatureIndex::any_matches(std::string_view norm) const {
    return !matches(norm).empty();
}

}  // namespace pm
