#include "diagnose/termination_reading.hpp"

#include <algorithm>

#include "base/text.hpp"

#include <cstdio>

namespace pm {

namespace {

constexpr size_t k_max_runtime_evidence = 4;

std::string fill_exit_meaning(std::string text, long long code, const Grammar& g) {
    auto replace = [&](const std::string& key, const std::string& value) {
        for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
            text.replace(at, key.size(), value);
        }
    };
    replace("{code}", std::to_string(code));
    if (code > 128 && code <= 192) {
        int number = static_cast<int>(code - 128);
        const SignalInfo* s = g.signal(number);
        replace("{signal}", std::to_string(number));
        replace("{signal_name}", s != nullptr ? s->name : "signal " + std::to_string(number));
        replace("{signal_meaning}", s != nullptr ? s->meaning : "a signal with no common meaning");
    }
    return text;
}

void add_causes(Reading& r, const std::vector<CauseWeight>& causes, int cap) {
    for (const auto& cw : causes) {
        ensure_candidate(r, cw.cause, std::min(cap, rank_of(cw.confidence)));
    }
}

bool has_probe(const Container& c, std::string_view kind_a, std::string_view kind_b) {
    for (const auto& p : c.probes) {
        if (p.kind == kind_a || p.kind == kind_b) {
            return true;
        }
    }
    return false;
}

// Reads the exit code: its sentence, its phrase, and the causes it points to.
// The causes are the grammar's own (candidates keep views of their names), never a copy.
const std::vector<CauseWeight>& read_exit_code(const Grammar& g, const Termination& t, bool reliable, Reading& r) {
    static const std::vector<CauseWeight> k_none;
    if (!t.exit_code) {
        return k_none;
    }
    long long code = *t.exit_code;
    // Plain appends, not a stringstream: every termination of every pod comes here.
    std::string phrase = " (exit code " + std::to_string(code);
    if (t.raw_exit_code) {
        phrase += ", printed as " + std::to_string(*t.raw_exit_code);
    }
    if (!reliable) {
        r.exit_explanation = "Exit code " + std::to_string(code) +
                             " here was made up by kubelet, not reported by a process: no signal can be read into it.";
        r.exit_phrase = phrase + ", made up by kubelet)";
        return k_none;
    }
    // Windows containers report NTSTATUS values (in either sign), which wrap to meaningless small numbers.
    if (const NtStatusRule* status = t.raw_exit_code ? g.windows_status(*t.raw_exit_code) : nullptr) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%08lX", status->code);
        r.exit_explanation = "Exit code " + std::to_string(*t.raw_exit_code) + " is the Windows status `" + hex + " " +
                             status->name + "`, not a Unix exit code or signal: " + status->meaning;
        r.exit_phrase =
            " (exit status `" + std::string(hex) + " " + status->name + "`, printed as " + std::to_string(*t.raw_exit_code) + ")";
        r.ntstatus = status;
        return status->causes;
    }
    if (t.signal_name) {
        phrase += ", ";
        phrase += *t.signal_name;
    }
    r.exit_phrase = phrase + ")";
    const ExitRule* rule = g.exit_rule(code);
    if (rule == nullptr) {
        return k_none;
    }
    std::string sentence = fill_exit_meaning(rule->meaning, code, g);
    if (t.raw_exit_code) {
        sentence = "The printed exit code " + std::to_string(*t.raw_exit_code) + " is " + std::to_string(code) +
                   " once reduced to 0-255 (exit(-1) becomes 255). " + sentence;
    }
    r.exit_explanation = sentence;
    return rule->causes;
}

// Candidates that the container's own spec rules out, when the input showed the whole spec.
void prune_impossible(const Container& c, const Termination& t, Reading& r) {
    if (!c.spec_complete) {
        return;  // a fragment or a cut-off paste: a probe or limit may simply not have been saved
    }
    Candidate* probe = find_candidate(r, "liveness-probe-kill");
    if (probe != nullptr && probe->rank < k_reported_rank && !has_probe(c, "liveness", "startup")) {
        drop_candidate(r, "liveness-probe-kill");
        r.notes.push_back("It has no liveness or startup probe, so kubelet did not kill it for a failing probe.");
    }
    bool reported_oom = t.reason && *t.reason == "OOMKilled";
    if (find_candidate(r, "cgroup-oom") != nullptr && !reported_oom && !c.limit("memory")) {
        drop_candidate(r, "cgroup-oom");  // no memory limit of its own to hit
    }
}

}  // namespace

