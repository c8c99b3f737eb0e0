// A problem found in an input, or in the run, told to the user: where, what, and what to do.
#pragma once

#include <cstdint>
#include <string>

namespace pm {

enum class DiagnosticLevel { warning, note };

struct Diagnostic {
    DiagnosticLevel level = DiagnosticLevel::warning;
    std::string file;         // the path as given (or inside a bundle); empty for the run as a whole
    std::uint32_t line = 0;   // 1-based; 0 for the file as a whole
    std::string message;      // what is wrong
    std::string help;         // what to do about it; may be empty
};

// "PATH:LINE", "PATH", or "" for the run.
std::string diagnostic_where(const Diagnostic& d);

}  // namespace pm
