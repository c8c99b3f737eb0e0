// A typed command as the kinds' command words expect it: `k`, `kubecolor` and `sudo kubectl` read as
// `kubectl`, and kubectl's global flags typed before the verb (`kubectl -n shop logs -p api`,
// `kubectl --context prod get events`) moved out of the way, so `kubectl logs` and `get events` match.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pm {

// `command` as `kubectl VERB …` when it runs kubectl (or oc) under any of its usual spellings;
// otherwise `command` itself.
std::string canonical_command(std::string_view command);

// What a typed `kubectl logs` names: `kubectl -n shop logs -p pod/api-0 -c app` is pod api-0's
// container app, in namespace shop, its previous run. Views into `command`.
struct LogsCommand {
    std::optional<std::string_view> pod;  // not for `deploy/api` or `-l app=api`: no one pod
    std::optional<std::string_view> container;
    std::optional<std::string_view> namespace_;
    bool previous = false;  // -p / --previous: the run that died
};
// nullopt when `command` is not `kubectl logs` (or `oc logs`) under any of its spellings.
std::optional<LogsCommand> read_logs_command(std::string_view command);

}  // namespace pm
