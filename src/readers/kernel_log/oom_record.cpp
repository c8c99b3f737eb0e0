#include "readers/kernel_log/oom_record.hpp"

#include <algorithm>

#include "readers/kernel_log/cgroup_path.hpp"
#include "readers/kernel_log/event_cap.hpp"

namespace pm {

namespace {

// A group kill takes the cgroup's processes (tens, at most hundreds); a report quotes a few lines.
constexpr std::size_t k_max_victims = 512;
constexpr std::size_t k_max_quotes = 8;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

OptInt digits_at(Text text, std::size_t at) {
    long long value = 0;
    std::size_t i = at;
    while (i < text.size() && is_digit(text[i]) && i - at < 18) {
        value = value * 10 + (text[i] - '0');
        ++i;
    }
    return i == at ? OptInt{} : OptInt{value};
}

// The value of `key` (`constraint=`, `gfp_mask=`) up to the next `,` or blank.
OptText field(Text text, Text key) {
    const std::size_t at = text.find(key);
    if (at == Text::npos) {
        return std::nullopt;
    }
    const std::size_t start = at + key.size();
    const std::size_t end = text.find_first_of(", ", start);
    return text.substr(start, end == Text::npos ? Text::npos : end - start);
}

// `Killed process 8803 (node) total-vm:…`: the pid and the comm (greedy up to `) total-vm:` or
// RHEL 7's `), UID`, since a comm may hold parentheses).
bool read_process(Text text, std::size_t after, long long& pid, Text& comm) {
    const OptInt n = digits_at(text, after);
    if (!n) {
        return false;
    }
    const std::size_t open = text.find(" (", after);
    if (open == Text::npos) {
        return false;
    }
    std::size_t close = text.find(") total-vm:", open);
    if (close == Text::npos) {
        close = text.find("), UID", open);
    }
    if (close == Text::npos) {
        close = text.find(')', open);
    }
    if (close == Text::npos) {
        return false;
    }
    pid = *n;
    comm = text.substr(open + 2, close - open - 2);
    return true;
}

TimeBasis basis_of(const KernelMessage& m) {
    return m.wall ? m.wall->basis : TimeBasis::uptime;
}

void quote(auto& report, Quote q) {
    if (report.quotes.size() < k_max_quotes) {
        report.quotes.push_back(q);
    }
}

}  // namespace

OptInt kb_after(Text text, Text key) {
    const std::size_t at = text.find(key);
    return at == Text::npos ? OptInt{} : digits_at(text, at + key.size());
}

void OomBuilder::start(const KernelMessage& m, bool header) {
    flush();
    m_open.emplace();
    m_open->first = m;
    if (header) {
        m_open->header = m;
    }
    m_open->last_line = m.at.line;
}

void OomBuilder::oom_kill_fields(Text fields) {
    Report& r = *m_open;
    r.constraint = r.constraint ? r.constraint : field(fields, "constraint=");
    r.oom_memcg = r.oom_memcg ? r.oom_memcg : field(fields, "oom_memcg=");
    r.task_memcg = r.task_memcg ? r.task_memcg : field(fields, "task_memcg=");
    r.cpuset = r.cpuset ? r.cpuset : field(fields, "cpuset=");
    r.global_oom = r.global_oom || fields.find(",global_oom") != Text::npos;
}

bool OomBuilder::feed(const KernelMessage& m) {
    const Text t = m.text;
    const bool was_oom_kill = m_last_was_oom_kill;
    m_last_was_oom_kill = false;
    if (const std::size_t at = t.find(" invoked oom-killer: "); at != Text::npos) {
        start(m, true);
        m_open->trigger = t.substr(0, at);
        m_open->gfp_mask = field(t, "gfp_mask=");
        m_open->order = kb_after(t, "order=");
        quote(*m_open, {m.at, t});
        return true;
    }
    // A split `oom-kill:` record (early 4.19): its second half starts with `,`.
    if (t.starts_with("oom-kill:") || (was_oom_kill && t.starts_with(',') && m_open)) {
        if (!m_open) {
            start(m, false);
        }
        oom_kill_fields(t);
        quote(*m_open, {m.at, t});
        m_open->last_line = m.at.line;
        m_last_was_oom_kill = true;
        return true;
    }
    if (const std::size_t at = t.find("Killed process "); at != Text::npos) {
        long long pid = 0;
        Text comm;
        if (!read_process(t, at + 15, pid, comm)) {
            return false;
        }
        const bool known = m_open && std::any_of(m_open->victims.begin(), m_open->victims.end(),
                                                 [&](const Victim& v) { return v.pid == pid; });
        // After a complete kill, another process's kill is a new one unless memory.oom.group takes the
        // group (bounded: the victim lookup stays linear).
        if (!m_open || (!m_open->victims.empty() && !known && (!m_open->group_kill || m_open->victims.size() >= k_max_victims))) {
            start(m, false);
        }
        Report& r = *m_open;
        if (at > 2 && !r.kill_prefix) {
            r.kill_prefix = t.substr(0, at - 2);  // "Out of memory" / "Memory cgroup out of memory"
        }
        r.last_line = m.at.line;
        if (known) {
            for (Victim& v : r.victims) {
                v.last_line = v.pid == pid ? m.at.line : v.last_line;
            }
            return true;
        }
        Victim v;
        v.pid = pid;
        v.process = comm;
        v.total_vm_kb = kb_after(t, "total-vm:");
        v.anon_rss_kb = kb_after(t, "anon-rss:");
        v.line = m;
        v.last_line = m.at.line;
        r.victims.push_back(v);
        return true;
    }
    if (const std::size_t at = t.find(": Kill process "); at != Text::npos) {
        if (!m_open || !m_open->victims.empty()) {
            start(m, false);
        }
        m_open->kill_prefix = t.substr(0, at);
        m_open->chosen_pid = digits_at(t, at + 15);
        m_open->last_line = m.at.line;
        return true;
    }
    if (!m_open) {
        return false;
    }
    Report& r = *m_open;
    if (t.starts_with("oom_reaper: reaped process ")) {
        const OptInt pid = digits_at(t, 27);
        for (Victim& v : r.victims) {
            if (pid && v.pid == *pid) {
                v.last_line = m.at.line;
                r.last_line = std::max(r.last_line, m.at.line);
                return true;
            }
        }
        return false;
    }
    if (t.starts_with("Tasks in ") && t.find("memory.oom.group") != Text::npos) {
        r.group_kill = true;
        r.last_line = std::max(r.last_line, m.at.line);
        return true;
    }
    if (!r.victims.empty()) {
        return false;  // the report is over: what follows is not part of it
    }
    if (t.starts_with("memory: usage ")) {
        r.usage_kb = kb_after(t, "usage ");
        r.limit_kb = kb_after(t, "limit ");
        r.failcnt = kb_after(t, "failcnt ");
        quote(r, {m.at, t});
    } else if (t.starts_with("kmem: usage ")) {
        r.kmem_kb = kb_after(t, "usage ");
        quote(r, {m.at, t});
    } else if (t.starts_with("Task in ")) {
        // ≤4.18: `Task in PATH killed as a result of limit of PATH`
        constexpr Text mid = " killed as a result of limit of ";
        const std::size_t at = t.find(mid);
        if (at != Text::npos) {
            r.task_memcg = t.substr(8, at - 8);
            r.oom_memcg = t.substr(at + mid.size());
            quote(r, {m.at, t});
        }
    } else if (t.starts_with("Memory limit reached of cgroup ")) {
        r.oom_memcg = t.substr(31);
    } else if (const std::size_t at = t.find(" cpuset="); at != Text::npos && !r.cpuset && t.find("mems_allowed=") != Text::npos) {
        r.cpuset = field(t, "cpuset=");  // ≤4.18's separate cpuset line
    } else {
        return false;
    }
    r.last_line = std::max(r.last_line, m.at.line);
    return true;
}

void OomBuilder::emit(Report& r) {
    const bool memcg = (r.constraint && *r.constraint == "CONSTRAINT_MEMCG") || r.oom_memcg ||
                       (r.kill_prefix && r.kill_prefix->starts_with("Memory cgroup"));
    const bool global = !memcg && (r.global_oom || (r.constraint && *r.constraint != "CONSTRAINT_MEMCG") ||
                                   (r.kill_prefix && r.kill_prefix->starts_with("Out of memory")));
    const OptText path = r.task_memcg ? r.task_memcg : r.oom_memcg;
    CgroupIds ids = path ? decode_cgroup_path(*path) : CgroupIds{};
    if (!ids.container_id && r.cpuset) {
        ids.container_id = decode_cgroup_path(*r.cpuset).container_id;
    }
    for (const Victim& v : r.victims) {
        KernelEvent e;
        e.kind = "oom-kill";
        const KernelMessage& first = r.first ? *r.first : v.line;
        e.at = first.at;
        e.first_line = first.at.line;
        e.last_line = std::max(v.last_line, r.last_line);
        e.time = v.line.wall;
        e.uptime_s = v.line.uptime_s;
        e.time_basis = basis_of(v.line);
        e.boot = v.line.boot;
        if (!v.line.yearless.empty()) {
            e.yearless_time = v.line.yearless;
        }
        if (!first.host.empty()) {
            e.host = first.host;
        }
        e.process = v.process;
        e.pid = v.pid;
        e.constraint = r.constraint;
        e.cgroup = path;
        e.oom_memcg = r.oom_memcg;
        e.oom_scope = memcg ? OptText("memcg") : global ? OptText("global") : std::nullopt;
        e.trigger = r.trigger;
        e.gfp_mask = r.gfp_mask;
        e.order = r.order;
        e.memcg_usage_kb = r.usage_kb;
        e.memcg_limit_kb = r.limit_kb;
        e.memcg_failcnt = r.failcnt;
        e.kmem_usage_kb = r.kmem_kb;
        e.total_vm_kb = v.total_vm_kb;
        e.anon_rss_kb = v.anon_rss_kb;
        e.chosen_pid = r.chosen_pid && *r.chosen_pid != v.pid ? r.chosen_pid : std::nullopt;
        e.header_lost = !r.header;
        e.group_kill = r.group_kill;
        e.quotes = r.quotes;
        e.quotes.push_back({v.line.at, v.line.text});
        if (ids.pod_uid) {
            e.pod_uid = m_incident.keep(*ids.pod_uid);
        }
        if (ids.container_id) {
            e.container_id = m_incident.keep(*ids.container_id);
        }
        keep_recent(m_events, std::move(e), m_dropped);
    }
}

void OomBuilder::flush() {
    if (m_open) {
        emit(*m_open);
        m_open.reset();
    }
}

std::vector<KernelEvent> OomBuilder::finish() {
    flush();
    trim_to_cap(m_events, m_dropped);
    return std::move(m_events);
}

}  // namespace pm
