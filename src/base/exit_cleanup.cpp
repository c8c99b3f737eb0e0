#include "base/exit_cleanup.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <initializer_list>

namespace pm {

namespace {

char g_path[4096];
std::atomic<bool> g_set{false};

}  // namespace

void set_exit_cleanup_path(std::string_view path) {
    g_set.store(false);
    if (path.empty() || path.size() >= sizeof g_path) {
        return;
    }
    std::memcpy(g_path, path.data(), path.size());
    g_path[path.size()] = '\0';
    g_set.store(true);
}

void clear_exit_cleanup_path() {
    g_set.store(false);
}

void run_exit_cleanup() noexcept {
    if (g_set.exchange(false)) {
        ::unlink(g_path);
    }
}

namespace {

void on_termination(int sig) {
    run_exit_cleanup();
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

}  // namespace

void cleanup_on_termination_signals() {
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction old {};
        if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) {
            continue;  // ignored by whoever started us (nohup, a background job): keep it so
        }
        struct sigaction action {};
        action.sa_handler = on_termination;
        sigemptyset(&action.sa_mask);
        ::sigaction(sig, &action, nullptr);
    }
}

}  // namespace pm
