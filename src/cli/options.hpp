// The command line: Boost.Program_options in, a plain Options value out.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pm {

struct Options {
    std::string command = "analyse";  // analyse | explain-error | check-grammars | help | version
    std::vector<std::string> paths;
    std::vector<std::pair<std::string, std::string>> logs;  // --log CONTAINER=PATH
    std::string format = "markdown";
    std::optional<std::string> output;
    std::optional<std::string> grammar_dir;
    bool redact = true;
    bool pretty = false;  // JSON indented, one member per line
    bool force = false;  // -o may replace a file podmortem did not write
    unsigned jobs = 1;   // threads that read and render; the report is the same whatever their number
    std::optional<std::string> message;  // explain-error's argument
};

struct ParsedOptions {
    std::optional<Options> options;  // empty on a usage error
    std::string error;               // what was wrong and what to do
};

ParsedOptions parse_options(int argc, const char* const argv[]);

// The --help text: every option, with examples and the exit codes.
std::string help_text();

}  // namespace pm
