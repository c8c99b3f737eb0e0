// How long a container took to end after kubelet's Killing (formats.md §5.3: SIGTERM, then SIGKILL
// once the grace period runs out), when the event and the termination both carry clock times.
#pragma once

#include <optional>
#include <string>

#include "evidence/records.hpp"

namespace pm {

// Seconds from the Killing event to the termination's Finished; nullopt unless both are clock times
// on one basis and the end does not come before the kill (nor more than an hour after it).
std::optional<long long> seconds_from_kill_to_end(const Event& kill, const Termination& t);

// The summary's sentence for that delay, read with the exit code (143/0: SIGTERM, 137: SIGKILL).
std::string kill_delay_sentence(long long seconds, const Termination& t);

}  // namespace pm
