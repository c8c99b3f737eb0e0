#include "records/enrich.hpp"

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

void name_signals(const Grammar& g, Report& report) {
    for (auto& pod : report.pods) {
        for (auto& c : pod.containers) {
            if (c.last_termination) {
                name_signal(g, *c.last_termination);
            }
            if (c.state.as_termination) {
                name_signal(g, *c.state.as_termination);
                c.state.signal = c.state.as_termination->signal;
            }
            for (auto& t : c.terminations) {
                name_signal(g, t);
            }
        }
    }
}

}  // namespace pm
