// The reader of node journals (`journalctl -u kubelet`, `systemctl status kubelet`; formats.md §7).
#pragma once

#include "readers/reader.hpp"

namespace pm {

// kubelet's probe failures and restart decisions become Events of the pods they name, as the API
// would have recorded them (Unhealthy, Killing), cited at their journal lines.
void read_node_journal(ReadContext& context);

}  // namespace pm
