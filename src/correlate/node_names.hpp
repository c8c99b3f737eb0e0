// Whether a pod's node and the host a journal names are one machine: describe prints the node's name,
// a journal often the short hostname of an FQDN node, so one that starts the other compares by first label.
#pragma once

#include <optional>
#include <string_view>

namespace pm {

// The machine a journal's host field names, or nullopt when it names none (`localhost`, `(none)`).
std::optional<std::string_view> known_host(const std::optional<std::string_view>& host);

// Both known and not the same machine (case-insensitive; `worker-1` is `worker-1.ec2.internal`).
bool other_node(const std::optional<std::string_view>& node, const std::optional<std::string_view>& host);

// The first DNS label, lower-cased: what two names of one machine share.
std::string first_label(std::string_view name);

}  // namespace pm
