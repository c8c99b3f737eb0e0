// Reads a kernel log region (dmesg, journalctl -k, syslog, talosctl dmesg) into kernel events: OOM
// kills, boots, segfaults, page allocation failures, hung tasks; runtime errors its lines hold.
#pragma once

#include "readers/reader.hpp"

namespace pm {

void read_kernel_log(ReadContext& context);

// The kernel events a text holds (its lines cited in input 0), for checking grammar examples.
std::vector<KernelEvent> kernel_events_in(std::string_view text, Incident& keep);

}  // namespace pm
