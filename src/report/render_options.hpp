// Options shared by the JSON and Markdown report writers.
#pragma once

#include <map>
#include <string>

namespace pm {

struct RenderOptions {
    // Replace secrets found in input text with ***REDACTED*** (`--no-redact` turns this off).
    bool redact = true;
    // How the report names each cause (the grammar's `cause … title`); a missing one prints the cause id.
    std::map<std::string, std::string, std::less<>> cause_titles;
    // Threads that render a large report's pods and findings; the bytes are the same whatever it is.
    unsigned jobs = 1;
    // JSON with one member or element per line, indented (`--pretty`); else compact, one line.
    bool pretty_json = false;
};

}  // namespace pm
