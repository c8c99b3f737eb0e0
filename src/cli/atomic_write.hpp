// Writes a whole file or nothing: a temporary file in the same directory, renamed into place.
#pragma once

#include <string>
#include <string_view>

namespace pm {

// Returns false and sets `error` (naming the path and what to do) on failure; no temporary is left.
bool write_file_atomically(const std::string& path, std::string_view data, std::string& error);

}  // namespace pm
