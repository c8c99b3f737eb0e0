// Unwraps nested OCI runtime errors (kubelet -> containerd -> runc, each quoting the one below).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pm {

struct UnwrappedError {
    // Outermost first, innermost last; each layer's own words, unescaped, without the text of the
    // layers below it, labelled with its source location when one was printed
    // (e.g. `container_linux.go:349: starting container process`). Empty when the text holds no
    // runtime error at all.
    std::vector<std::string> layers;
    std::string innermost;   // == layers.back() when not empty
    bool truncated = false;  // quotes left open, text cut off, overlong layers cut or surplus layers elided
    // Advice a runtime appended after the whole error, kept out of the layers so the innermost
    // stays the cause: Docker's `Are you trying to mount a directory onto a file (or vice-versa)?
    // Check if the specified host path exists and is the expected type` for ENOTDIR.
    std::vector<std::string> notes;
};

// One general algorithm: strips transport wrappings (JSON string, klog err="…", logrus msg="…",
// gRPC `rpc error: code = … desc = `), peels Go %q layers to any depth, splits `caused: ` and ': '
// chains at known wrapper phrases, drops containerd's trailing `: unknown`. Linear in the input.
UnwrappedError unwrap_runtime_error(std::string_view message);

// True when the text looks like a runtime error worth unwrapping (cheap test).
bool looks_like_runtime_error(std::string_view text);

// Go strconv.Unquote-style decoding of the *contents* of a quoted string (no surrounding quotes).
std::string go_unquote_body(std::string_view body);

// Go %q quoting of a string, with the surrounding quotes (for tests and property checks).
std::string go_quote(std::string_view text);

}  // namespace pm