Reading read_termination(const Grammar& g, const Incident& incident, const Container& c, const Termination& t) {
    Reading r;
    r.evidence = t.cites;
    r.exit_code = t.exit_code;
    r.finished = t.finished;
    const ReasonRule* reason = t.reason ? g.reason(*t.reason) : nullptr;
    bool reliable = reason == nullptr || reason->exit_code_reliable;
    const std::vector<CauseWeight>& exit_causes = read_exit_code(g, t, reliable, r);
    if (reason != nullptr && !reason->causes.empty()) {
        add_causes(r, reason->causes, k_reported_rank);
        // The exit code's own readings stay as alternatives, a step lower, unless the runtime chose it.
        for (const auto& cw : exit_causes) {
            if (!reason->exit_code_convention && find_candidate(r, cw.cause) == nullptr) {
                ensure_candidate(r, cw.cause, 1);
            }
        }
    } else {
        add_causes(r, exit_causes, 3);
    }
    if (reason != nullptr && reason->causes.size() == 1 && reason->causes[0].confidence == Confidence::high) {
        find_candidate(r, reason->causes[0].cause)->rank = k_reported_rank;
    }
    // A reason that reads otherwise when the process exited 0 (OOMKilled of a child process).
    if (reason != nullptr && reason->exit_0 && t.exit_code && *t.exit_code == 0) {
        const int rank = rank_of(reason->exit_0->confidence);
        ensure_candidate(r, reason->exit_0->cause, rank).rank = rank;
        if (!reason->exit_0_note.empty()) {
            r.notes.push_back(reason->exit_0_note);
        }
    }
    if (reason != nullptr && !reason->restarted_note.empty() && c.restart_count && *c.restart_count > 0) {
        std::string note = reason->restarted_note;
        const std::string key = "{restarts}";
        if (auto at = note.find(key); at != std::string::npos) {
            note.replace(at, key.size(), std::to_string(*c.restart_count));
        }
        r.notes.push_back(note);
    }
    // Only when the exit code already points there: a more specific reading (127, not found) stays first.
    if (reason != nullptr && reason->with_message && t.message && !trim(*t.message).empty() &&
        t.runtime_error == k_none_index) {
        sort_candidates(r);
        if (!r.candidates.empty() && r.candidates.front().cause == reason->with_message->cause) {
            Candidate& top = r.candidates.front();
            top.rank = std::max(top.rank, rank_of(reason->with_message->confidence));
        }
    }
    if (reason != nullptr && reason->classify_message && t.message && t.runtime_error != k_none_index) {
        apply_runtime_error(g, incident.runtime_errors[t.runtime_error], r);
    }
    if (t.never_started) {
        r.notes.push_back("Its start time is the Unix epoch: the process never really started.");
    }
    r.never_ran = t.never_started || (reason != nullptr && reason->classify_message);
    prune_impossible(c, t, r);
    return r;
}

Reading read_waiting(const Grammar& g, const Incident& incident, const State& s) {
    Reading r;
    r.evidence = s.cites;
    const ReasonRule* reason = s.reason ? g.reason(*s.reason) : nullptr;
    if (reason != nullptr && !reason->causes.empty()) {
        add_causes(r, reason->causes, k_reported_rank);
        if (reason->causes.size() == 1 && reason->causes[0].confidence == Confidence::high) {
            find_candidate(r, reason->causes[0].cause)->rank = k_reported_rank;
        }
    }
    if (r.candidates.empty()) {
        ensure_candidate(r, "unknown", 1);
    }
    r.never_ran = reason != nullptr && reason->classify_message;
    (void)incident;
    return r;
}

void apply_runtime_error(const Grammar& g, const RuntimeError& error, Reading& r) {
    const RuntimeRule* rule = error.rule.empty() ? nullptr : g.runtime_rule(error.rule);
    // The first classified error read (the container's own termination message comes before any
    // event) names the innermost cause; later ones only add weight and evidence.
    if (r.runtime_rule == nullptr && (rule != nullptr || !r.innermost)) {
        r.innermost = error.innermost;
        r.runtime_rule = rule;
        if (error.truncated) {
            r.notes.push_back("The runtime error message is cut off, so its innermost cause may be incomplete.");
        }
    }
    // A truncated message may have lost the words that would classify it: never certain.
    int rank = rule == nullptr || error.truncated ? 2 : k_reported_rank;
    Candidate& c = ensure_candidate(r, error.cause, rank);
    if (c.evidence.size() < k_max_runtime_evidence) {  // 100,000 Failed events make the point with a few
        c.evidence.push_back({error.at, error.message});  // the message as the line prints it
    }
    if (c.decisive.empty() && rule != nullptr) {
        c.decisive.push_back({error.at, error.message});
    }
    if (error.cause != "oci-start-error") {
        drop_candidate(r, "oci-start-error");
    }
}

}  // namespace pm
