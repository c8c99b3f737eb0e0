#include "readers/pod_list/signatures.hpp"

#include <array>

namespace pm {

namespace {

using T = LineTest;

std::string_view next_token(std::string_view line, std::size_t& pos) {
    while (pos < line.size() && line[pos] == ' ') {
        ++pos;
    }
    const std::size_t start = pos;
    while (pos < line.size() && line[pos] != ' ') {
        ++pos;
    }
    return line.substr(start, pos - start);
}

bool all_digits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// `1/2`: ready containers of all.
bool is_ready_cell(std::string_view s) {
    const std::size_t slash = s.find('/');
    return slash != std::string_view::npos && all_digits(s.substr(0, slash)) && all_digits(s.substr(slash + 1));
}

constexpr std::array k_signatures = {
    Signature{T::shape, {}, is_pod_list_header, 10, 4, 1},
    Signature{T::shape, {}, is_pod_list_row, 3, 100, 1},
};

}  // namespace

bool is_pod_list_header(std::string_view line) {
    const std::size_t name = line.find("NAME ");
    return name != std::string_view::npos && line.find(" READY ", name) != std::string_view::npos &&
           line.find(" STATUS ", name) != std::string_view::npos &&
           line.find(" RESTARTS ", name) != std::string_view::npos;
}

bool is_pod_list_row(std::string_view line) {
    if (line.find('/') == std::string_view::npos) {
        return false;  // READY's slash, looked for before tokenising
    }
    std::size_t pos = 0;
    std::string_view first = next_token(line, pos);
    std::string_view second = next_token(line, pos);
    if (!is_ready_cell(second)) {  // -A: the namespace comes first
        first = second;
        second = next_token(line, pos);
        if (!is_ready_cell(second)) {
            return false;
        }
    }
    const std::string_view status = next_token(line, pos);
    const std::string_view restarts = next_token(line, pos);
    return !first.empty() && !status.empty() && status.front() >= 'A' && status.front() <= 'Z' && all_digits(restarts);
}

std::span<const Signature> pod_list_signatures() {
    return k_signatures;
}

}  // namespace pm
