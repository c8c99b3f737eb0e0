#include "readers/kernel_log/other_events.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "readers/kernel_log/cgroup_path.hpp"
#include "readers/kernel_log/event_cap.hpp"

namespace pm {

namespace {

constexpr std::size_t k_max_boots = 256;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

long long number_at(Text t, std::size_t& i) {
    long long v = 0;
    const std::size_t start = i;
    while (i < t.size() && is_digit(t[i]) && i - start < 18) {
        v = v * 10 + (t[i++] - '0');
    }
    return v;
}

// `Node 0 Normal: 408769*4kB (UME) 119222*8kB … 0*4096kB = 3120228kB`: the zone's free kB and its
// highest order holding a block; false for another line. DMA is left out: lowmem_reserve protects it.
bool buddy_line(Text t, long long& free_kb, int& max_order) {
    if (!t.starts_with("Node ") || t.find("*4kB") == Text::npos) {
        return false;
    }
    const std::size_t colon = t.find(": ");
    if (colon == Text::npos || t.substr(0, colon).ends_with(" DMA")) {
        return true;  // a buddy line of a zone that does not count
    }
    std::size_t i = colon + 2;
    int order = 0;
    while (i < t.size()) {
        if (t[i] == '=') {
            i += 2;
            free_kb += number_at(t, i);
            break;
        }
        if (is_digit(t[i])) {
            const long long count = number_at(t, i);
            if (i < t.size() && t[i] == '*') {
                max_order = count > 0 ? std::max(max_order, order) : max_order;
                ++order;
            }
            continue;
        }
        ++i;
    }
    return true;
}

std::optional<unsigned long long> hex_at(Text t, std::size_t i) {
    unsigned long long v = 0;
    const std::size_t start = i;
    for (; i < t.size() && i - start < 16; ++i) {
        const char c = t[i];
        const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) {
            break;
        }
        v = v * 16 + static_cast<unsigned long long>(d);
    }
    return i == start ? std::nullopt : std::optional(v);
}

// `… ip 00007f35b9fe0d3e … error 4 in libvips.so.42.17.2[7f35b9f2c000+2a1000]`: the library, the
// faulting offset in it (the same in every crash of one bug, whatever ASLR did), the error bits in words.
std::string segfault_detail(Text t, std::size_t at) {
    std::string out;
    const std::size_t in = t.find(" in ", at);
    if (in != Text::npos) {
        const Text lib = t.substr(in + 4);
        const std::size_t open = lib.find('[');
        out = std::string(lib.substr(0, lib.find_first_of("[ ")));
        const std::size_t ip_at = t.find(" ip ", at);
        const auto ip = ip_at == Text::npos ? std::nullopt : hex_at(t, ip_at + 4);
        const auto base = open == Text::npos ? std::nullopt : hex_at(lib, open + 1);
        if (ip && base && *ip >= *base) {
            char offset[24];
            std::snprintf(offset, sizeof offset, "+0x%llx", *ip - *base);
            out += offset;
        }
    }
    const std::size_t error_at = t.find(" error ", at);
    if (const auto bits = error_at == Text::npos ? std::nullopt : hex_at(t, error_at + 7)) {
        std::string words = (*bits & 4) != 0 ? "user-mode " : "kernel-mode ";
        words += (*bits & 16) != 0 ? "instruction fetch" : (*bits & 2) != 0 ? "write" : "read";
        words += (*bits & 1) != 0 ? " refused by the page's protection" : " of a page not mapped";
        words += (*bits & 8) != 0 ? ", reserved bit set" : "";
        out += (out.empty() ? "" : "; ") + std::string("error ") + std::to_string(*bits) + ": " + words;
    }
    return out;
}

}  // namespace

void OtherEvents::start(KernelEvent e, const KernelMessage& m) {
    close_failure();
    e.at = m.at;
    e.first_line = m.at.line;
    e.last_line = m.at.line;
    e.time = m.wall;
    e.uptime_s = m.uptime_s;
    e.time_basis = m.wall ? m.wall->basis : TimeBasis::uptime;
    e.boot = m.boot;
    if (!m.yearless.empty()) {
        e.yearless_time = m.yearless;
    }
    if (!m.host.empty()) {
        e.host = m.host;
    }
    e.quotes.push_back({m.at, m.text});
    keep_recent(m_events, std::move(e), m_dropped);
}

void OtherEvents::close_failure() {
    if (m_in_failure && !m_events.empty()) {
        KernelEvent& e = m_events.back();
        if (m_free_kb > 0) {
            e.free_kb = m_free_kb;
            e.largest_free_order = m_max_free_order;
        }
    }
    m_in_failure = false;
    m_free_kb = 0;
    m_max_free_order = -1;
}

void OtherEvents::seen(const KernelMessage& m) {
    // An orderly reboot or power-off says so last (kernel/reboot.c, systemd-shutdown).
    static constexpr std::array<Text, 5> shutdown = {"reboot: Restarting system", "reboot: Power down",
                                                     "reboot: System halted", "systemd-shutdown", "Power down"};
    if (m.text.starts_with("Linux version ")) {
        return;  // the banner itself: its boot's own first line
    }
    if (std::any_of(shutdown.begin(), shutdown.end(), [&](Text s) { return m.text.find(s) != Text::npos; })) {
        m_shutdown_seen = true;
    }
    m_last_at = m.at;
    m_last_text.assign(m.text.substr(0, 512));
}

void OtherEvents::reboot_marker(Cite at) {
    close_failure();
    m_marker = at;
}

