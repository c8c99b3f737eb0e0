#include "diagnose/reading.hpp"

#include <algorithm>

namespace pm {

std::string rank_name(int rank) {
    if (rank >= 3) {
        return "high";
    }
    return rank == 2 ? "medium" : "low";
}

int rank_of(const std::string& confidence) {
    return std::max(1, confidence_rank(confidence));
}

Candidate* find_candidate(Reading& r, const std::string& cause) {
    for (auto& c : r.candidates) {
        if (c.cause == cause) {
            return &c;
        }
    }
    return nullptr;
}

Candidate& ensure_candidate(Reading& r, const std::string& cause, int rank) {
    Candidate* c = find_candidate(r, cause);
    if (c == nullptr) {
        r.candidates.push_back({cause, rank, {}, {}});
        return r.candidates.back();
    }
    c->rank = std::max(c->rank, rank);
    return *c;
}

void drop_candidate(Reading& r, const std::string& cause) {
    r.candidates.erase(std::remove_if(r.candidates.begin(), r.candidates.end(),
                                      [&](const Candidate& c) { return c.cause == cause; }),
                       r.candidates.end());
}

void sort_candidates(Reading& r) {
    std::stable_sort(r.candidates.begin(), r.candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.rank > b.rank; });
}

}  // namespace pm
