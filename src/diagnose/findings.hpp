// What diagnosis decides: one finding per failing container (and per lone runtime error), ranked, and
// the one the report's title names. The report only renders these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evidence/incident.hpp"

namespace pm {

struct Alternative {
    Text cause;
    Confidence confidence = Confidence::low;
    std::string summary;
};

// What a finding is about, by index into the incident (k_none_index for "not tied to one").
struct Subject {
    std::uint32_t pod = k_none_index;
    std::uint32_t container = k_none_index;
    OptText node;  // for a finding about a node and no pod (a global OOM of a host daemon)
};

struct Finding {
    Subject subject;
    Text cause = "unknown";
    Confidence confidence = Confidence::low;
    std::string summary;
    std::string why;  // the sentence that says what decided it (a log's last words, a clue), for the headline
    std::vector<Quote> evidence;
    std::vector<std::string> remediation;  // the real names filled in ({pod}, {container}, …)
    std::vector<Alternative> alternatives;
    std::optional<std::string> exit_code_explanation;
    std::vector<Quote> decisive;  // the 1-3 lines that decide it, for the report's summary
    int rank = 0;  // higher is worse: the report's title names the highest
};

struct Diagnoses {
    std::vector<Finding> findings;  // every finding, in pod and container order
    std::vector<std::vector<std::uint32_t>> by_container;  // [pod][container] -> finding, or k_none_index
    std::uint32_t headline = k_none_index;                 // the finding the title names

    const Finding* of(std::size_t pod, std::size_t container) const {
        const std::uint32_t i = by_container[pod][container];
        return i == k_none_index ? nullptr : &findings[i];
    }
};

}  // namespace pm
