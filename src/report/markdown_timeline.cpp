// A failing container's timeline: its runs (started, finished, how long) and the events about it,
// oldest first, each with the basis of its time (a clock time, or an age before the capture).
#include <algorithm>
#include <optional>

#include "report/markdown_parts.hpp"

namespace pm {

namespace {

constexpr std::size_t k_md_short_quote = 240;  // bytes of an event message a timeline row shows

// Reasons of the events that tell a container's story; the routine start-up ones are counted, not listed.
bool tells_the_story(const Event& e) {
    if (!e.reason) {
        return false;
    }
    const std::string_view r = *e.reason;
    return !(r == "Scheduled" || r == "Pulling" || r == "Pulled" || r == "Created" || r == "Started" ||
             r == "SuccessfulMountVolume" || r == "SuccessfulAttachVolume" || r == "AddedInterface");
}

// Seconds in a kubectl age (`86s`, `4m18s`, `2d3h`, `3y`), or nullopt.
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

struct Row {
    int group = 0;             // 0: clock times, 1: ages before the capture, 2: no time
    long long order = 0;       // seconds (clock) or minus the age, so older comes first
    std::size_t sequence = 0;  // input order breaks ties
    std::string when;
    std::string what;
    std::string source;
};

// Milliseconds of an instant: order within a second too (a log line just before the kill).
long long ms_of(const TimePoint& t) {
    return t.seconds * 1000 + t.nanos / 1000000;
}

bool is_clock(const OptTime& t) {
    return t && (t->basis == TimeBasis::wall_with_offset || t->basis == TimeBasis::wall_no_offset);
}

// The kernel's events tied to this container (its OOM kills, segfaults, failed allocations).
void kernel_rows(const MdContext& ctx, const Container& c, std::vector<Row>& rows, std::size_t& sequence) {
    for (const std::uint32_t i : c.kernel_events) {
        const KernelEvent& e = ctx.incident().kernel_events[i];
        std::string what = "kernel: " + ctx.code(e.kind, MdPlace::table_cell) +
                           (e.process ? " " + ctx.code(*e.process, MdPlace::table_cell) : std::string()) +
                           (e.pid ? " (pid " + std::to_string(*e.pid) + ")" : std::string()) +
                           (e.oom_scope ? ", " + ctx.code(*e.oom_scope, MdPlace::table_cell) : std::string());
        if (is_clock(e.time)) {
            rows.push_back({0, ms_of(*e.time), sequence++, time_text(e.time, ctx), std::move(what), ctx.cite(e.at, MdPlace::table_cell)});
        } else {
            rows.push_back({2, 0, sequence++, e.uptime_s ? ctx.code("[" + std::to_string(*e.uptime_s) + "]", MdPlace::table_cell)
                                                         : std::string("\u2014"),
                            std::move(what), ctx.cite(e.at, MdPlace::table_cell)});
        }
    }
}

}  // namespace

bool is_routine_event(const Event& e) {
    return !tells_the_story(e);
}

std::string container_timeline(const Pod& pod, const Container& c, const MdContext& ctx) {
    std::vector<Row> rows;
    std::size_t sequence = 0;
    for (std::size_t i = 0; i < c.terminations.size(); ++i) {
        const Termination& t = c.terminations[i];
        const std::string run = "run " + std::to_string(i + 1);
        if (is_clock(t.started) && !t.never_started) {
            rows.push_back({0, ms_of(*t.started), sequence++, time_text(t.started, ctx), run + " started",
                            ctx.cite(t.at, MdPlace::table_cell)});
        }
        std::string ended = run + " ended: " + (t.reason ? ctx.code(*t.reason, MdPlace::table_cell) : std::string("?")) +
                            ", exit " + exit_text(t, ctx);
        if (is_clock(t.started) && is_clock(t.finished) && !t.never_started) {
            ended += " after " + duration_text(t.finished->seconds - t.started->seconds);
        }
        if (is_clock(t.finished)) {
            rows.push_back({0, ms_of(*t.finished), sequence++, time_text(t.finished, ctx), ended,
                            ctx.cite(t.at, MdPlace::table_cell)});
        } else {
            rows.push_back({2, 0, sequence++, "\u2014", ended, ctx.cite(t.at, MdPlace::table_cell)});
        }
    }
    if (is_clock(c.state.started) && c.state.status == StateStatus::running) {
        rows.push_back({0, ms_of(*c.state.started), sequence++, time_text(c.state.started, ctx),
                        "running again" + (c.restart_count ? " (restart " + std::to_string(*c.restart_count) + ")" : std::string()),
                        ctx.cite(c.state.at, MdPlace::table_cell)});
    }
    for (const Event& e : pod.events) {
        if (!tells_the_story(e) || (e.container && c.name && *e.container != *c.name)) {
            continue;
        }
        std::string what = (e.type ? ctx.code(*e.type, MdPlace::table_cell) + " " : std::string()) +
                           ctx.code(*e.reason, MdPlace::table_cell) +
                           (e.count && *e.count > 1 ? " \u00D7" + std::to_string(*e.count) : std::string()) + ": " +
                           ctx.short_code(e.message, k_md_short_quote, MdPlace::table_cell);
        const std::optional<long long> age = e.age ? age_seconds(*e.age) : std::nullopt;
        if (is_clock(e.last_seen)) {
            rows.push_back({0, ms_of(*e.last_seen), sequence++, time_text(e.last_seen, ctx), what,
                            ctx.cite(e.at, MdPlace::table_cell)});
        } else if (age) {
            rows.push_back({1, -*age, sequence++, ctx.code(*e.age, MdPlace::table_cell) + " before the capture", what,
                            ctx.cite(e.at, MdPlace::table_cell)});
        } else {
            rows.push_back({2, 0, sequence++, "\u2014", what, ctx.cite(e.at, MdPlace::table_cell)});
        }
    }
    // The log's decisive signature and its last line, at their own times when the log has them.
    const auto& pods = ctx.incident().pods;
    const std::size_t pod_index = static_cast<std::size_t>(&pod - pods.data());
    const std::size_t container_index = static_cast<std::size_t>(&c - pod.containers.data());
    for (const ContainerLog& log : ctx.incident().container_logs) {
        if (log.pod_index != pod_index || log.container_index != container_index || log.from_message) {
            continue;
        }
        auto add = [&](const OptTime& time, std::string what, Cite at) {
            if (is_clock(time)) {
                rows.push_back({0, ms_of(*time), sequence++, time_text(time, ctx), std::move(what), ctx.cite(at, MdPlace::table_cell)});
            } else {
                rows.push_back({2, 0, sequence++, "\u2014", std::move(what), ctx.cite(at, MdPlace::table_cell)});
            }
        };
        if (const LogSignature* sig = log.decisive()) {
            add(sig->time, "log: " + ctx.short_code(sig->block.substr(0, sig->block.find('\n')), k_md_short_quote, MdPlace::table_cell),
                sig->at);
        }
        if (log.last_line) {
            add(log.last_time, "log's last line: " + ctx.short_code(log.last_line->text, k_md_short_quote, MdPlace::table_cell),
                log.last_line->at);
        }
    }
    kernel_rows(ctx, c, rows, sequence);
    if (rows.size() < 2) {
        return {};  // one row says no more than the termination table
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.group != b.group ? a.group < b.group : a.order != b.order ? a.order < b.order : a.sequence < b.sequence;
    });
    const std::size_t shown = std::min(rows.size(), k_md_max_rows);
    std::string out = "**Timeline** (clock times first, as printed; then event ages, relative to when the text was "
                      "saved)\n\n| When | What | Source |\n|---|---|---|";
    for (std::size_t i = rows.size() - shown; i < rows.size(); ++i) {
        out += "\n| " + rows[i].when + " | " + rows[i].what + " | " + rows[i].source + " |";
    }
    if (shown < rows.size()) {
        out += "\n\n_" + std::to_string(rows.size() - shown) + " earlier rows not shown (all are in the JSON report)._";
    }
    return out;
}

}  // namespace pm
