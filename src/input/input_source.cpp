// Reads an input as it was when it was opened: bounded, in one read of its size where it has one.
#include "input/input_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>

namespace pm {

namespace {

constexpr std::size_t k_read_chunk = 1 << 16;

std::string errno_text(int err) {
    return std::strerror(err);
}

// Reads up to `limit` bytes, in reads of `chunk` bytes; `more` tells whether bytes remained after them.
bool read_fd(int fd, std::size_t limit, std::size_t chunk, std::string& bytes, bool& more, std::string& error) {
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
        const std::size_t want = std::min(chunk, limit - old_size);
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

// Reads a regular file of `size` bytes (at open): `more` when it holds more by now.
bool read_sized(int fd, std::size_t size, std::string& bytes, bool& more, std::string& error) {
    bytes.resize(size + 1);
    std::size_t have = 0;
    for (;;) {
        const ssize_t got = read(fd, bytes.data() + have, size + 1 - have);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            bytes.clear();
            error = "cannot read: " + errno_text(errno);
            return false;
        }
        have += static_cast<std::size_t>(got);
        // The size reached (or passed) is the end as far as this read goes; so is a file cut short.
        if (got == 0 || have >= size) {
            break;
        }
    }
    more = have > size;
    bytes.resize(std::min(have, size));
    return true;
}

std::string size_text(std::size_t bytes) {
    return std::to_string(bytes) + " bytes";
}

// Reads an open descriptor as it was at open: a regular file up to its size then, anything else
// up to the cap for unknown sizes.
bool read_described(int fd, const struct stat& st, std::size_t unknown_size_cap, std::string& bytes, std::string& error,
                    std::string& note) {
    const bool sized = S_ISREG(st.st_mode) && st.st_size > 0;
    const std::size_t limit = sized ? static_cast<std::size_t>(st.st_size) : unknown_size_cap;
    bool more = false;
    // A file of known size is read in one read of that size and a byte more: the byte, if it
    // comes, says the file grew, and no second read is needed to see the end. A stream is read
    // in chunks, so a short one does not allocate the whole cap.
    if (sized) {
        if (!read_sized(fd, limit, bytes, more, error)) {
            return false;
        }
    } else if (!read_fd(fd, limit, k_read_chunk, bytes, more, error)) {
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

}  // namespace

bool read_descriptor(int fd, std::size_t unknown_size_cap, std::string& bytes, std::string& error, std::string& note) {
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        error = "cannot read: " + errno_text(errno);
        return false;
    }
    return read_described(fd, st, unknown_size_cap, bytes, error, note);
}

std::pair<dev_t, ino_t> file_identity(const InputSource& input) {
    struct stat st {};
    if (input.origin == InputOrigin::file && input.inode == 0 && ::stat(input.fs_path.c_str(), &st) == 0) {
        return {st.st_dev, st.st_ino};
    }
    return {input.device, input.inode};
}

bool read_input_bytes(const InputSource& file, std::string& bytes, std::string& error, std::string& note,
                      MappedFile* mapping, std::uint64_t defer_from, std::uint64_t* deferred_size) {
    if (deferred_size != nullptr) {
        *deferred_size = 0;
    }
    bytes.clear();
    error.clear();
    note.clear();
    try {
        if (file.origin == InputOrigin::standard_input) {
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
        const auto size = static_cast<std::size_t>(st.st_size);
        if (deferred_size != nullptr && size > 0 && size >= defer_from) {
            close(fd);
            *deferred_size = size;
            return true;
        }
        if (mapping != nullptr && size >= k_map_min_bytes && mapping->map(fd, size, file.display_path)) {
            struct stat now {};
            if (fstat(fd, &now) == 0 && now.st_size > st.st_size) {
                note = "the file grew while it was read (is it still being written, as by `kubectl logs -f > file`?); "
                       "read the first " + size_text(size) + ", its size when opened";
            }
            close(fd);
            return true;
        }
        const bool ok = read_described(fd, st, k_unknown_size_cap, bytes, error, note);
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
