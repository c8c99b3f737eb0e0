// One pod's story in time order: its containers' runs, the events that tell of them, their logs' last
// words and the kernel's events about them, on one clock where the times allow (formats.md §12).
// Both writers project it: the Markdown per container and as a diagram, the JSON as a pod's `timeline`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evidence/incident.hpp"

namespace pm {

enum class TimelineKind { run_started, run_ended, running, running_again, event, log_words, log_last_line, kernel };

struct TimelineEntry {
    TimelineKind kind = TimelineKind::event;
    int group = 2;           // 0: a clock time, 1: an age before the capture, 2: no time
    long long order = 0;     // milliseconds (clock) or minus the age in seconds: older first
    std::size_t sequence = 0;  // the order built in breaks ties
    OptTime time;            // group 0
    std::optional<long long> age_seconds;  // group 1
    std::uint32_t container = k_none_index;  // the pod's container it is about; none for a pod's event
    std::size_t run = 0;                     // run_started, run_ended: the termination's index
    const Event* event = nullptr;
    const ContainerLog* log = nullptr;
    const KernelEvent* kernel = nullptr;
    Cite at;
};

// Every entry of the pod, sorted; routine start-up events (Pulled, Created, Started…) are left out.
std::vector<TimelineEntry> pod_timeline(const Incident& incident, std::size_t pod);

// Whether an event is one of the routine start-up ones a timeline counts instead of listing.
bool is_routine_event(const Event& e);

// Seconds in a kubectl age (`86s`, `4m18s`, `2d3h`), or nullopt.
std::optional<long long> age_seconds(std::string_view age);

// `4m18s`, `2h5m`: a run's length as people say it.
std::string duration_text(long long seconds);

// The row in plain words, input text included as it was (the writer quotes and redacts it).
std::string timeline_text(const TimelineEntry& e, const Pod& pod);

// The kind's name in the JSON (`run-ended`, `kernel`, …).
std::string_view timeline_kind_name(TimelineKind kind);

}  // namespace pm
