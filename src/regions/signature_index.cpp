#include "regions/signature_index.hpp"

#include <algorithm>

namespace pm {

SignatureIndex::SignatureIndex(std::span<const KindProfile> kinds) : m_kinds(kinds.begin(), kinds.end()) {
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

bool SignatureIndex::kind_matches(std::size_t kind, std::string_view norm) const {
    bool hit = false;
    for_each_match(norm, [&](const Entry& e) { hit = hit || e.kind == kind; });
    return hit;
}

bool SignatureIndex::any_matches(std::string_view norm) const {
    bool hit = false;
    for_each_match(norm, [&](const Entry&) { hit = true; });
    return hit;
}

}  // namespace pm
