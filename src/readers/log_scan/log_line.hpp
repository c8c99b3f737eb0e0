// One log line without what the tools around the application added (formats.md §9): kubectl's
// `--prefix` ([pod/NAME/CONTAINER]) and `--timestamps`, the CRI file envelope (TIME STREAM F|P),
// Docker's json-file object, and colour codes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/time_point.hpp"

namespace pm {

struct LogLine {
    std::string_view text;        // the application's words (a view into the line, or into `storage`)
    std::string_view pod;         // from --prefix, else empty
    std::string_view container;   // from --prefix, else empty
    std::optional<TimePoint> time;
    bool partial = false;         // a CRI `P` record: the next record of the stream continues it
};

// `storage` holds the text when it had to be rebuilt (JSON unescaped, colour codes removed).
LogLine clean_log_line(std::string_view raw, std::string& storage);

// kubectl's own lines in its output, not the application's: `Defaulted container "x" out of: …`,
// `Error from server (BadRequest): …`, `error: …`, and placeholders a person typed (`<empty>`, `...`).
bool is_kubectl_line(std::string_view text);
// The container a `Defaulted container "x" out of …` line names, or empty.
std::string_view defaulted_container(std::string_view text);

}  // namespace pm
