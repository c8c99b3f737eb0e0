#include "input/mapped_file.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <utility>

#include "base/exit_cleanup.hpp"

namespace pm {

namespace {

// What the SIGBUS handler knows of each mapping, in fixed storage it may read without locking.
struct Watched {
    std::atomic<const char*> begin{nullptr};
    std::atomic<std::size_t> size{0};
    char path[1024] = {};
};

constexpr int k_slots = 64;
Watched g_watched[k_slots];
std::mutex g_slots_mutex;
bool g_handler_installed = false;

void say(const char* text) {
    std::size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t n = ::write(STDERR_FILENO, text, left);
        if (n <= 0) {
            return;
        }
        text += n;
        left -= static_cast<std::size_t>(n);
    }
}

void on_sigbus(int, siginfo_t* info, void*) {
    const auto* at = static_cast<const char*>(info->si_addr);
    const char* path = nullptr;
    for (Watched& w : g_watched) {
        const char* begin = w.begin.load();
        if (begin != nullptr && at >= begin && at < begin + w.size.load()) {
            path = w.path;
            break;
        }
    }
    if (path == nullptr) {
        ::signal(SIGBUS, SIG_DFL);  // not ours: die as the default would
        ::raise(SIGBUS);
        return;
    }
    run_exit_cleanup();
    say("podmortem: ");
    say(path);
    say(" shrank while it was being read (another program truncated or rewrote it); stopped before the report "
        "was finished (an -o report is not written). Copy the file somewhere stable and run podmortem on the copy.\n");
    ::_exit(1);
}

void install_handler() {
    struct sigaction action {};
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, nullptr);
}

int watch(const void* data, std::size_t size, std::string_view path) {
    const std::lock_guard<std::mutex> lock(g_slots_mutex);
    if (!g_handler_installed) {
        install_handler();
        g_handler_installed = true;
    }
    for (int i = 0; i < k_slots; ++i) {
        Watched& w = g_watched[i];
        if (w.begin.load() == nullptr) {
            const std::size_t n = std::min(path.size(), sizeof w.path - 1);
            if (n > 0) {
                std::memcpy(w.path, path.data(), n);
            }
            w.path[n] = '\0';
            w.size.store(size);
            w.begin.store(static_cast<const char*>(data));
            return i;
        }
    }
    return -1;
}

void unwatch(int slot) {
    const std::lock_guard<std::mutex> lock(g_slots_mutex);
    g_watched[slot].begin.store(nullptr);
}

}  // namespace

MappedFile::~MappedFile() {
    release();
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)),
      m_slot(std::exchange(other.m_slot, -1)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_slot = std::exchange(other.m_slot, -1);
    }
    return *this;
}

bool MappedFile::map(int fd, std::size_t size, std::string_view path) {
    release();
    if (size == 0) {
        return false;
    }
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (data == MAP_FAILED) {
        return false;
    }
    const int slot = watch(data, size, path);
    if (slot < 0) {
        ::munmap(data, size);  // no room to watch it: read it instead
        return false;
    }
    m_data = data;
    m_size = size;
    m_slot = slot;
    return true;
}

void MappedFile::release() noexcept {
    if (m_data == nullptr) {
        return;
    }
    unwatch(m_slot);
    ::munmap(m_data, m_size);
    m_data = nullptr;
    m_size = 0;
    m_slot = -1;
}

}  // namespace pm
