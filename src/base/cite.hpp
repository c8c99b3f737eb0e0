// Where a fact came from: an input and a line of it. Rendered as "PATH:LINE" only by the report.
#pragma once

#include <cstdint>
#include <string_view>

namespace pm {

using InputId = std::uint32_t;
inline constexpr InputId k_no_input = static_cast<InputId>(-1);

struct Cite {
    InputId input = k_no_input;  // index into Incident::inputs
    std::uint32_t line = 0;      // 1-based; 0 cites the input as a whole

    bool known() const { return input != k_no_input; }
    friend bool operator==(const Cite&, const Cite&) = default;
    friend auto operator<=>(const Cite&, const Cite&) = default;
};

// A line quoted as evidence: where it is, and its text as read (a view into the kept input text or
// the incident's arena; untrusted).
struct Quote {
    Cite at;
    std::string_view text;
};

}  // namespace pm
