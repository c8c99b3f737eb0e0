#include "base/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace pm {

void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& fn) {
    if (jobs <= 1 || n <= 1) {
        for (std::size_t i = 0; i < n; ++i) {
            fn(i);
        }
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex error_lock;
    auto work = [&] {
        for (std::size_t i = next++; i < n && !failed; i = next++) {
            try {
                fn(i);
            } catch (...) {
                std::lock_guard<std::mutex> guard(error_lock);
                if (!error) {
                    error = std::current_exception();
                }
                failed = true;
            }
        }
    };
    const unsigned extra = static_cast<unsigned>(std::min<std::size_t>(jobs, n)) - 1;
    std::vector<std::thread> threads;
    threads.reserve(extra);
    for (unsigned t = 0; t < extra; ++t) {
        threads.emplace_back(work);
    }
    work();
    for (auto& thread : threads) {
        thread.join();
    }
    if (error) {
        std::rethrow_exception(error);
    }
}

unsigned default_jobs() {
    const unsigned hw = std::thread::hardware_concurrency();
    return std::clamp(hw, 1u, 8u);
}

}  // namespace pm
