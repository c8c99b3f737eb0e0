// Container blocks of a describe: the name line, container-level keys and the items of their
// lists (Command/Args elements, resources, environment, mounts).
#pragma once

#include "readers/describe/describe_context.hpp"

namespace pm {

// Closes the open container (if any) and opens one named `name` (nullopt for a fragment whose name
// line is missing) at `line`, typed after the open Containers section.
void start_container(DescribeContext& ctx, const PasteLine& line, OptText name);

// Moves the open container, its states finished, into the pod.
void finish_container(DescribeContext& ctx);

// A container-level key (`Image:`, `State:`, `Limits:`, `Liveness:`, …) of the open container.
void handle_container_key(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, const KeyInfo& info);

// One item line of the open list: a Command/Args element, `memory:  256Mi`, `NAME:  value`,
// `/path from volume (ro)`. Items that do not fit become warnings.
void handle_container_item(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv);

}  // namespace pm
