#include "correlate/signals.hpp"

#include <cstdio>
#include <string>

namespace pm {

namespace {

// Windows containers exit with an NTSTATUS, printed as a negative or a large unsigned number.
void name_windows_status(const Grammar& g, Incident& incident, Termination& t) {
    const NtStatusRule* rule = t.raw_exit_code ? g.windows_status(*t.raw_exit_code) : nullptr;
    if (rule == nullptr) {
        return;
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08lX", rule->code);
    t.windows_status = incident.keep(std::string(hex) + " " + rule->name);
    t.signal.reset();  // not a Unix signal, whatever 128+N its low byte makes
    t.signal_name.reset();
}

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
                name_windows_status(g, incident, t);
                name_signal(g, t);
            }
            if (const Termination* t = c.current_termination()) {
                c.state.signal = t->signal;
            }
        }
    }
}

}  // namespace pm
