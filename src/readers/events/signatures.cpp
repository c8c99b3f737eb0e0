// How event listings are recognised (formats.md §2.2).
#include "readers/events/signatures.hpp"

#include <algorithm>
#include <array>

#include "regions/line_shape.hpp"

namespace pm {

namespace {

using T = LineTest;

constexpr std::string_view k_box_side = "\xE2\x94\x82";  // │, a TUI's frame (k9s)

std::string_view unboxed(std::string_view line) {
    while (!line.empty() && line.front() == ' ') {
        line.remove_prefix(1);
    }
    if (line.starts_with(k_box_side)) {
        line.remove_prefix(k_box_side.size());
    }
    while (!line.empty() && line.front() == ' ') {
        line.remove_prefix(1);
    }
    return line;
}

std::string_view next_token(std::string_view& rest) {
    while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
    }
    size_t end = std::min(rest.find(' '), rest.size());
    std::string_view token = rest.substr(0, end);
    rest.remove_prefix(end);
    return token;
}

bool is_kind_slash_name(std::string_view token) {
    size_t slash = token.find('/');
    if (slash == 0 || slash == std::string_view::npos || slash + 1 >= token.size()) {
        return false;
    }
    for (char c : token.substr(0, slash)) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.')) {
            return false;
        }
    }
    return true;
}

// A row of a listing even without its header: [NAMESPACE] AGE [(xN over M)] Normal|Warning Reason kind/name.
bool is_listing_row(std::string_view line) {
    if (line.find("Normal") == std::string_view::npos && line.find("Warning") == std::string_view::npos) {
        return false;  // the event type it needs, looked for before tokenising
    }
    std::string_view rest = unboxed(line);
    std::string_view token = next_token(rest);
    if (!is_age(token)) {
        token = next_token(rest);  // -A: the namespace comes first
        if (!is_age(token)) {
            return false;
        }
    }
    token = next_token(rest);
    if (token.starts_with("(x")) {
        next_token(rest);  // over
        next_token(rest);  // M)
        token = next_token(rest);
    }
    if (token != "Normal" && token != "Warning") {
        return false;
    }
    token = next_token(rest);
    if (token.empty() || !(token.front() >= 'A' && token.front() <= 'Z')) {
        return false;
    }
    return is_kind_slash_name(next_token(rest));
}

// The header inside a k9s frame, its sort arrow after a column name: "│ LAST SEEN↓  TYPE …".
bool is_boxed_header(std::string_view line) {
    std::string_view trimmed = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    if (!trimmed.starts_with(k_box_side)) {
        return false;
    }
    std::string_view rest = unboxed(line);
    return (rest.starts_with("LAST SEEN") || rest.starts_with("NAMESPACE")) &&
           rest.find(" REASON ") != std::string_view::npos && rest.find("MESSAGE") != std::string_view::npos;
}

// kubectl get events / kubectl events
constexpr std::array k_events_signatures = {
    Signature{T::shape, {}, is_events_header, 10, 4, 1},
    Signature{T::shape, {}, is_boxed_header, 10, 4, 1},
    Signature{T::shape, {}, is_listing_row, 4, 100, 1},
    Signature{T::shape, {}, is_events_row, 3, 100, 0},
    // describe's rows pasted without their pod (`Warning  Failed  2s (x5 over 54s)  kubelet  Error: …`):
    // weighed below describe's own use of them, so inside a describe they stay the describe's.
    Signature{T::shape, {}, is_describe_event_row, 1.5, 20, 1},
};

}  // namespace

std::span<const Signature> events_signatures() {
    return k_events_signatures;
}

}  // namespace pm
