#include "base/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
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

void ordered_pipeline(std::size_t n, unsigned jobs, std::size_t ahead, const std::function<std::string(std::size_t)>& make,
                      const std::function<void(std::size_t, std::string&&)>& take) {
    if (jobs <= 1 || n <= 1) {
        for (std::size_t i = 0; i < n; ++i) {
            take(i, make(i));
        }
        return;
    }
    ahead = std::max<std::size_t>(ahead, 1);
    std::mutex lock;
    std::condition_variable changed;
    std::vector<std::string> texts(n);
    std::vector<char> ready(n, 0);
    std::size_t next = 0;   // the next index a worker makes
    std::size_t taken = 0;  // indices the caller has taken
    bool failed = false;
    std::exception_ptr error;
    auto fail = [&](std::exception_ptr e) {
        std::lock_guard<std::mutex> guard(lock);
        if (!error) {
            error = std::move(e);
        }
        failed = true;
        changed.notify_all();
    };
    auto work = [&] {
        for (;;) {
            std::size_t i = 0;
            {
                std::unique_lock<std::mutex> guard(lock);
                changed.wait(guard, [&] { return failed || next >= n || next < taken + ahead; });
                if (failed || next >= n) {
                    return;
                }
                i = next++;
            }
            try {
                std::string text = make(i);
                std::lock_guard<std::mutex> guard(lock);
                texts[i] = std::move(text);
                ready[i] = 1;
                changed.notify_all();
            } catch (...) {
                fail(std::current_exception());
                return;
            }
        }
    };
    const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (unsigned t = 0; t < workers; ++t) {
        threads.emplace_back(work);
    }
    try {
        for (std::size_t i = 0; i < n; ++i) {
            std::string text;
            {
                std::unique_lock<std::mutex> guard(lock);
                changed.wait(guard, [&] { return failed || ready[i] != 0; });
                if (failed) {
                    break;
                }
                text = std::move(texts[i]);
                texts[i] = std::string();
                taken = i + 1;
                changed.notify_all();
            }
            take(i, std::move(text));
        }
    } catch (...) {
        fail(std::current_exception());
    }
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
