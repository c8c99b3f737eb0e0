// A failing container's timeline: its runs (started, finished, how long) and the events about it,
// oldest first, each with the basis of its time (a clock time, or an age before the capture); and the
// pod's clock-time story as a Mermaid diagram. Both are projections of report/timeline.
#include <algorithm>
#include <optional>

#include "report/markdown_parts.hpp"

namespace pm {

namespace {

constexpr std::size_t k_md_short_quote = 240;  // bytes of an event message a timeline row shows

// Whether the pod-level row belongs on this container's timeline.
bool about(const TimelineEntry& e, std::uint32_t container, const Container& c) {
    if (e.kind == TimelineKind::event) {
        return !(e.event->container && c.name && *e.event->container != *c.name);
    }
    return e.container == container;
}

std::string what_of(const TimelineEntry& e, const Container& c, const MdContext& ctx) {
    switch (e.kind) {
    case TimelineKind::run_started:
        return "run " + std::to_string(e.run + 1) + " started";
    case TimelineKind::run_ended: {
        const Termination& t = c.terminations[e.run];
        std::string ended = "run " + std::to_string(e.run + 1) + " ended: " +
                            (t.reason ? ctx.code(*t.reason, MdPlace::table_cell) : std::string("?")) + ", exit " +
                            exit_text(t, ctx);
        if (is_wall(t.started) && is_wall(t.finished) && !t.never_started) {
            ended += " after " + duration_text(t.finished->seconds - t.started->seconds);
        }
        return ended;
    }
    case TimelineKind::running: return "running";
    case TimelineKind::running_again:
        return "running again" + (c.restart_count ? " (restart " + std::to_string(*c.restart_count) + ")" : std::string());
    case TimelineKind::event: {
        const Event& ev = *e.event;
        return (ev.type ? ctx.code(*ev.type, MdPlace::table_cell) + " " : std::string()) +
               ctx.code(*ev.reason, MdPlace::table_cell) +
               (ev.count && *ev.count > 1 ? " \u00D7" + std::to_string(*ev.count) : std::string()) + ": " +
               ctx.short_code(ev.message, k_md_short_quote, MdPlace::table_cell);
    }
    case TimelineKind::log_words: {
        const LogSignature* sig = e.log->decisive();
        return "log: " + ctx.short_code(sig->block.substr(0, sig->block.find('\n')), k_md_short_quote, MdPlace::table_cell);
    }
    case TimelineKind::log_last_line:
        return "log's last line: " + ctx.short_code(e.log->last_line->text, k_md_short_quote, MdPlace::table_cell);
    case TimelineKind::kernel: {
        const KernelEvent& k = *e.kernel;
        return "kernel: " + ctx.code(k.kind, MdPlace::table_cell) +
               (k.process ? " " + ctx.code(*k.process, MdPlace::table_cell) : std::string()) +
               (k.pid ? " (pid " + std::to_string(*k.pid) + ")" : std::string()) +
               (k.oom_scope ? ", " + ctx.code(*k.oom_scope, MdPlace::table_cell) : std::string());
    }
    }
    return {};
}

std::string when_of(const TimelineEntry& e, const MdContext& ctx) {
    if (e.group == 0) {
        return time_text(e.time, ctx);
    }
    if (e.group == 1) {
        return ctx.code(*e.event->age, MdPlace::table_cell) + " before the capture";
    }
    if (e.kind == TimelineKind::kernel && e.kernel->uptime_s) {
        return ctx.code("[" + std::to_string(*e.kernel->uptime_s) + "]", MdPlace::table_cell);
    }
    return "\u2014";
}

// A Mermaid label: our own words and names only, in characters its grammar cannot mistake for syntax.
std::string mermaid_label(std::string_view text) {
    std::string out;
    for (const char ch : text.substr(0, 80)) {
        const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                           ch == ' ' || ch == '-' || ch == '.' || ch == '/' || ch == '(' || ch == ')';
        out.push_back(plain ? ch : ' ');
    }
    return out;
}

std::string mermaid_what(const TimelineEntry& e, const Pod& pod) {
    const Container* c = e.container == k_none_index ? nullptr : &pod.containers[e.container];
    const std::string who = c != nullptr && c->name ? std::string(*c->name) + " " : std::string();
    switch (e.kind) {
    case TimelineKind::run_started: return who + "run " + std::to_string(e.run + 1) + " started";
    case TimelineKind::run_ended: {
        const Termination& t = c->terminations[e.run];
        return who + "run " + std::to_string(e.run + 1) + " ended " + (t.reason ? std::string(*t.reason) : "") +
               (t.exit_code ? " exit " + std::to_string(*t.exit_code) : "");
    }
    case TimelineKind::running: return who + "running";
    case TimelineKind::running_again: return who + "running again";
    case TimelineKind::event:
        return (e.event->type ? std::string(*e.event->type) + " " : "") + std::string(*e.event->reason);
    case TimelineKind::log_words: return who + "log " + std::string(e.log->decisive()->rule);
    case TimelineKind::log_last_line: return who + "log ends";
    case TimelineKind::kernel: return "kernel " + std::string(e.kernel->kind);
    }
    return {};
}

}  // namespace

std::string container_timeline(const Pod& pod, const std::vector<TimelineEntry>& pod_rows, std::uint32_t container,
                               const MdContext& ctx) {
    const Container& c = pod.containers[container];
    std::vector<const TimelineEntry*> rows;
    for (const TimelineEntry& e : pod_rows) {
        if (about(e, container, c)) {
            rows.push_back(&e);
        }
    }
    if (rows.size() < 2) {
        return {};  // one row says no more than the termination table
    }
    const std::size_t shown = std::min(rows.size(), k_md_max_rows);
    std::string out = "**Timeline** (clock times first, as printed; then event ages, relative to when the text was "
                      "saved)\n\n| When | What | Source |\n|---|---|---|";
    for (std::size_t i = rows.size() - shown; i < rows.size(); ++i) {
        out += "\n| " + when_of(*rows[i], ctx) + " | " + what_of(*rows[i], c, ctx) + " | " +
               ctx.cite(rows[i]->at, MdPlace::table_cell) + " |";
    }
    if (shown < rows.size()) {
        out += "\n\n_" + std::to_string(rows.size() - shown) + " earlier rows not shown (all are in the JSON report)._";
    }
    return out;
}

std::string pod_timeline_diagram(const Pod& pod, const std::vector<TimelineEntry>& pod_rows) {
    std::vector<const TimelineEntry*> clocked;
    for (const TimelineEntry& e : pod_rows) {
        if (e.group == 0) {
            clocked.push_back(&e);
        }
    }
    if (clocked.size() < 3) {
        return {};  // a diagram of one or two instants says nothing the table does not
    }
    const std::size_t first = clocked.size() > k_md_max_rows ? clocked.size() - k_md_max_rows : 0;
    std::string out = "```mermaid\ntimeline\n    title Clock times (UTC where the offset is known)";
    std::string last_when;
    for (std::size_t i = first; i < clocked.size(); ++i) {
        const TimelineEntry& e = *clocked[i];
        TimePoint utc = *e.time;
        if (utc.basis == TimeBasis::wall_with_offset) {
            utc.offset_seconds = 0;  // one clock for the whole diagram
            utc.utc_designator = true;
        }
        std::string when = format_rfc3339(utc).substr(5, 14);  // MM-DDTHH:MM:SS
        std::replace(when.begin(), when.end(), ':', '.');      // a colon ends a Mermaid period
        std::replace(when.begin(), when.end(), 'T', ' ');
        const std::string label = mermaid_label(mermaid_what(e, pod));
        if (when == last_when) {
            out += "\n         : " + label;
        } else {
            out += "\n    " + mermaid_label(when) + " : " + label;
            last_when = when;
        }
    }
    out += "\n```";
    return out;
}

}  // namespace pm
