#include "diagnose/log_evidence.hpp"

#include <algorithm>

namespace pm {

namespace {

bool killed_from_outside(const Container& c) {
    const Termination* t = c.latest();
    return t != nullptr && ((t->reason && *t->reason == "OOMKilled") || (t->exit_code && *t->exit_code == 137));
}

std::string minutes_text(long long seconds) {
    return seconds >= 120 ? std::to_string(seconds / 60) + " minutes" : std::to_string(seconds) + " seconds";
}

}  // namespace

void weigh_container_logs(const Grammar& g, const Incident& incident, std::uint32_t pod, std::uint32_t container,
                          const Container& c, Reading& r) {
    (void)g;
    const ContainerLog* file_log = nullptr;  // a saved log outranks a termination message's tail
    const ContainerLog* message_log = nullptr;
    for (const ContainerLog& log : incident.container_logs) {
        if (log.pod_index != pod || log.container_index != container) {
            continue;
        }
        (log.from_message ? message_log : file_log) = &log;
    }
    const ContainerLog* log = file_log != nullptr && file_log->decisive() != nullptr ? file_log
                              : message_log != nullptr                                 ? message_log
                                                                                       : file_log;
    if (log == nullptr) {
        return;
    }
    const Termination* t = c.latest();
    if (const LogSignature* sig = log->decisive()) {
        // A process killed by a signal (137, 143) did not end on its own words, however loud they were.
        const bool signalled = t != nullptr && t->exit_code && (*t->exit_code == 137 || *t->exit_code == 143);
        const int rank = sig->fatal && !signalled ? 3 : 2;
        Candidate& k = ensure_candidate(r, sig->cause, 1);
        if (k.rank < k_reported_rank) {
            k.rank = std::max(k.rank, rank);
        }
        // A named failure (exec format error, a glibc abort) says more than the generic "it exited with
        // an error" the exit code and a message gave.
        if (sig->fatal && sig->cause != "app-error") {
            if (Candidate* app = find_candidate(r, "app-error"); app != nullptr && app->rank < k_reported_rank) {
                app->rank = std::min(app->rank, 2);
            }
        }
        k.evidence.push_back({sig->at, sig->block});
        k.decisive.insert(k.decisive.begin(), Quote{sig->at, sig->block.substr(0, sig->block.find('\n'))});
        k.clues.push_back(std::string(sig->explain) +
                          (log->from_message ? " (its termination message holds the log's last lines)" : ""));
        return;
    }
    // No signature at all: where the runtime or kernel reports a kill, the log's silence says the
    // process was busy, not failing.
    if (killed_from_outside(c) && log->last_line) {
        r.notes.push_back("The previous log ends without an error: its last line is ordinary work, as a process "
                          "killed from outside leaves it.");
        r.evidence.push_back(*log->last_line);
        if (Candidate* app = find_candidate(r, "app-error"); app != nullptr && app->rank < k_reported_rank) {
            app->rank = std::max(1, app->rank - 1);
        }
    }
    // A log that stopped long before the end: the process hung, then was killed.
    if (t != nullptr && t->finished && log->last_time && compare_times(*log->last_time, *t->finished) !=
                                                              std::partial_ordering::unordered) {
        const long long gap = t->finished->seconds - log->last_time->seconds;
        if (gap >= 120) {
            r.notes.push_back("The log ends " + minutes_text(gap) +
                              " before the container finished: the process went quiet before it ended.");
        }
    }
}

}  // namespace pm
