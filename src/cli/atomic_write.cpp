#include "cli/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

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

bool write_in_place(const std::string& path, std::string_view data, std::string& error) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open " + path + " for writing: " + errno_text();
        return false;
    }
    if (!write_all(fd, data)) {
        error = "cannot write the report to " + path + ": " + errno_text();
        ::close(fd);
        return false;
    }
    if (::close(fd) != 0) {
        error = "cannot write the report to " + path + ": " + errno_text();
        return false;
    }
    return true;
}

bool replace_atomically(const std::string& path, const OutputPlan& plan, std::string_view data, std::string& error) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // A hidden name, so a half-written report never looks like the real one.
    std::string tmpl = (dir / ("." + target.filename().string() + ".podmortem-XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        error = "cannot create a temporary file next to " + path + ": " + errno_text() +
                " (is the directory there and writable?)";
        return false;
    }
    const mode_t mode = plan.exists ? plan.keep_mode : (0666 & ~current_umask());
    auto fail = [&](const std::string& what) {
        error = what + ": " + errno_text();
        ::close(fd);
        ::unlink(tmpl.c_str());
        return false;
    };
    if (::fchmod(fd, mode) != 0) {
        return fail("cannot set the mode of the report " + path);
    }
    if (!write_all(fd, data)) {
        return fail("cannot write " + path);
    }
    if (::fsync(fd) != 0) {
        return fail("cannot write " + path);
    }
    if (::close(fd) != 0) {
        error = "cannot write " + path + ": " + errno_text();
        ::unlink(tmpl.c_str());
        return false;
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        error = "cannot move the report into place at " + path + ": " + errno_text();
        ::unlink(tmpl.c_str());
        return false;
    }
    return true;
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

bool write_output(const std::string& path, const OutputPlan& plan, std::string_view data, std::string& error) {
    return plan.in_place ? write_in_place(path, data, error) : replace_atomically(path, plan, data, error);
}

}  // namespace pm
