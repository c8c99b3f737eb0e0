// A fixed number of worker threads running fn(i) for every i in [0, n): the unit of work of the
// pipeline's parallel stages. Results go to per-index slots; nothing is shared between calls.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace pm {

// Runs fn(0) … fn(n - 1) on `jobs` threads (the calling thread is one of them); returns when all
// are done. jobs <= 1, or n <= 1, runs them in order on the calling thread. An exception thrown by
// fn is rethrown here after every thread stopped.
void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& fn);

// Texts made on `jobs` worker threads and taken in index order by the calling thread as soon as
// each is ready: make(i) for every i in [0, n), take(i, text) in order 0, 1, …, n - 1. At most
// `ahead` texts wait to be taken (memory stays bounded), and making goes on while the caller is
// busy taking (writing a report to a slow pipe). jobs <= 1 or n <= 1 alternates the two on the
// calling thread. An exception from either is rethrown here after every thread stopped.
void ordered_pipeline(std::size_t n, unsigned jobs, std::size_t ahead, const std::function<std::string(std::size_t)>& make,
                      const std::function<void(std::size_t, std::string&&)>& take);

// The number of threads worth using on this machine for CPU-bound work (at least 1).
unsigned default_jobs();

}  // namespace pm
