// Expands the PATH arguments into the files to read: directories walked in sorted order.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

#include "records/model.hpp"

namespace pm {

struct InputFile {
    std::string display_path;  // what reports cite: the argument, or argument/relative for walked files
    std::string fs_path;       // what to open ("-" means stdin)
    dev_t device = 0;          // identity of the file the walk found (0/0 for stdin until read)
    ino_t inode = 0;
};

// What podmortem reads at most from an input whose size it cannot know in advance (a pipe, a
// terminal, a /proc file that reports size 0). Larger inputs are cut there, with a warning.
inline constexpr std::size_t k_unknown_size_cap = 256u << 20;

// Files first-come in argument order; each directory's regular files in sorted order, recursively.
// FIFOs, devices, sockets, symlink loops and dangling links are skipped with a warning; a missing
// argument is a warning too. Never blocks on a FIFO.
std::vector<InputFile> expand_paths(const std::vector<std::string>& args, std::vector<Warning>& warnings);

// Reads a file (or stdin for "-") as it was when opened: at most the size fstat gave then (a file
// still being written is not followed), or k_unknown_size_cap for input of unknown size. Returns
// false and sets `error` (a sentence without the path) when it cannot; `note` is set when the
// input was cut.
bool read_all_bytes(const InputFile& file, std::string& bytes, std::string& error, std::string& note);

// The same on an open descriptor, with the cap for unknown sizes given (tests use a small one).
bool read_descriptor(int fd, std::size_t unknown_size_cap, std::string& bytes, std::string& error, std::string& note);

}  // namespace pm
