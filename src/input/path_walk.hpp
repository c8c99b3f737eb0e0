// Expands the PATH arguments into the files to read: directories walked in sorted order.
#pragma once

#include <string>
#include <vector>

#include "records/model.hpp"

namespace pm {

struct InputFile {
    std::string display_path;  // what reports cite: the argument, or argument/relative for walked files
    std::string fs_path;       // what to open ("-" means stdin)
};

// Files first-come in argument order; each directory's regular files in sorted order, recursively.
// FIFOs, devices, sockets, symlink loops and dangling links are skipped with a warning; a missing
// argument is a warning too. Never blocks on a FIFO.
std::vector<InputFile> expand_paths(const std::vector<std::string>& args, std::vector<Warning>& warnings);

// Reads a whole file (or stdin for "-"). Returns false and sets `error` when it cannot.
bool read_all_bytes(const InputFile& file, std::string& bytes, std::string& error);

}  // namespace pm
