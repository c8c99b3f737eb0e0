// Kernel messages that are one event each (formats.md §3.4): boot banners, segfaults, page
// allocation failures with the buddy lines that follow, hung tasks, panics.
#pragma once

#include <optional>
#include <string>

#include "evidence/incident.hpp"
#include "readers/kernel_log/oom_record.hpp"

namespace pm {

class OtherEvents {
public:
    explicit OtherEvents(Incident& incident) : m_incident(incident) {}
    // Feeds the next message; returns true when it started or extended an event.
    bool feed(const KernelMessage& m);
    // Another program's line: a userspace OOM killer's kill (earlyoom, systemd-oomd) is an event.
    void program(const KernelMessage& m, Text ident);
    // Every kernel message, whoever reads it: what the boot's last line was, and whether it shut down.
    void seen(const KernelMessage& m);
    // A journal's `-- Reboot --` marker: the next banner is cited with it.
    void reboot_marker(Cite at);
    std::vector<KernelEvent> finish();
    std::uint64_t dropped() const { return m_dropped; }

private:
    void start(KernelEvent e, const KernelMessage& m);

    Incident& m_incident;
    std::vector<KernelEvent> m_events;
    std::uint64_t m_dropped = 0;
    std::optional<Cite> m_marker;
    std::optional<Cite> m_last_at;  // the last kernel message before now, and its words (copied: a
    std::string m_last_text;        // streamed chunk is reused)
    OptText m_shutdown;             // a shutdown line seen since the last boot
    bool m_shutdown_seen = false;
    std::size_t m_boots = 0;
    // An open page allocation failure's buddy summary: free kB, and the highest order with a free block.
    long long m_free_kb = 0;
    int m_max_free_order = -1;
    bool m_in_failure = false;
    void close_failure();
};

}  // namespace pm
