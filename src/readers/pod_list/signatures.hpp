// The signatures that recognise a `kubectl get pods` listing (NAME READY STATUS RESTARTS AGE).
#pragma once

#include <span>
#include <string_view>

#include "regions/signature.hpp"

namespace pm {

std::span<const Signature> pod_list_signatures();

// The header, with or without -A's NAMESPACE in front and -o wide's columns after.
bool is_pod_list_header(std::string_view line);
// A row: NAME READY STATUS RESTARTS AGE, READY as `0/1`, RESTARTS as `5` or `5 (2m ago)`.
bool is_pod_list_row(std::string_view line);

}  // namespace pm
