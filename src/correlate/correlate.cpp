#include "correlate/correlate.hpp"

#include "correlate/container_logs.hpp"
#include "correlate/event_targets.hpp"
#include "correlate/identity_from_text.hpp"
#include "correlate/kernel_events.hpp"
#include "correlate/merge_pods.hpp"
#include "correlate/runtime_errors.hpp"
#include "correlate/signals.hpp"

namespace pm {

void correlate(const Grammar& g, Incident& incident) {
    drop_listed_copies(incident);  // first: nothing holds a pod's index yet
    name_signals(g, incident);
    attach_runtime_errors(g, incident);
    name_from_text(incident);
    merge_pods(incident);
    attribute_events(incident);
    attach_container_logs(g, incident);
    attach_kernel_events(incident);
}

}  // namespace pm
