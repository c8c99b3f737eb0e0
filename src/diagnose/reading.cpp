#include "diagnose/reading.hpp"

#include <algorithm>

namespace pm {

Confidence confidence_of_rank(int rank) {
    if (rank >= 3) {
        return Confidence::high;
    }
    return rank == 2 ? Confidence::medium : Confidence::low;
}

int rank_of(Confidence confidence) {
    return static_cast<int>(confidence);
}

Candidate* find_candidate(Reading& r, std::string_view cause) {
    for (auto& c : r.candidates) {
        if (c.cause == cause) {
            return &c;
        }
    }
    return nullptr;
}

Candidate& ensure_candidate(Reading& r, Text cause, int rank) {
    Candidate* c = find_candidate(r, cause);
    if (c == nullptr) {
        Candidate fresh;
        fresh.cause = cause;
        fresh.rank = rank;
        r.candidates.push_back(std::move(fresh));
        return r.candidates.back();
    }
    c->rank = std::max(c->rank, rank);
    return *c;
}

void drop_candidate(Reading& r, std::string_view cause) {
    r.candidates.erase(std::remove_if(r.candidates.begin(), r.candidates.end(),
                                      [&](const Candidate& c) { return c.cause == cause; }),
                       r.candidates.end());
}

void sort_candidates(Reading& r) {
    std::stable_sort(r.candidates.begin(), r.candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.rank > b.rank; });
}

}  // namespace pm
