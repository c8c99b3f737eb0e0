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

}  // namespace pm
