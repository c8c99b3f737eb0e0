// Expands the PATH arguments into the files to read: directories walked in sorted order.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "input/input_source.hpp"

namespace pm {

// Files first-come in argument order; each directory's regular files in sorted order, recursively.
// FIFOs, devices, sockets, symlink loops and dangling links are skipped with a warning; a missing
// argument is a warning too. Never blocks on a FIFO.
std::vector<InputSource> expand_paths(const std::vector<std::string>& args, std::vector<Diagnostic>& diagnostics);

}  // namespace pm
