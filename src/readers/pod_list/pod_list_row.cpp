#include "readers/pod_list/pod_list_row.hpp"

#include <charconv>

namespace pm {

namespace {

std::string_view next_token(std::string_view line, std::size_t& pos) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) {
        ++pos;
    }
    const std::size_t start = pos;
    while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') {
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

}  // namespace

std::optional<PodListRow> read_pod_list_row(std::string_view line) {
    std::size_t pos = 0;
    PodListRow row;
    row.name = next_token(line, pos);
    std::string_view ready = next_token(line, pos);
    if (!is_ready_cell(ready)) {  // -A: the namespace comes first
        row.namespace_ = row.name;
        row.name = ready;
        ready = next_token(line, pos);
        if (!is_ready_cell(ready)) {
            return std::nullopt;
        }
    }
    row.status = next_token(line, pos);
    const std::string_view restarts = next_token(line, pos);
    const auto [end, error] = std::from_chars(restarts.data(), restarts.data() + restarts.size(), row.restarts);
    if (row.name.empty() || row.status.empty() || error != std::errc() || end != restarts.data() + restarts.size()) {
        return std::nullopt;
    }
    return row;
}

}  // namespace pm
