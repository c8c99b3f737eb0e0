#include "correlate/kernel_duplicates.hpp"

#include <cmath>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

namespace pm {

namespace {

// Within `seconds` of each other, when the two times can be compared at all.
std::optional<bool> near(const OptTime& a, const OptTime& b, long long seconds) {
    if (!a || !b || compare_times(*a, *b) == std::partial_ordering::unordered) {
        return std::nullopt;
    }
    return std::llabs(a->seconds - b->seconds) <= seconds;
}

// One kill saved twice (dmesg and its -T tail, a journal and syslog): the same process killed at
// the same moment of the same boot.
bool same_event(const KernelEvent& a, const KernelEvent& b) {
    if (a.kind != b.kind || !a.pid || a.pid != b.pid || a.process != b.process) {
        return false;
    }
    if (a.cgroup && b.cgroup && *a.cgroup != *b.cgroup) {
        return false;
    }
    if (a.host && b.host && *a.host != *b.host) {
        return false;  // two machines' journals: two kills, however alike
    }
    if (a.uptime_s && b.uptime_s && a.at.input != b.at.input) {
        return std::fabs(*a.uptime_s - *b.uptime_s) <= 1.0;
    }
    if (const auto close = near(a.time, b.time, 1)) {
        return *close;
    }
    return a.at.input != b.at.input;  // in two captures without comparable stamps: taken as one
}

// A wall-clock stamp minus the uptime the same line printed: when the boot was, on that clock.
struct BootClock {
    TimePoint boot;  // the wall time at uptime 0 (basis, offset as printed)
    Cite from;       // the line whose two stamps gave it
};

std::uint64_t boot_key(const KernelEvent& e) {
    return (static_cast<std::uint64_t>(e.at.input) << 32) | e.boot;
}

// Remembers the boot time a pair of copies gives: one copy with the uptime, the other with the wall time.
void learn_boot(std::unordered_map<std::uint64_t, BootClock>& boots, const KernelEvent& uptime_copy,
                const KernelEvent& wall_copy) {
    if (!uptime_copy.uptime_s || uptime_copy.time || !wall_copy.time || boots.contains(boot_key(uptime_copy))) {
        return;
    }
    TimePoint boot = *wall_copy.time;
    const auto up_ns = static_cast<long long>(*uptime_copy.uptime_s * 1e9);
    const long long wall_ns = boot.seconds * 1000000000LL + boot.nanos - up_ns;
    boot.seconds = wall_ns >= 0 ? wall_ns / 1000000000LL : (wall_ns - 999999999LL) / 1000000000LL;
    boot.nanos = static_cast<std::uint32_t>(wall_ns - boot.seconds * 1000000000LL);
    boots.emplace(boot_key(uptime_copy), BootClock{boot, wall_copy.at});
}

}  // namespace

void collapse_kernel_duplicates(Incident& incident) {
    std::vector<KernelEvent> kept;
    kept.reserve(incident.kernel_events.size());
    // Copies of one event share its pid and comm: each such key's latest few kept events are tried.
    std::unordered_map<std::string, std::vector<std::size_t>> by_process;
    std::unordered_map<std::uint64_t, BootClock> boots;
    for (KernelEvent& e : incident.kernel_events) {
        bool merged = false;
        std::string key;
        if (e.pid) {
            key = std::to_string(*e.pid) + ' ' + std::string(e.process.value_or("")) + ' ' + std::string(e.kind);
            std::vector<std::size_t>& seen = by_process[key];
            for (std::size_t n = seen.size(); n-- > 0 && seen.size() - n <= 16;) {
                KernelEvent& k = kept[seen[n]];
                if (!same_event(k, e)) {
                    continue;
                }
                learn_boot(boots, k, e);
                learn_boot(boots, e, k);
                if (e.quotes.size() > k.quotes.size()) {
                    std::swap(k, e);  // the fuller copy (with its report's header) leads
                }
                for (const Quote& q : e.quotes) {
                    k.quotes.push_back(q);  // every citation is kept
                }
                if (!k.time && e.time) {
                    k.time = e.time;
                    k.time_basis = e.time_basis;
                }
                if (!k.uptime_s && e.uptime_s) {
                    k.uptime_s = e.uptime_s;
                }
                merged = true;
                break;
            }
            if (!merged) {
                seen.push_back(kept.size());
            }
        }
        if (!merged) {
            kept.push_back(std::move(e));
        }
    }
    // Uptime-only events of a boot whose clock a twin capture gave (dmesg and its dmesg -T): on the wall clock.
    for (KernelEvent& e : kept) {
        const auto found = e.time || !e.uptime_s ? boots.end() : boots.find(boot_key(e));
        if (found == boots.end()) {
            continue;
        }
        TimePoint t = found->second.boot;
        const long long ns = t.nanos + static_cast<long long>(*e.uptime_s * 1e9);
        t.seconds += ns / 1000000000LL;
        t.nanos = static_cast<std::uint32_t>(ns % 1000000000LL);
        t.fraction_digits = 6;
        e.time = t;
        e.time_basis = t.basis;
        e.time_from = found->second.from;
    }
    incident.kernel_events = std::move(kept);
}

}  // namespace pm
