#include "diagnose/log_evidence.hpp"

#include <algorithm>

namespace pm {

namespace {

bool killed_from_outside(const Container& c) {
    const Termination* t = c.latest();
    return t != nullptr && ((t->reason && *t->reason == "OOMKilled") || (t->exit_code && *t->exit_code == 137));
}

const CrashRule* crash_rule(const Grammar& g, const LogSignature& sig) {
    const auto rule = std::find_if(g.crash_rules.begin(), g.crash_rules.end(),
                                   [&](const CrashRule& cr) { return cr.id == sig.rule; });
    return rule == g.crash_rules.end() ? nullptr : &*rule;
}

// The last context signature after the deciding one and close to it (the same trace's Caused by);
// with `actionable`, the last whose rule says what to do (a refused dependency, a missing setting).
const LogSignature* innermost_after(const ContainerLog& log, const LogSignature& decisive, const Grammar& g,
                                    bool actionable) {
    constexpr std::uint32_t k_same_trace_lines = 400;
    const LogSignature* inner = nullptr;
    for (const LogSignature& s : log.signatures) {
        if (&s == &decisive || s.fatal || s.at.input != decisive.at.input || s.at.line <= decisive.at.line ||
            s.at.line > decisive.last_line + k_same_trace_lines) {
            continue;
        }
        const CrashRule* rule = crash_rule(g, s);
        if (!actionable || (rule != nullptr && !rule->remediation.empty())) {
            inner = &s;
        }
    }
    return inner;
}

// Whether the termination's exit code is one the signature's runtime ends with.
bool ends_with_exit(const Grammar& g, const LogSignature& sig, const Termination* t) {
    const CrashRule* rule = crash_rule(g, sig);
    return t != nullptr && t->exit_code && rule != nullptr &&
           std::find(rule->exits.begin(), rule->exits.end(), *t->exit_code) != rule->exits.end();
}

std::string minutes_text(long long seconds) {
    return seconds >= 120 ? std::to_string(seconds / 60) + " minutes" : std::to_string(seconds) + " seconds";
}

// The deciding signature: its cause raised, the readings it explains stepping back, its trace and
// what lies beneath it cited, its remedy first.
void weigh_signature(const Grammar& g, const ContainerLog* log, const LogSignature* sig, const Termination* t,
                     Reading& r) {
    // A process killed by a signal (137, 143) did not end on its own words, however loud they were.
    const bool signalled = t != nullptr && t->exit_code && (*t->exit_code == 137 || *t->exit_code == 143);
    const int rank = sig->fatal && !signalled ? 3 : 2;
    Candidate& k = ensure_candidate(r, sig->cause, 1);
    if (k.rank < k_reported_rank) {
        k.rank = std::max(k.rank, rank);
    }
    // The runtime ends this way after its own failure (node aborts after a V8 heap OOM): the exit
    // code's signal is how the process ended, and the readings built on it step back.
    if (sig->fatal && !signalled && ends_with_exit(g, *sig, t)) {
        k.rank = std::max(k.rank, 3);
        for (Candidate& other : r.candidates) {
            if (&other != &k && other.rank < k_reported_rank) {
                other.rank = std::min(other.rank, 2);
            }
        }
    }
    // A named failure (exec format error, a glibc abort) says more than the generic "it exited with
    // an error" the exit code and a message gave.
    if (sig->fatal && sig->cause != "app-error") {
        if (Candidate* app = find_candidate(r, "app-error"); app != nullptr && app->rank < k_reported_rank) {
            app->rank = std::min(app->rank, 2);
        }
    }
    if (const CrashRule* rule = crash_rule(g, *sig); rule != nullptr && k.remediation.empty()) {
        k.remediation = rule->remediation;
    }
    k.clues.push_back(std::string(sig->explain) +
                      (log->from_message ? " (its termination message holds the log's last lines)" : ""));
    // Context after the deciding block: the innermost Caused by of its trace, and the dependency or
    // setting it names, each cited; the latter's remedy comes first.
    const LogSignature* inner = innermost_after(*log, *sig, g, false);
    const LogSignature* named = innermost_after(*log, *sig, g, true);
    std::string context;
    for (const LogSignature* ctx_sig : {inner, named}) {
        if (ctx_sig != nullptr && (ctx_sig == inner || named != inner)) {
            context += (context.empty() ? "" : "; ") + std::string(ctx_sig->what) + " (line " + std::to_string(ctx_sig->at.line) + ")";
            k.evidence.push_back({ctx_sig->at, ctx_sig->block.substr(0, ctx_sig->block.find('\n'))});
        }
    }
    if (k.headline_why.empty()) {
        k.headline_why = sig->explain;
    }
    if (!context.empty()) {
        k.clues.push_back("Beneath it: " + context + ".");
        k.headline_why += " Beneath it: " + context + ".";
    }
    if (named != nullptr) {
        const CrashRule* rule = crash_rule(g, *named);
        k.remediation.insert(k.remediation.begin(), rule->remediation.begin(), rule->remediation.end());
    }
    k.evidence.push_back({sig->at, sig->block});
    k.decisive.insert(k.decisive.begin(), Quote{sig->at, sig->block.substr(0, sig->block.find('\n'))});
}

}  // namespace

LogsByContainer::LogsByContainer(const Incident& incident) {
    for (const ContainerLog& log : incident.container_logs) {
        if (log.pod_index != k_none_index && log.container_index != k_none_index) {
            m_entries.push_back({log.pod_index, log.container_index, &log});
        }
    }
    std::stable_sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
        return a.pod != b.pod ? a.pod < b.pod : a.container < b.container;
    });
    m_logs.reserve(m_entries.size());
    for (const Entry& e : m_entries) {
        m_logs.push_back(e.log);
    }
}

std::span<const ContainerLog* const> LogsByContainer::of(std::uint32_t pod, std::uint32_t container) const {
    const auto less = [](const Entry& e, std::pair<std::uint32_t, std::uint32_t> key) {
        return e.pod != key.first ? e.pod < key.first : e.container < key.second;
    };
    const auto first = std::lower_bound(m_entries.begin(), m_entries.end(), std::make_pair(pod, container), less);
    auto last = first;
    while (last != m_entries.end() && last->pod == pod && last->container == container) {
        ++last;
    }
    const auto at = static_cast<std::size_t>(first - m_entries.begin());
    return {m_logs.data() + at, static_cast<std::size_t>(last - first)};
}

bool has_log_signature(const LogsByContainer& logs, std::uint32_t pod, std::uint32_t container) {
    const auto mine = logs.of(pod, container);
    return std::any_of(mine.begin(), mine.end(), [](const ContainerLog* log) { return log->decisive() != nullptr; });
}

void weigh_container_logs(const Grammar& g, const LogsByContainer& logs, std::uint32_t pod, std::uint32_t container,
                          const Container& c, Reading& r) {
    const ContainerLog* file_log = nullptr;  // a saved log outranks a termination message's tail
    const ContainerLog* message_log = nullptr;
    for (const ContainerLog* log : logs.of(pod, container)) {
        (log->from_message ? message_log : file_log) = log;
    }
    const ContainerLog* log = file_log != nullptr && file_log->decisive() != nullptr ? file_log
                              : message_log != nullptr                                 ? message_log
                                                                                       : file_log;
    if (log == nullptr) {
        return;
    }
    r.log_read = true;
    const Termination* t = c.latest();
    if (const LogSignature* sig = log->decisive()) {
        weigh_signature(g, log, sig, t, r);
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
