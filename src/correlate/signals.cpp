#include "correlate/signals.hpp"

namespace pm {

namespace {

void name_signal(const Grammar& g, Termination& t) {
    // kubelet's ContainerStatusUnknown 137 was never a signal; its reason rule says so.
    const ReasonRule* reason = t.reason ? g.reason(*t.reason) : nullptr;
    if (reason != nullptr && !reason->exit_code_reliable) {
        t.signal.reset();
        t.signal_name.reset();
        return;
    }
    if (t.signal && !t.signal_name) {
        if (const SignalInfo* s = g.signal(static_cast<int>(*t.signal))) {
            t.signal_name = s->name;
        }
    }
}

}  // namespace

void name_signals(const Grammar& g, Incident& incident) {
    for (auto& pod : incident.pods) {
        for (auto& c : pod.containers) {
            for (auto& t : c.terminations) {
                name_signal(g, t);
            }
            if (const Termination* t = c.current_termination()) {
                c.state.signal = t->signal;
            }
        }
    }
}

}  // namespace pm
