#include "base/stage_clock.hpp"

#include <sys/resource.h>

#include <ctime>
#include <cstdio>
#include <cstdlib>

namespace pm {

namespace {

// Current and peak resident set in MiB, from /proc/self/status (0 where it cannot be read).
void resident_mib(double& now, double& peak) {
    now = peak = 0;
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (f == nullptr) {
        return;
    }
    char line[256];
    while (std::fgets(line, sizeof line, f) != nullptr) {
        long kib = 0;
        if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1) {
            now = static_cast<double>(kib) / 1024;
        } else if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) {
            peak = static_cast<double>(kib) / 1024;
        }
    }
    std::fclose(f);
}

// Page faults of the process so far that allocated memory (on a VM each costs over a microsecond).
long minor_faults() {
    rusage usage{};
    return getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_minflt : 0;
}

// User and system time of every thread of the process so far.
double process_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

}  // namespace

StageClock::StageClock() : m_on(std::getenv("PODMORTEM_TIMINGS") != nullptr), m_last(std::chrono::steady_clock::now()) {
    if (m_on) {
        m_last_cpu_ms = process_cpu_ms();
        m_last_faults = minor_faults();
    }
}

void StageClock::lap(const char* stage) {
    if (!m_on) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    double rss = 0;
    double peak = 0;
    resident_mib(rss, peak);
    const double cpu = process_cpu_ms();
    const long faults = minor_faults();
    std::fprintf(stderr, "podmortem: %-10s %8.2f ms  cpu %8.2f ms  faults %7ld   rss %7.1f MiB (peak %7.1f)\n", stage,
                 std::chrono::duration<double, std::milli>(now - m_last).count(), cpu - m_last_cpu_ms,
                 faults - m_last_faults, rss, peak);
    m_last = std::chrono::steady_clock::now();
    m_last_cpu_ms = process_cpu_ms();
    m_last_faults = minor_faults();
}

}  // namespace pm
