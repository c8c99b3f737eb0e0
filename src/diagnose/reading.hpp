// The working state of one container's diagnosis: ranked candidate causes and what supports them.
#pragma once

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "evidence/incident.hpp"
#include "grammar/grammar.hpp"

namespace pm {

// A reason the runtime itself reported (OOMKilled, Evicted) outranks anything inferred.
inline constexpr int k_reported_rank = 4;

struct Candidate {
    Text cause;
    int rank = 1;  // 1 low, 2 medium, 3 high, 4 reported by the runtime
    std::vector<Quote> evidence;
    std::string why;  // why it is still possible, for the alternatives list
    std::vector<Quote> decisive;  // the lines that settle it (a confirming event, the runtime error)
    std::vector<std::string> clues;  // what the container's own settings say about it (spec_clues)
    std::vector<std::string> remediation;  // steps of its own, before the cause's (a crash rule's)
    std::string headline_why;  // what the headline says decided it (else the first clue)
};

struct Reading {
    std::vector<Candidate> candidates;  // best first after sort_candidates()
    std::vector<Quote> evidence;        // lines that describe the termination itself
    std::optional<Text> innermost;
    const RuntimeRule* runtime_rule = nullptr;
    std::optional<std::string> exit_explanation;
    std::string exit_phrase;  // " (exit code 137, SIGKILL)" or ""
    std::vector<std::string> notes;  // extra sentences for the summary
    bool never_ran = false;  // the runtime could not start the process: nothing it did can be the cause
    std::optional<long long> exit_code;  // of the termination read, normalised
    const NtStatusRule* ntstatus = nullptr;  // a Windows exit: its wording and advice replace the Unix ones
    std::optional<TimePoint> finished;   // when it ended, for what would settle it
    bool log_read = false;               // a log of the container (a file, a message's tail) was read
    bool events_saved = false;           // the pod's events were in the inputs (at least one)
    std::vector<std::string> matched_event_rules;  // the event rules this container's events matched
};

Confidence confidence_of_rank(int rank);
int rank_of(Confidence confidence);

Candidate* find_candidate(Reading& r, std::string_view cause);
// Adds the cause or raises it to at least `rank`.
Candidate& ensure_candidate(Reading& r, Text cause, int rank);
void drop_candidate(Reading& r, std::string_view cause);
// Highest rank first; ties keep their order.
void sort_candidates(Reading& r);

}  // namespace pm
