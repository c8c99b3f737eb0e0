// Expands PATH arguments into input files and reads them; the only code that touches the file system.
#include "input/path_walk.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <set>
#include <stdexcept>
#include <utility>

namespace pm {

namespace {

constexpr std::size_t k_read_chunk = 1 << 16;

using DirId = std::pair<dev_t, ino_t>;

std::string errno_text(int err) {
    return std::strerror(err);
}

// "samples/" + "oom/x" → "samples/oom/x": one slash, whatever the argument ended with.
std::string join_path(const std::string& base, const std::string& name) {
    std::size_t end = base.size();
    while (end > 1 && base[end - 1] == '/') {
        --end;
    }
    if (end == 1 && base[0] == '/') {
        return "/" + name;
    }
    return base.substr(0, end) + "/" + name;
}

// Why a non-regular file is skipped, in the words a user would search for.
std::string special_file_message(mode_t mode) {
    if (S_ISFIFO(mode)) {
        return "is a FIFO (named pipe), not a regular file; skipped without opening it (opening would wait for a "
               "writer): save the output to a file, or pipe it to podmortem and pass -";
    }
    if (S_ISSOCK(mode)) {
        return "is a socket, not a regular file; skipped";
    }
    if (S_ISCHR(mode) || S_ISBLK(mode)) {
        return "is a device, not a regular file; skipped";
    }
    return "is not a regular file or directory; skipped";
}

struct Walker {
    std::vector<InputFile>& files;
    std::vector<Warning>& warnings;
    std::set<DirId> visited;

    void warn(const std::string& source, std::string message) { warnings.push_back({source, std::move(message)}); }

    // Resolves one path the way the walk treats it: the target of a symlink, with dangling links
    // and loops reported. Returns false (after warning) when the path is to be skipped.
    bool resolve(const std::string& fs_path, const std::string& display, struct stat& st) {
        struct stat lst {};
        if (lstat(fs_path.c_str(), &lst) != 0) {
            const int err = errno;
            warn(display, err == ENOENT ? "no such file or directory" : "cannot read: " + errno_text(err));
            return false;
        }
        if (!S_ISLNK(lst.st_mode)) {
            st = lst;
            return true;
        }
        if (stat(fs_path.c_str(), &st) != 0) {
            const int err = errno;
            if (err == ELOOP) {
                warn(display, "symbolic link loop; skipped");
            } else if (err == ENOENT || err == ENOTDIR) {
                warn(display, "dangling symbolic link (its target does not exist); skipped");
            } else {
                warn(display, "cannot follow symbolic link: " + errno_text(err) + "; skipped");
            }
            return false;
        }
        return true;
    }

    void add(const std::string& fs_path, const std::string& display) {
        struct stat st {};
        if (!resolve(fs_path, display, st)) {
            return;
        }
        if (S_ISREG(st.st_mode)) {
            files.push_back({display, fs_path, st.st_dev, st.st_ino});
        } else if (S_ISDIR(st.st_mode)) {
            walk(fs_path, display, st);
        } else {
            warn(display, special_file_message(st.st_mode));
        }
    }

    // Sorted names of a directory's entries, without "." and "..". False when it cannot be read.
    bool list_dir(const std::string& fs_path, const std::string& display, std::vector<std::string>& names) {
        DIR* dir = opendir(fs_path.c_str());
        if (dir == nullptr) {
            warn(display, "cannot read directory: " + errno_text(errno) + "; skipped");
            return false;
        }
        while (const dirent* entry = readdir(dir)) {
            const std::string_view name = entry->d_name;
            if (name != "." && name != "..") {
                names.emplace_back(name);
            }
        }
        closedir(dir);
        std::sort(names.begin(), names.end());  // std::string compares bytes as unsigned char
        return true;
    }

    struct Frame {
        std::string fs_path;
        std::string display;
        DirId id;
        std::vector<std::string> names;
        std::size_t next = 0;
    };

