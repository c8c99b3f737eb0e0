#include "readers/pod_list/signatures.hpp"

#include <array>
#include <optional>

#include "readers/pod_list/pod_list_row.hpp"

namespace pm {

namespace {

using T = LineTest;

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
    const std::optional<PodListRow> row = read_pod_list_row(line);
    return row && row->status.front() >= 'A' && row->status.front() <= 'Z';
}

std::span<const Signature> pod_list_signatures() {
    return k_signatures;
}

}  // namespace pm
