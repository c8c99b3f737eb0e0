#include "cli/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "base/exit_cleanup.hpp"
#include "report/report_shape.hpp"

namespace pm {

namespace {

constexpr std::size_t k_report_probe_bytes = 64u << 20;  // a report larger than this is not one we wrote

std::string errno_text() {
    return std::strerror(errno);
}

bool write_all(int fd, std::string_view data) {
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            if (n == 0) {
                errno = EIO;
            }
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

// Whether the regular file at `path` is a report podmortem wrote earlier.
bool holds_podmortem_report(const std::string& path, off_t size) {
    if (size <= 0 || static_cast<std::size_t>(size) > k_report_probe_bytes) {
        return false;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
    if (fd < 0) {
        return false;
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    text.resize(got);
    return is_podmortem_report(text);
}

mode_t current_umask() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

}  // namespace

std::optional<OutputPlan> plan_output(const std::string& path, bool force, std::string& error) {
    OutputPlan plan;
    struct stat lst {};
    if (::lstat(path.c_str(), &lst) != 0) {
        if (errno == ENOENT) {
            return plan;  // a new file
        }
        error = "cannot use " + path + " as the output: " + errno_text();
        return std::nullopt;
    }
    struct stat st = lst;
    if (S_ISLNK(lst.st_mode) && ::stat(path.c_str(), &st) != 0) {
        error = path + " is a dangling symbolic link; podmortem does not write through links - give a real file name";
        return std::nullopt;
    }
    plan.exists = true;
    plan.device = st.st_dev;
    plan.inode = st.st_ino;
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
        plan.in_place = true;  // /dev/null, /dev/stdout, a terminal, a pipe: written as they are
        return plan;
    }
    if (S_ISLNK(lst.st_mode)) {
        error = path + " is a symbolic link; podmortem does not write through links (it could land on an input) - "
                       "give the real path instead";
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        error = path + " is a directory; give a file name for the report, e.g. " + path + "/postmortem.md";
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        error = path + " is not a regular file, a character device or a FIFO; refusing to write the report there";
        return std::nullopt;
    }
    // An empty file (from mktemp, say) holds nothing to lose.
    if (!force && st.st_size > 0 && !holds_podmortem_report(path, st.st_size)) {
        error = path + " exists and is not a report podmortem wrote; it is not overwritten - choose another "
                       "-o FILE, or pass --force to replace it";
        return std::nullopt;
    }
    plan.keep_mode = st.st_mode & 07777;
    return plan;
}

OutputFile::~OutputFile() {
    if (!m_committed) {
        discard();
    }
}

void OutputFile::discard() {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temp.empty()) {
        clear_exit_cleanup_path();
        ::unlink(m_temp.c_str());
        m_temp.clear();
    }
}

bool OutputFile::open(std::string& error) {
    if (m_plan.in_place) {
        m_fd = ::open(m_path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (m_fd < 0) {
            error = "cannot open " + m_path + " for writing: " + errno_text();
            return false;
        }
        return true;
    }
    namespace fs = std::filesystem;
    const fs::path target(m_path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // A hidden name, so a half-written report never looks like the real one.
    std::string tmpl = (dir / ("." + target.filename().string() + ".podmortem-XXXXXX")).string();
    m_fd = ::mkstemp(tmpl.data());
    if (m_fd < 0) {
        error = "cannot create a temporary file next to " + m_path + ": " + errno_text() +
                " (is the directory there and writable?)";
        return false;
    }
    m_temp = tmpl;
    set_exit_cleanup_path(m_temp);  // a run killed by a signal from here on leaves no temporary behind
    const mode_t mode = m_plan.exists ? m_plan.keep_mode : (0666 & ~current_umask());
    if (::fchmod(m_fd, mode) != 0) {
        error = "cannot set the mode of the report " + m_path + ": " + errno_text();
        discard();
        return false;
    }
    return true;
}

void OutputFile::write(std::string_view data) {
    if (m_fd < 0 || m_errno != 0) {
        return;
    }
    if (!write_all(m_fd, data)) {
        m_errno = errno;
    }
}

bool OutputFile::commit(std::string& error) {
    if (m_fd < 0) {
        error = "the report " + m_path + " was never opened";
        return false;
    }
    if (m_errno != 0) {
        error = "cannot write the report to " + m_path + ": " + std::strerror(m_errno);
        discard();
        return false;
    }
    if (m_plan.in_place) {
        const int fd = m_fd;
        m_fd = -1;
        if (::close(fd) != 0) {
            error = "cannot write the report to " + m_path + ": " + errno_text();
            return false;
        }
        m_committed = true;
        return true;
    }
    if (::fsync(m_fd) != 0 || ::close(m_fd) != 0) {
        m_fd = -1;
        error = "cannot write " + m_path + ": " + errno_text();
        discard();
        return false;
    }
    m_fd = -1;
    if (std::rename(m_temp.c_str(), m_path.c_str()) != 0) {
        error = "cannot move the report into place at " + m_path + ": " + errno_text();
        discard();
        return false;
    }
    clear_exit_cleanup_path();
    m_temp.clear();
    m_committed = true;
    return true;
}

}  // namespace pm
