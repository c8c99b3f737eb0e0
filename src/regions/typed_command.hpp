// A typed command as the kinds' command words expect it: `k`, `kubecolor` and `sudo kubectl` read as
// `kubectl`, and kubectl's global flags typed before the verb (`kubectl -n shop logs -p api`,
// `kubectl --context prod get events`) moved out of the way, so `kubectl logs` and `get events` match.
#pragma once

#include <string>
#include <string_view>

namespace pm {

// `command` as `kubectl VERB …` when it runs kubectl (or oc) under any of its usual spellings;
// otherwise `command` itself.
std::string canonical_command(std::string_view command);

}  // namespace pm
