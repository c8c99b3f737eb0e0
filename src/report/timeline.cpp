#include "report/timeline.hpp"

#include <algorithm>

namespace pm {

namespace {

bool is_clock(const OptTime& t) {
    return t && (t->basis == TimeBasis::wall_with_offset || t->basis == TimeBasis::wall_no_offset);
}

// Milliseconds of an instant: order within a second too (a log line just before the kill).
long long ms_of(const TimePoint& t) {
    return t.seconds * 1000 + t.nanos / 1000000;
}

class Builder {
public:
    void add(TimelineEntry e, const OptTime& time) {
        if (is_clock(time)) {
            e.group = 0;
            e.order = ms_of(*time);
            e.time = time;
        }
        e.sequence = m_entries.size();
        m_entries.push_back(e);
    }
    std::vector<TimelineEntry> sorted() && {
        std::stable_sort(m_entries.begin(), m_entries.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
            return a.group != b.group ? a.group < b.group : a.order != b.order ? a.order < b.order : a.sequence < b.sequence;
        });
        return std::move(m_entries);
    }

private:
    std::vector<TimelineEntry> m_entries;
};

TimelineEntry entry(TimelineKind kind, std::uint32_t container, Cite at) {
    TimelineEntry e;
    e.kind = kind;
    e.container = container;
    e.at = at;
    return e;
}

}  // namespace

bool is_routine_event(const Event& e) {
    if (!e.reason) {
        return true;
    }
    const std::string_view r = *e.reason;
    return r == "Scheduled" || r == "Pulling" || r == "Pulled" || r == "Created" || r == "Started" ||
           r == "SuccessfulMountVolume" || r == "SuccessfulAttachVolume" || r == "AddedInterface";
}

std::optional<long long> age_seconds(std::string_view age) {
    long long total = 0;
    long long number = -1;
    for (char ch : age) {
        if (ch >= '0' && ch <= '9') {
            number = (number < 0 ? 0 : number) * 10 + (ch - '0');
            if (number > 1000000000) {
                return std::nullopt;
            }
            continue;
        }
        long long unit = 0;
        switch (ch) {
        case 'y': unit = 365 * 86400LL; break;
        case 'd': unit = 86400; break;
        case 'h': unit = 3600; break;
        case 'm': unit = 60; break;
        case 's': unit = 1; break;
        default: return std::nullopt;
        }
        if (number < 0) {
            return std::nullopt;
        }
        total += number * unit;
        number = -1;
    }
    return number < 0 && !age.empty() ? std::optional<long long>(total) : std::nullopt;
}

std::string duration_text(long long seconds) {
    if (seconds < 0) {
        return "?";
    }
    if (seconds < 120) {
        return std::to_string(seconds) + "s";
    }
    if (seconds < 7200) {
        return std::to_string(seconds / 60) + "m" + (seconds % 60 != 0 ? std::to_string(seconds % 60) + "s" : "");
    }
    return std::to_string(seconds / 3600) + "h" + (seconds % 3600 / 60 != 0 ? std::to_string(seconds % 3600 / 60) + "m" : "");
}

std::string timeline_text(const TimelineEntry& e, const Pod& pod) {
    const Container* c = e.container == k_none_index ? nullptr : &pod.containers[e.container];
    switch (e.kind) {
    case TimelineKind::run_started: return "run " + std::to_string(e.run + 1) + " started";
    case TimelineKind::run_ended: {
        const Termination& t = c->terminations[e.run];
        std::string out = "run " + std::to_string(e.run + 1) + " ended: " + (t.reason ? std::string(*t.reason) : "?") +
                          ", exit " + (t.exit_code ? std::to_string(*t.exit_code) : "?");
        if (t.signal_name) {
            out += " (" + std::string(*t.signal_name) + ")";
        }
        if (is_clock(t.started) && is_clock(t.finished) && !t.never_started) {
            out += " after " + duration_text(t.finished->seconds - t.started->seconds);
        }
        return out;
    }
    case TimelineKind::running: return "running";
    case TimelineKind::running_again:
        return "running again" + (c->restart_count ? " (restart " + std::to_string(*c->restart_count) + ")" : std::string());
    case TimelineKind::event: {
        const Event& ev = *e.event;
        return (ev.type ? std::string(*ev.type) + " " : std::string()) + std::string(*ev.reason) +
               (ev.count && *ev.count > 1 ? " x" + std::to_string(*ev.count) : std::string()) + ": " +
               std::string(ev.message);
    }
    case TimelineKind::log_words: {
        const LogSignature* sig = e.log->decisive();
        return "log: " + std::string(sig->block.substr(0, sig->block.find('\n')));
    }
    case TimelineKind::log_last_line: return "log's last line: " + std::string(e.log->last_line->text);
    case TimelineKind::kernel: {
        const KernelEvent& k = *e.kernel;
        return "kernel: " + std::string(k.kind) + (k.process ? " " + std::string(*k.process) : std::string()) +
               (k.pid ? " (pid " + std::to_string(*k.pid) + ")" : std::string()) +
               (k.oom_scope ? ", " + std::string(*k.oom_scope) : std::string());
    }
    }
    return {};
}

