// The working state of one container's diagnosis: ranked candidate causes and what supports them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grammar/grammar.hpp"
#include "records/model.hpp"

namespace pm {

struct Candidate {
    std::string cause;
    int rank = 1;  // 1 low, 2 medium, 3 high
    std::vector<Evidence> evidence;
    std::string why;  // why it is still possible, for the alternatives list
};

struct Reading {
    std::vector<Candidate> candidates;  // best first after sort_candidates()
    std::vector<Evidence> evidence;     // lines that describe the termination itself
    std::optional<std::string> innermost;
    const RuntimeRule* runtime_rule = nullptr;
    std::optional<std::string> exit_explanation;
    std::string exit_phrase;  // " (exit code 137, SIGKILL)" or ""
    std::vector<std::string> notes;  // extra sentences for the summary
    bool never_ran = false;  // the runtime could not start the process: nothing it did can be the cause
};

std::string rank_name(int rank);
int rank_of(const std::string& confidence);

Candidate* find_candidate(Reading& r, const std::string& cause);
// Adds the cause or raises it to at least `rank`.
Candidate& ensure_candidate(Reading& r, const std::string& cause, int rank);
void drop_candidate(Reading& r, const std::string& cause);
// Highest rank first; ties keep their grammar order.
void sort_candidates(Reading& r);

}  // namespace pm