    // Depth-first, entries in name order, with an explicit stack: input-controlled depth must
    // never become recursion depth.
    void walk(const std::string& fs_path, const std::string& display, const struct stat& st) {
        std::vector<Frame> stack;
        std::set<DirId> ancestors;
        auto enter = [&](const std::string& dir_fs, const std::string& dir_display, const struct stat& dir_st) {
            const DirId id{dir_st.st_dev, dir_st.st_ino};
            if (ancestors.count(id) != 0) {
                warn(dir_display, "symbolic link loop (leads back to a directory being read); skipped");
                return;
            }
            if (visited.count(id) != 0) {
                warn(dir_display, "directory already read through another path; skipped");
                return;
            }
            Frame frame{dir_fs, dir_display, id, {}, 0};
            if (!list_dir(dir_fs, dir_display, frame.names)) {
                return;
            }
            visited.insert(id);
            ancestors.insert(id);
            stack.push_back(std::move(frame));
        };
        enter(fs_path, display, st);
        while (!stack.empty()) {
            Frame& top = stack.back();
            if (top.next >= top.names.size()) {
                ancestors.erase(top.id);
                stack.pop_back();
                continue;
            }
            const std::string& name = top.names[top.next++];
            const std::string child_fs = join_path(top.fs_path, name);
            const std::string child_display = join_path(top.display, name);
            struct stat child {};
            if (!resolve(child_fs, child_display, child)) {
                continue;
            }
            if (S_ISREG(child.st_mode)) {
                files.push_back({child_display, child_fs, child.st_dev, child.st_ino});
            } else if (S_ISDIR(child.st_mode)) {
                enter(child_fs, child_display, child);  // may reallocate `stack`: `top` is not used after
            } else {
                warn(child_display, special_file_message(child.st_mode));
            }
        }
    }
};

// Reads up to `limit` bytes; `more` tells whether bytes remained after them.
bool read_fd(int fd, std::size_t limit, std::string& bytes, bool& more, std::string& error) {
    more = false;
    for (;;) {
        const std::size_t old_size = bytes.size();
        if (old_size >= limit) {
            char probe[64];  // some /proc files refuse reads that are not a multiple of 8 bytes
            ssize_t got = 0;
            do {
                got = read(fd, probe, sizeof probe);
            } while (got < 0 && errno == EINTR);
            more = got > 0;
            return true;
        }
        const std::size_t want = std::min(k_read_chunk, limit - old_size);
        bytes.resize(old_size + want);
        const ssize_t got = read(fd, bytes.data() + old_size, want);
        if (got < 0) {
            bytes.resize(old_size);
            if (errno == EINTR) {
                continue;
            }
            error = "cannot read: " + errno_text(errno);
            return false;
        }
        bytes.resize(old_size + static_cast<std::size_t>(got));
        if (got == 0) {
            return true;
        }
    }
}

std::string size_text(std::size_t bytes) {
    return std::to_string(bytes) + " bytes";
}

}  // namespace

// Reads an open descriptor as it was at open: a regular file up to its size then, anything else
// up to the cap for unknown sizes.
bool read_descriptor(int fd, std::size_t unknown_size_cap, std::string& bytes, std::string& error, std::string& note) {
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        error = "cannot read: " + errno_text(errno);
        return false;
    }
    const bool sized = S_ISREG(st.st_mode) && st.st_size > 0;
    const std::size_t limit = sized ? static_cast<std::size_t>(st.st_size) : unknown_size_cap;
    if (sized) {
        bytes.reserve(limit);
    }
    bool more = false;
    if (!read_fd(fd, limit, bytes, more, error)) {
        return false;
    }
    if (more && sized) {
        note = "the file grew while it was read (is it still being written, as by `kubectl logs -f > file`?); "
               "read the first " + size_text(limit) + ", its size when opened";
    } else if (more) {
        note = "input of unknown size cut at " + size_text(limit) +
               " (podmortem's limit for pipes, terminals and /proc files); save it to a file to read it whole";
    }
    return true;
}

std::vector<InputFile> expand_paths(const std::vector<std::string>& args, std::vector<Warning>& warnings) {
    std::vector<InputFile> files;
    Walker walker{files, warnings, {}};
    for (const std::string& arg : args) {
        if (arg == "-") {
            files.push_back({"-", "-"});
            continue;
        }
        if (arg.empty()) {
            warnings.push_back({arg, "empty path argument; skipped"});
            continue;
        }
        walker.add(arg, arg);
    }
    return files;
}

bool read_all_bytes(const InputFile& file, std::string& bytes, std::string& error, std::string& note) {
    bytes.clear();
    error.clear();
    note.clear();
    try {
        if (file.fs_path == "-") {
            return read_descriptor(STDIN_FILENO, k_unknown_size_cap, bytes, error, note);
        }
        // O_NONBLOCK: should the path have become a FIFO since it was listed, open must not wait.
        const int fd = open(file.fs_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0) {
            error = "cannot open: " + errno_text(errno);
            return false;
        }
        struct stat st {};
        if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            close(fd);
            error = "not a regular file";
            return false;
        }
        const bool ok = read_descriptor(fd, k_unknown_size_cap, bytes, error, note);
        close(fd);
        return ok;
    } catch (const std::bad_alloc&) {
        bytes.clear();
        bytes.shrink_to_fit();
        error = "too large to read into memory";
        return false;
    } catch (const std::length_error&) {
        bytes.clear();
        error = "too large to read into memory";
        return false;
    }
}

}  // namespace pm
