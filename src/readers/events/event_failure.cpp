// Which event rows are worth a pod record of their own (formats.md §2.3).
#include "readers/events/event_failure.hpp"

namespace pm {

bool tells_of_failure(const Event& e) {
    if (e.reason && *e.reason == "Killing") {
        return !e.message.starts_with("Stopping container") && e.message.find(":Need to kill Pod") == std::string_view::npos;
    }
    if (!e.type || *e.type != "Warning") {
        return false;
    }
    return !(e.reason && (*e.reason == "Unhealthy" || *e.reason == "FailedScheduling"));
}

}  // namespace pm
