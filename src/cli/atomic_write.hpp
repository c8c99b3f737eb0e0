// Writes the report where -o names: a whole file or nothing, and never over what is not a report.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

namespace pm {

// How the -o target is to be written, decided (by lstat) before any input is read.
struct OutputPlan {
    bool in_place = false;  // a device, FIFO or /dev/stdout: written as is, never renamed over
    bool exists = false;
    dev_t device = 0;       // identity of what the path names now (through links), when it exists
    ino_t inode = 0;
    mode_t keep_mode = 0;   // an existing report keeps its permission bits
};

// A regular file that podmortem wrote (or an empty one, or any with `force`), or nothing, is
// replaced atomically; a character device (a terminal, /dev/null) or a FIFO, also behind
// /dev/stdout, is written in place; a directory, a symbolic link to a file, a block device or a
// file podmortem did not write is refused with `error` set.
std::optional<OutputPlan> plan_output(const std::string& path, bool force, std::string& error);

// Writes `data` as planned. A replaced file goes through a temporary in the same directory (mode
// from the umask, or the old report's mode) renamed into place; on any failure nothing is left
// behind and `error` names the path and what to do.
bool write_output(const std::string& path, const OutputPlan& plan, std::string_view data, std::string& error);

}  // namespace pm
