// Outer transport wrappings around a runtime error: JSON strings, klog/logrus fields, kubelet FailedSync.
#pragma once

#include <string>
#include <string_view>

namespace pm::oci {

// Rejoins a message broken across lines (CRLF or LF, the next line's indentation and Markdown `> `
// marks become one space) and drops leading `> ` marks. Runtime errors never hold raw newlines:
// every quoting layer writes them as `\n`. Returns a view of `text` when nothing had to change,
// else of `storage` (copying megabytes is what costs most on big input).
std::string_view normalize_breaks(std::string_view text, std::string& storage);

struct TransportPeel {
    bool found = false;
    std::string_view chain_prefix;  // words before a log record that continue the chain, without
                                    // the joining colon (`container create failed` of CRI-O)
    std::string payload;            // the wrapped text, its quoting undone once
    bool truncated = false;         // the value's closing quote is missing
};

// Removes one transport wrapping from `text`: a JSON string literal or `"key": "…"` pair, a JSON log
// object (`{"log":"…"}`), the kubelet's `failed to "StartContainer" for "x" with Reason: "…"`, or a
// klog/logrus record (`err="…"`, `error="…"`, `msg="…"`; `error` wins over `msg`). Closing quotes
// are checked against what may follow a value, so a value whose inner backslashes were lost still
// ends at the right quote. `found` is false when there is none. Linear in the text.
TransportPeel peel_transport(std::string_view text);

}  // namespace pm::oci
