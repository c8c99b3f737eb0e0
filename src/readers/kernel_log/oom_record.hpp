// Rebuilds OOM kills from the kernel's messages in order (formats.md §3.2, 3.10 -> 6.x): one record
// from `invoked oom-killer` through `Killed process`/`oom_reaper`, a header-less one when dump_header's
// ratelimit ate the report, one event per process a memory.oom.group kill took.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "evidence/incident.hpp"

namespace pm {

// One kernel message handed to the builder: its text (envelope removed, wrapped pieces joined),
// where it is, and its stamps.
struct KernelMessage {
    Text text;
    Cite at;
    std::optional<double> uptime_s;
    OptTime wall;
    std::uint32_t boot = 0;
    Text yearless;  // a journal or syslog stamp without a year
    Text host;      // the machine its envelope names, when it names one
};

// One OOM report being rebuilt: a process it killed, and the report's lines.
struct OomVictim {
    long long pid = 0;
    Text process;
    OptInt total_vm_kb;
    OptInt anon_rss_kb;
    KernelMessage line;
    std::uint32_t last_line = 0;
};
struct OomReport {
    std::optional<KernelMessage> header;
    std::optional<KernelMessage> first;  // where the record starts (the header, or the kill line without one)
    OptText trigger, gfp_mask, constraint, oom_memcg, task_memcg, cpuset, kill_prefix;
    OptInt order, usage_kb, limit_kb, failcnt, kmem_kb, chosen_pid;
    bool global_oom = false;
    bool group_kill = false;
    std::vector<Quote> quotes;
    std::vector<OomVictim> victims;
    std::uint32_t last_line = 0;
};

class OomBuilder {
public:
    explicit OomBuilder(Incident& incident) : m_incident(incident) {}
    // Feeds the next message; returns true when it belonged to an OOM report.
    bool feed(const KernelMessage& m);
    // Ends the open report (a reboot, the end of the input).
    void flush();
    // The kill events, in the order of their kill lines (the last k_max_kernel_events).
    std::vector<KernelEvent> finish();
    std::uint64_t dropped() const { return m_dropped; }

private:
    using Victim = OomVictim;
    using Report = OomReport;

    void start(const KernelMessage& m, bool header);
    void oom_kill_fields(Text fields);
    void emit(Report& report);

    Incident& m_incident;  // keeps the decoded IDs
    std::optional<Report> m_open;
    bool m_last_was_oom_kill = false;
    std::vector<KernelEvent> m_events;
    std::uint64_t m_dropped = 0;  // older kills beyond the cap, counted
};

// `NkB` figures and `key=value` fields of the kernel's OOM lines.
OptInt kb_after(Text text, Text key);

}  // namespace pm
