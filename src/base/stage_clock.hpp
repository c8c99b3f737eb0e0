#pragma once
// PODMORTEM_TIMINGS=1 prints each stage's wall time and the process's resident memory to stderr,
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
};

}  // namespace pm
