// A fixed number of worker threads running fn(i) for every i in [0, n): the unit of work of the
// pipeline's parallel stages. Results go to per-index slots; nothing is shared between calls.
#pragma once

#include <cstddef>
#include <functional>

namespace pm {

// Runs fn(0) … fn(n - 1) on `jobs` threads (the calling thread is one of them); returns when all
// are done. jobs <= 1, or n <= 1, runs them in order on the calling thread. An exception thrown by
// fn is rethrown here after every thread stopped.
void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& fn);

// The number of threads worth using on this machine for CPU-bound work (at least 1).
unsigned default_jobs();

}  // namespace pm
