// One row of a `kubectl get pods` table, read once for both its signature and its reader.
#pragma once

#include <optional>
#include <string_view>

namespace pm {

struct PodListRow {
    std::string_view namespace_;  // -A only
    std::string_view name;
    std::string_view status;
    long long restarts = 0;  // `5` of `5 (2m ago)`
};

// NAME READY STATUS RESTARTS …, or NAMESPACE NAME READY … (-A), READY as `0/1`; nullopt otherwise.
std::optional<PodListRow> read_pod_list_row(std::string_view line);

}  // namespace pm
