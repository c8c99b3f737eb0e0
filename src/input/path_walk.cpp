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

#include "base/parallel.hpp"

namespace pm {

namespace {

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

// A directory entry's lstat, or the errno it failed with.
struct Entry {
    struct stat st {};
    int error = 0;
};

struct Walker {
    std::vector<InputSource>& files;
    std::vector<Diagnostic>& warnings;
    std::set<DirId> visited;

    void warn(const std::string& path, std::string message) {
        warnings.push_back({DiagnosticLevel::warning, path, 0, std::move(message), {}});
    }

    // Resolves one path the way the walk treats it: the target of a symlink, with dangling links
    // and loops reported. Returns false (after warning) when the path is to be skipped.
    bool resolve(const std::string& fs_path, const std::string& display, struct stat& st) {
        Entry entry;
        entry.error = lstat(fs_path.c_str(), &entry.st) != 0 ? errno : 0;
        return resolve(entry, fs_path, display, st);
    }

    // The same from the entry's lstat, taken already.
    bool resolve(const Entry& entry, const std::string& fs_path, const std::string& display, struct stat& st) {
        if (entry.error != 0) {
            const int err = entry.error;
            warn(display, err == ENOENT ? "no such file or directory" : "cannot read: " + errno_text(err));
            return false;
        }
        const struct stat& lst = entry.st;
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
            files.push_back({InputOrigin::file, display, fs_path, st.st_dev, st.st_ino, {}, static_cast<std::uint64_t>(st.st_size)});
        } else if (S_ISDIR(st.st_mode)) {
            walk(fs_path, display, st);
        } else {
            warn(display, special_file_message(st.st_mode));
        }
    }

    // Sorted names of a directory's entries, without "." and "..", with their lstat. False when it
    // cannot be read. An entry the directory says is a regular file is not stat()ed: its size and
    // identity are left unknown (0) for the read to learn from the descriptor it opens. The others
    // are stat()ed on several threads, relative to the open directory (no path walk per entry).
    bool list_dir(const std::string& fs_path, const std::string& display, std::vector<std::string>& names,
                  std::vector<Entry>& entries) {
        DIR* dir = opendir(fs_path.c_str());
        if (dir == nullptr) {
            warn(display, "cannot read directory: " + errno_text(errno) + "; skipped");
            return false;
        }
        std::vector<std::pair<std::string, bool>> listed;  // name, and whether readdir says it is a regular file
        while (const dirent* entry = readdir(dir)) {
            const std::string_view name = entry->d_name;
            if (name != "." && name != "..") {
                listed.emplace_back(name, entry->d_type == DT_REG);
            }
        }
        std::sort(listed.begin(), listed.end());  // std::string compares bytes as unsigned char
        names.reserve(listed.size());
        entries.assign(listed.size(), Entry{});
        std::vector<std::size_t> to_stat;
        for (std::size_t i = 0; i < listed.size(); ++i) {
            names.push_back(std::move(listed[i].first));
            if (listed[i].second) {
                entries[i].st.st_mode = S_IFREG;
            } else {
                to_stat.push_back(i);  // a directory, a link, a special file, or a file system that does not say
            }
        }
        const int fd = dirfd(dir);
        constexpr std::size_t k_per_task = 256;  // entries one thread stats at a time
        parallel_for((to_stat.size() + k_per_task - 1) / k_per_task, default_jobs(), [&](std::size_t task) {
            const std::size_t end = std::min(to_stat.size(), (task + 1) * k_per_task);
            for (std::size_t k = task * k_per_task; k < end; ++k) {
                Entry& entry = entries[to_stat[k]];
                if (fstatat(fd, names[to_stat[k]].c_str(), &entry.st, AT_SYMLINK_NOFOLLOW) != 0) {
                    entry.error = errno;
                }
            }
        });
        closedir(dir);
        return true;
    }

    struct Frame {
        std::string fs_path;
        std::string display;
        DirId id;
        std::vector<std::string> names;
        std::vector<Entry> entries;  // names[i]'s lstat
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
            Frame frame{dir_fs, dir_display, id, {}, {}, 0};
            if (!list_dir(dir_fs, dir_display, frame.names, frame.entries)) {
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
            const std::size_t index = top.next++;
            const std::string& name = top.names[index];
            const std::string child_fs = join_path(top.fs_path, name);
            const std::string child_display = join_path(top.display, name);
            struct stat child {};
            if (!resolve(top.entries[index], child_fs, child_display, child)) {
                continue;
            }
            if (S_ISREG(child.st_mode)) {
                files.push_back({InputOrigin::file, child_display, child_fs, child.st_dev, child.st_ino, {},
                                 static_cast<std::uint64_t>(child.st_size)});
            } else if (S_ISDIR(child.st_mode)) {
                enter(child_fs, child_display, child);  // may reallocate `stack`: `top` is not used after
            } else {
                warn(child_display, special_file_message(child.st_mode));
            }
        }
    }
};

}  // namespace

std::vector<InputSource> expand_paths(const std::vector<std::string>& args, std::vector<Diagnostic>& warnings) {
    std::vector<InputSource> files;
    Walker walker{files, warnings, {}};
    for (const std::string& arg : args) {
        if (arg == "-") {
            files.push_back(InputSource::standard_input());
            continue;
        }
        if (arg.empty()) {
            warnings.push_back({DiagnosticLevel::warning, arg, 0, "empty path argument; skipped", {}});
            continue;
        }
        walker.add(arg, arg);
    }
    return files;
}

}  // namespace pm
