// Reads the Events table inside `kubectl describe` (every kubectl generation, pasted or damaged) into Events.
#pragma once

#include <cstddef>
#include <vector>

#include "input/source_text.hpp"
#include "readers/events/event_cells.hpp"
#include "evidence/incident.hpp"

namespace pm {

// Rows of an Events table (the one inside `kubectl describe`, header row + `----` row + data rows).
// [first, end) are 0-based indices into file.lines: the lines after the `Events:` line up to the end of the pod
// record (lines[first - 1], when it is the `Events:` line, tells where column 0 of the paste sits). Returns the
// rows in input order, each cited at its line of `input`; a message continued on following lines is joined with
// '\n'. Rows not understood become warnings (at most 20 per table, then one summary). Linear in the input size.
std::vector<Event> parse_event_table(const SourceText& file, InputId input, size_t first, size_t end,
                                     Incident& incident);

// Who a row of `kubectl get events` / `kubectl events` is about, as its cells print it (empty: no such cell).
struct EventTarget {
    Text namespace_;
    Text kind;        // KIND, or OBJECT's part before '/': "pod", "Pod", "node", "Node"
    Text name;        // the involved object's name
    Text event_name;  // -o wide NAME: the event's own name
    Text source;      // SOURCE as printed: "kubelet, node-a"
    Text first_age;   // FIRST SEEN as a relative age, or the M of "(xN over M)"
};

struct EventListing {
    std::vector<Event> events;        // in input order
    std::vector<EventTarget> targets;  // one per event
};

// Rows of an event listing (every layout of §2.2, with or without its header, k9s frames) in
// [first, end); as parse_event_table otherwise.
EventListing parse_event_listing(const SourceText& file, InputId input, size_t first, size_t end, Incident& incident);

}  // namespace pm
