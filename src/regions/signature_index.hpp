// Every signature of every kind, bucketed by the first byte a line must have for it (equals and
// prefix tests), so a line is tested against the few that can match, plus those that look anywhere.
// Built once per set of kinds (a registry keeps one), used by every split.
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

    // Calls f(entry) for each signature `norm` matches.
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
        for (const Entry& e : m_anywhere) {
            if (signature_matches(m_kinds[e.kind].signatures[e.signature], norm)) {
                f(e);
            }
        }
    }

    bool kind_matches(std::size_t kind, std::string_view norm) const;
    bool any_matches(std::string_view norm) const;

private:
    std::vector<KindProfile> m_kinds;  // a copy: the index outlives any vector it was built from
    std::array<std::vector<Entry>, 256> m_by_first;
    std::vector<Entry> m_anywhere;
    std::vector<std::size_t> m_first_slot;
    std::size_t m_slots = 0;
};

}  // namespace pm
