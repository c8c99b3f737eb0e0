// Every signature of every kind, bucketed by the first byte a line must have for it (equals and
// prefix tests), so a line is tested against the few that can match; the literals a line may
// contain anywhere are found in one pass over it (a table of their first two bytes says where one
// may start); shape tests run on every line. Built once per set of kinds (a registry keeps one),
// used by every split.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "regions/signature.hpp"

namespace pm {

class SignatureIndex {
public:
    struct Entry {
        std::uint16_t kind;
        std::uint16_t signature;
        std::uint32_t slot;  // the signature's place among all signatures of all kinds
    };

    explicit SignatureIndex(std::span<const KindProfile> kinds);

    std::size_t slots() const { return m_slots; }
    std::size_t first_slot(std::size_t kind) const { return m_first_slot[kind]; }

    // Calls f(entry) for each signature `norm` matches, each at most once.
    template <typename F>
    void for_each_match(std::string_view norm, F&& f) const {
        if (norm.empty()) {
            return;
        }
        for (const Entry& e : m_by_first[static_cast<unsigned char>(norm[0])]) {
            if (signature_matches(m_kinds[e.kind].signatures[e.signature], norm)) {
                f(e);
            }
        }
        if (!m_contains.empty() && norm.size() >= 2) {
            std::uint64_t seen = 0;  // which literals this line has matched
            const auto* p = reinterpret_cast<const unsigned char*>(norm.data());
            for (std::size_t i = 0; i + 1 < norm.size(); ++i) {
                const std::uint16_t pair = static_cast<std::uint16_t>(p[i] << 8 | p[i + 1]);
                const std::uint8_t start = m_pair_first[pair];
                if (start == 0) {
                    continue;
                }
                // Literals are sorted by their first two bytes: only this pair's are compared.
                for (std::size_t c = start - 1u; c < m_contains.size() && m_contains[c].pair == pair; ++c) {
                    const Literal& lit = m_contains[c];
                    if ((seen >> c & 1) == 0 && norm.substr(i, lit.text.size()) == lit.text) {
                        seen |= std::uint64_t{1} << c;
                        f(lit.entry);
                    }
                }
            }
        }
        for (const Entry& e : m_shapes) {
            const Signature& sig = m_kinds[e.kind].signatures[e.signature];
            // Shapes are called directly: this loop runs every shape on every sampled line.
            if (sig.test == LineTest::shape ? sig.shape(norm) : signature_matches(sig, norm)) {
                f(e);
            }
        }
    }

    // Every signature `norm` matches, in for_each_match's order. Remembered per thread for short
    // lines: pastes repeat lines (ten thousand describes share most of theirs), and scoring one
    // again runs every shape test. The list is valid until this thread's next call.
    const std::vector<Entry>& matches(std::string_view norm) const;

    bool kind_matches(std::size_t kind, std::string_view norm) const;
    bool any_matches(std::string_view norm) const;
    std::uint64_t id() const { return m_id; }

private:
    std::vector<KindProfile> m_kinds;  // a copy: the index outlives any vector it was built from
    std::array<std::vector<Entry>, 256> m_by_first;
    struct Literal {
        std::string_view text;
        std::uint16_t pair;  // its first two bytes
        Entry entry;
    };
    std::vector<Literal> m_contains;  // at most k_max_literals; further ones are tested as shapes are
    // Per byte pair: 1 + the index of the first literal starting with it (0: none).
    std::vector<std::uint8_t> m_pair_first = std::vector<std::uint8_t>(1u << 16, 0);
    std::vector<Entry> m_shapes;
    static constexpr std::size_t k_max_literals = 64;  // one bit each in a line's `seen` mask
    std::vector<std::size_t> m_first_slot;
    std::size_t m_slots = 0;
    std::uint64_t m_id = 0;  // unique per index ever built: keys the per-thread memory of matches
};

}  // namespace pm
