#include "cli/atomic_write.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace pm {

bool write_file_atomically(const std::string& path, std::string_view data, std::string& error) {
    namespace fs = std::filesystem;
    fs::path target(path);
    fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // Hidden name, so a half-written report never looks like the real one.
    std::string tmpl = (dir / ("." + target.filename().string() + ".podmortem-XXXXXX")).string();
    int fd = mkstemp(tmpl.data());
    if (fd < 0) {
        error = "cannot create a temporary file next to " + path + ": " + std::strerror(errno) +
                " (is the directory there and writable?)";
        return false;
    }
    fchmod(fd, 0644);
    size_t written = 0;
    while (written < data.size()) {
        ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            error = "cannot write " + path + ": " + std::strerror(errno);
            ::close(fd);
            ::unlink(tmpl.c_str());
            return false;
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        ::unlink(tmpl.c_str());
        return false;
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        error = "cannot move the report into place at " + path + ": " + std::strerror(errno);
        ::unlink(tmpl.c_str());
        return false;
    }
    return true;
}

}  // namespace pm
