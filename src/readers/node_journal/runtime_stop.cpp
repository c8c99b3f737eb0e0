#include "readers/node_journal/runtime_stop.hpp"

#include <string>

namespace pm {

Event runtime_stop_event(Incident& incident, std::string_view runtime, std::string_view container, const Quote& cite) {
    Event e;
    e.type = Text{"Normal"};
    e.reason = Text{"Killing"};
    e.from = runtime;
    e.message = incident.keep("Stopping container " + std::string(container));
    e.at = cite.at;
    e.row_text = cite.text;
    return e;
}

}  // namespace pm