std::string_view timeline_kind_name(TimelineKind kind) {
    switch (kind) {
    case TimelineKind::run_started: return "run-started";
    case TimelineKind::run_ended: return "run-ended";
    case TimelineKind::running: return "running";
    case TimelineKind::running_again: return "running-again";
    case TimelineKind::event: return "event";
    case TimelineKind::log_words: return "log";
    case TimelineKind::log_last_line: return "log-last-line";
    case TimelineKind::kernel: return "kernel";
    }
    return "event";
}

std::vector<TimelineEntry> pod_timeline(const Incident& incident, std::size_t pod_index) {
    const Pod& pod = incident.pods[pod_index];
    Builder rows;
    // The order of kinds here is the tie-break for rows at the same instant: a run before its events.
    for (std::uint32_t k = 0; k < pod.containers.size(); ++k) {
        const Container& c = pod.containers[k];
        for (std::size_t i = 0; i < c.terminations.size(); ++i) {
            const Termination& t = c.terminations[i];
            if (is_clock(t.started) && !t.never_started) {
                TimelineEntry e = entry(TimelineKind::run_started, k, t.at);
                e.run = i;
                rows.add(e, t.started);
            }
            TimelineEntry e = entry(TimelineKind::run_ended, k, t.at);
            e.run = i;
            rows.add(e, t.finished);
        }
        if (is_clock(c.state.started) && c.state.status == StateStatus::running) {
            // "Again" only after a run that ended; a container that never restarted is just running.
            const bool again = !c.terminations.empty() || c.restart_count.value_or(0) > 0;
            rows.add(entry(again ? TimelineKind::running_again : TimelineKind::running, k, c.state.at), c.state.started);
        }
    }
    for (const Event& ev : pod.events) {
        if (is_routine_event(ev)) {
            continue;
        }
        TimelineEntry e = entry(TimelineKind::event, k_none_index, ev.at);
        e.event = &ev;
        for (std::uint32_t k = 0; ev.container && k < pod.containers.size(); ++k) {
            if (pod.containers[k].name && *pod.containers[k].name == *ev.container) {
                e.container = k;
            }
        }
        if (!is_clock(ev.last_seen)) {
            if (const std::optional<long long> age = ev.age ? age_seconds(*ev.age) : std::nullopt) {
                e.group = 1;
                e.order = -*age;
                e.age_seconds = age;
            }
        }
        rows.add(e, ev.last_seen);
    }
    for (const ContainerLog& log : incident.container_logs) {
        if (log.pod_index != pod_index || log.container_index == k_none_index || log.from_message) {
            continue;
        }
        if (const LogSignature* sig = log.decisive()) {
            TimelineEntry e = entry(TimelineKind::log_words, log.container_index, sig->at);
            e.log = &log;
            rows.add(e, sig->time);
        }
        if (log.last_line) {
            TimelineEntry e = entry(TimelineKind::log_last_line, log.container_index, log.last_line->at);
            e.log = &log;
            rows.add(e, log.last_time);
        }
    }
    for (std::uint32_t k = 0; k < pod.containers.size(); ++k) {
        for (const std::uint32_t i : pod.containers[k].kernel_events) {
            const KernelEvent& ke = incident.kernel_events[i];
            TimelineEntry e = entry(TimelineKind::kernel, k, ke.at);
            e.kernel = &ke;
            rows.add(e, ke.time);
        }
    }
    return std::move(rows).sorted();
}

}  // namespace pm
