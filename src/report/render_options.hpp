// Options shared by the JSON and Markdown report writers.
#pragma once

namespace pm {

struct RenderOptions {
    // Replace secrets found in input text with ***REDACTED*** (`--no-redact` turns this off).
    bool redact = true;
};

}  // namespace pm
