#pragma once
// PODMORTEM_TIMINGS=1 prints each stage's wall time, the CPU time all threads spent in it (their ratio
// shows how parallel it is), the page faults that allocated memory in it, and the process's resident
// memory to stderr,
// for the benchmarks and for finding where time and memory go; never read by a test.

#include <chrono>

namespace pm {

class StageClock {
public:
    StageClock();
    // Prints the time since the clock was made or last lapped, then restarts it.
    void lap(const char* stage);

private:
    bool m_on;
    std::chrono::steady_clock::time_point m_last;
    double m_last_cpu_ms = 0;  // the process's CPU time at the last lap
    long m_last_faults = 0;    // and its minor page faults
};

}  // namespace pm
