// Reads a kernel log region (dmesg, journalctl -k, syslog, talosctl dmesg) into kernel events: OOM
// kills, boots, segfaults, page allocation failures, hung tasks; runtime errors its lines hold.
#pragma once

#include <memory>

#include "readers/reader.hpp"

namespace pm {

void read_kernel_log(ReadContext& context);

// The kernel events a text holds (its lines cited in input 0), for checking grammar examples.
std::vector<KernelEvent> kernel_events_in(std::string_view text, Incident& keep);

// A kernel log too large to hold, read in chunks of whole lines: only the lines an event can quote are
// copied (into the incident's arena), so memory follows the evidence, not the file.
class KernelLogStream {
public:
    KernelLogStream(const Grammar& g, Incident& incident, InputId input);
    ~KernelLogStream();
    KernelLogStream(const KernelLogStream&) = delete;
    KernelLogStream& operator=(const KernelLogStream&) = delete;
    // Whole lines ('\n'-terminated but for the file's last); `piece`: part of an overlong line, skipped.
    void feed(std::string_view lines, bool piece = false);
    std::uint64_t lines_read() const { return m_lines; }
    // Appends the events to the incident.
    void finish();

private:
    class Flow;
    const Grammar& m_grammar;
    Incident& m_incident;
    InputId m_input;
    std::unique_ptr<Flow> m_flow;
    std::uint64_t m_lines = 0;
    bool m_in_piece = false;
};

}  // namespace pm