bool OtherEvents::feed(const KernelMessage& m) {
    const Text t = m.text;
    if (t.starts_with("Linux version ")) {
        if (++m_boots > k_max_boots) {
            return true;  // a real log holds a few boots; a flood of banners is not evidence
        }
        KernelEvent e;
        e.kind = "boot";
        const Text rest = t.substr(14);
        e.detail = rest.substr(0, rest.find(' '));  // the release: the first token (§3.4)
        if (m_last_at) {
            // The boot before it: its last line, and whether it shut down or just stopped.
            e.quotes.push_back({*m_last_at, m_incident.keep(m_last_text)});
            e.previous_boot_end = m_shutdown_seen ? "a shutdown" : "no shutdown messages";
        }
        if (m_marker) {
            e.quotes.push_back({*m_marker, "-- Reboot --"});
        }
        m_shutdown_seen = false;
        m_last_at.reset();
        start(std::move(e), m);
        if (m_marker) {
            m_events.back().first_line = m_marker->line;  // the marker and the banner are one boot
            m_marker.reset();
        }
        return true;
    }
    if (const std::size_t at = t.find("]: segfault at "); at != Text::npos) {
        const std::size_t open = t.rfind('[', at);
        if (open == Text::npos) {
            return false;
        }
        KernelEvent e;
        e.kind = "segfault";
        e.process = t.substr(0, open);
        std::size_t i = open + 1;
        e.pid = number_at(t, i);
        if (const std::string detail = segfault_detail(t, at); !detail.empty()) {
            e.detail = m_incident.keep(detail);
        }
        start(std::move(e), m);
        return true;
    }
    if (const std::size_t at = t.find(": page allocation failure: order:"); at != Text::npos) {
        KernelEvent e;
        e.kind = "page-allocation-failure";
        e.process = t.substr(0, at);
        std::size_t i = at + 33;
        e.order = number_at(t, i);
        if (const std::size_t cs = t.find("cpuset="); cs != Text::npos) {
            const Text rest = t.substr(cs + 7);
            const Text cpuset = rest.substr(0, rest.find(','));
            if (auto id = decode_cgroup_path(cpuset).container_id) {
                e.container_id = m_incident.keep(*id);
            }
            e.cgroup = cpuset;
        }
        start(std::move(e), m);
        m_in_failure = true;
        return true;
    }
    if (t.starts_with("INFO: task ") && t.find(" blocked for more than ") != Text::npos) {
        KernelEvent e;
        e.kind = "hung-task";
        const Text rest = t.substr(11);
        const std::size_t colon = rest.find(':');
        const std::size_t blocked = rest.find(" blocked for more than ");
        if (colon != Text::npos && colon < blocked) {
            e.process = rest.substr(0, colon);
            std::size_t i = colon + 1;
            e.pid = number_at(rest, i);
        }
        start(std::move(e), m);
        return true;
    }
    if (t.starts_with("Kernel panic - not syncing")) {
        KernelEvent e;
        e.kind = "panic";
        start(std::move(e), m);
        return true;
    }
    if (m_in_failure && !m_events.empty()) {
        if (buddy_line(t, m_free_kb, m_max_free_order)) {
            m_events.back().last_line = m.at.line;
            if (t.find(" Normal: ") != Text::npos) {
                m_events.back().quotes.push_back({m.at, t});
            }
            return true;
        }
        if (t.find(" invoked oom-killer: ") != Text::npos) {
            close_failure();
        }
    }
    return false;
}

void OtherEvents::program(const KernelMessage& m, Text ident) {
    const Text t = m.text;
    KernelEvent e;
    e.kind = "userspace-oom-kill";
    if (ident.starts_with("earlyoom")) {
        // `sending SIGTERM to process 22996 uid 1000 "chrome": badness 1312, VmRSS 921 MiB`
        const std::size_t at = t.find(" to process ");
        if (!t.starts_with("sending SIG") || at == Text::npos) {
            return;
        }
        std::size_t i = at + 12;
        e.pid = number_at(t, i);
        const std::size_t open = t.find('"', i);
        const std::size_t close = open == Text::npos ? Text::npos : t.find("\":", open + 1);
        if (close != Text::npos) {
            e.process = t.substr(open + 1, close - open - 1);
        }
        std::string detail(t.substr(8, at - 8));  // the signal, and the victim's resident memory
        if (const std::size_t rss = t.find("VmRSS "); rss != Text::npos) {
            detail += ", " + std::string(t.substr(rss, t.find(',', rss) == Text::npos ? Text::npos : t.find(',', rss) - rss));
        }
        e.detail = m_incident.keep(detail);
    } else if (ident.starts_with("systemd-oomd")) {
        // `Killed /kubepods.slice/….scope due to memory pressure for /kubepods.slice being 62.13% > 50.00% …`
        const std::size_t due = t.find(" due to ");
        if (!t.starts_with("Killed /") || due == Text::npos) {
            return;
        }
        e.cgroup = t.substr(7, due - 7);
        const CgroupIds ids = decode_cgroup_path(*e.cgroup);
        if (ids.pod_uid) {
            e.pod_uid = m_incident.keep(*ids.pod_uid);
        }
        if (ids.container_id) {
            e.container_id = m_incident.keep(*ids.container_id);
        }
        e.detail = t.substr(due + 8, std::min<std::size_t>(t.size() - due - 8, 120));
    } else {
        return;
    }
    e.trigger = ident.substr(0, ident.find_first_of("[:"));
    start(std::move(e), m);
}

std::vector<KernelEvent> OtherEvents::finish() {
    close_failure();
    trim_to_cap(m_events, m_dropped);
    return std::move(m_events);
}

}  // namespace pm
