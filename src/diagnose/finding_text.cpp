#include "diagnose/finding_text.hpp"

#include <algorithm>
#include <set>

namespace pm {

namespace {

std::string fill(std::string text, const std::string& key, const std::string& value) {
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
        text.replace(at, key.size(), value);
    }
    return text;
}

std::string summary_for(const Grammar& g, const std::string& cause, const Container* c, const Reading& r) {
    const CauseInfo* info = g.cause(cause);
    std::string text = info != nullptr ? info->summary : cause;
    text = fill(text, "{container}", c != nullptr && c->name ? *c->name : "(unnamed)");
    text = fill(text, "{exit}", r.exit_phrase);
    std::string limit;
    if (c != nullptr && c->limits.count("memory") != 0) {
        limit = " (" + c->limits.at("memory") + ")";
    }
    text = fill(text, "{limit}", limit);
    return fill(text, "{innermost}", r.innermost.value_or("the runtime gave no detail"));
}

void add_evidence(std::vector<Evidence>& out, std::set<std::string>& seen, const Evidence& e) {
    if (seen.insert(e.source).second) {  // one quote per line: the first says what the line says
        out.push_back(e);
    }
}

}  // namespace

Finding build_finding(const Grammar& g, const Pod* pod, const Container* c, Reading& r) {
    // "The inputs do not say" is no alternative once they say something.
    bool said = std::any_of(r.candidates.begin(), r.candidates.end(),
                            [](const Candidate& k) { return k.cause != "unknown" && k.rank >= 2; });
    if (said) {
        drop_candidate(r, "unknown");
    }
    // Causes that need a running process cannot explain a container the runtime never started.
    if (r.never_ran) {
        for (const char* cause : {"app-error", "app-exit-normal", "liveness-probe-kill", "external-kill", "cgroup-oom",
                                  "system-oom", "segfault", "abort"}) {
            if (r.candidates.size() > 1) {
                drop_candidate(r, cause);
            }
        }
    }
    sort_candidates(r);
    Finding f;
    if (pod != nullptr && pod->name) {
        f.subject.pod = pod->namespace_.value_or("default") + "/" + *pod->name;
    }
    if (c != nullptr) {
        f.subject.container = c->name;
    }
    if (pod != nullptr) {
        f.subject.node = pod->node;
    }
    const Candidate best = r.candidates.empty() ? Candidate{"unknown", 1, {}, {}} : r.candidates.front();
    f.cause = best.cause;
    f.confidence = rank_name(best.rank);
    f.summary = summary_for(g, best.cause, c, r);
    for (const auto& note : r.notes) {
        f.summary += " " + note;
    }
    if (r.runtime_rule != nullptr && f.cause == r.runtime_rule->cause) {
        f.summary += " " + r.runtime_rule->explain;
    }
    std::set<std::string> seen;
    for (const auto& e : r.evidence) {
        add_evidence(f.evidence, seen, e);
    }
    for (const auto& e : best.evidence) {
        add_evidence(f.evidence, seen, e);
    }
    if (c != nullptr) {
        if (c->restart_cite) {
            add_evidence(f.evidence, seen, *c->restart_cite);
        }
        if ((f.cause == "cgroup-oom" || f.cause == "system-oom") && c->memory_limit_cite) {
            add_evidence(f.evidence, seen, *c->memory_limit_cite);
        }
        if (f.cause == "liveness-probe-kill") {
            for (const auto& p : c->probes) {
                if (p.kind == "liveness" || p.kind == "startup") {
                    add_evidence(f.evidence, seen, {p.source, p.line_text.empty() ? p.kind + ": " + p.spec : p.line_text});
                }
            }
        }
        if (f.cause == "configmap-subpath") {
            for (const auto& m : c->mounts) {
                if (m.sub_path) {
                    add_evidence(f.evidence, seen, {m.source, m.line_text.empty() ? m.path + " from " + m.volume
                                                                                  : m.line_text});
                }
            }
        }
    }
    if (pod != nullptr && f.cause == "evicted") {
        if (pod->reason_cite) {
            add_evidence(f.evidence, seen, *pod->reason_cite);
        }
    }
    if (r.runtime_rule != nullptr && f.cause == r.runtime_rule->cause) {
        f.remediation = r.runtime_rule->remediation;
    }
    if (const CauseInfo* info = g.cause(f.cause)) {
        f.remediation.insert(f.remediation.end(), info->remediation.begin(), info->remediation.end());
    }
    for (size_t i = 1; i < r.candidates.size(); ++i) {
        const Candidate& alt = r.candidates[i];
        std::string text = alt.why.empty() ? "Still possible: nothing in the inputs rules it out." : alt.why;
        f.alternatives.push_back({alt.cause, rank_name(alt.rank), text});
    }
    f.exit_code_explanation = r.exit_explanation;
    return f;
}

}  // namespace pm
