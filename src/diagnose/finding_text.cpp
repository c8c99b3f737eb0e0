#include "diagnose/finding_text.hpp"

#include <algorithm>
#include <initializer_list>
#include <set>

namespace pm {

namespace {

// The runtime's own reason or exit code line: describe's `Reason:`, a pod object's `reason:` / `"exitCode":`.
bool states_reason_or_exit(std::string_view text) {
    for (std::string_view key : {"Reason:", "Exit Code:", "reason:", "exitCode:", "\"reason\":", "\"exitCode\":"}) {
        if (text.starts_with(key)) {
            return true;
        }
    }
    return false;
}

using Placeholder = std::pair<std::string_view, std::string_view>;

// `text` with each placeholder ({container}, {pod}, …) replaced by its value, in one pass left to
// right: a value that itself holds a placeholder is not expanded again.
std::string expand(std::string_view text, std::initializer_list<Placeholder> values) {
    std::string out;
    out.reserve(text.size() + 64);
    std::size_t done = 0;
    for (std::size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
        const std::string_view rest = text.substr(at);
        for (const auto& [key, value] : values) {
            if (rest.starts_with(key)) {
                out.append(text, done, at - done);
                out.append(value);
                done = at + key.size();
                at = done - 1;
                break;
            }
        }
    }
    out.append(text, done, std::string_view::npos);
    return out;
}

std::string_view container_name(const Container* c) {
    return c != nullptr && c->name ? std::string_view(*c->name) : std::string_view("(unnamed)");
}

std::string summary_for(const Grammar& g, std::string_view cause, const Container* c, const Reading& r) {
    const CauseInfo* info = g.cause(cause);
    std::string limit;
    if (c != nullptr) {
        if (OptText memory = c->limit("memory")) {
            limit.append(" (").append(*memory).append(")");
        }
    }
    return expand(info != nullptr ? std::string_view(info->summary) : cause,
                  {{"{container}", container_name(c)},
                   {"{exit}", r.exit_phrase},
                   {"{limit}", limit},
                   {"{innermost}", r.innermost.value_or("the runtime gave no detail")}});
}

// Why an alternative is still open (the evidence's word, or the cause's own), and what would settle it.
std::string alternative_text(const Grammar& g, const Pod* pod, const Container* c, const Reading& r,
                             const Candidate& alt) {
    const CauseInfo* info = g.cause(alt.cause);
    std::string text = !alt.why.empty()                         ? alt.why
                       : info != nullptr && !info->possible.empty() ? info->possible
                                                                     : "Still possible: nothing in the inputs rules it out.";
    if (info != nullptr && !info->settle.empty()) {
        const std::string when = r.finished ? "around " + format_rfc3339(*r.finished) : "around the failure";
        text += " To settle it: " + with_names(expand(info->settle, {{"{finished}", when}}), pod, c);
    }
    return text;
}

// One quote per line: the first says what the line says. A finding quotes a handful of lines, so
// a scan of those listed beats a tree; past k_scan_limit a sorted index takes over.
class EvidenceList {
public:
    explicit EvidenceList(std::vector<Quote>& out) : m_out(out) {}
    void add(const Quote& q) {
        if (m_out.size() < k_scan_limit) {
            if (std::none_of(m_out.begin(), m_out.end(), [&](const Quote& listed) { return listed.at == q.at; })) {
                m_out.push_back(q);
            }
            return;
        }
        if (m_seen.empty()) {
            for (const Quote& listed : m_out) {
                m_seen.insert(listed.at);
            }
        }
        if (m_seen.insert(q.at).second) {
            m_out.push_back(q);
        }
    }

private:
    static constexpr std::size_t k_scan_limit = 32;
    std::vector<Quote>& m_out;
    std::set<Cite> m_seen;
};

bool cites(const CauseInfo* info, CitedEvidence kind) {
    return info != nullptr && std::find(info->cites.begin(), info->cites.end(), kind) != info->cites.end();
}

// The evidence the cause's rule says a finding of it quotes, besides the termination's own lines.
void add_cited_evidence(const CauseInfo* info, const Pod* pod, const Container* c, EvidenceList& evidence) {
    if (c != nullptr && cites(info, CitedEvidence::memory_limit) && c->memory_limit_cite) {
        evidence.add(*c->memory_limit_cite);
    }
    if (c != nullptr && cites(info, CitedEvidence::probes)) {
        for (const auto& p : c->probes) {
            if (p.kind == "liveness" || p.kind == "startup") {
                evidence.add(p.line);
            }
        }
    }
    if (c != nullptr && cites(info, CitedEvidence::subpath_mounts)) {
        for (const auto& m : c->mounts) {
            if (m.sub_path) {
                evidence.add(m.line);
            }
        }
    }
    if (pod != nullptr && cites(info, CitedEvidence::pod_reason) && pod->reason_cite) {
        evidence.add(*pod->reason_cite);
    }
}

// Drops alternatives the inputs rule out: causes that need a process when none ran, and causes that
// need an event when the pod's events were saved without one.
void rule_out_candidates(const Grammar& g, Reading& r) {
    // Causes that need a running process cannot explain a container the runtime never started
    // (when nothing else is left, the best of them stays: the reading needs a cause).
    if (r.never_ran) {
        auto needs_process = [&](const Candidate& k) {
            const CauseInfo* info = g.cause(k.cause);
            return info != nullptr && info->needs_process;
        };
        const bool other = std::any_of(r.candidates.begin(), r.candidates.end(),
                                       [&](const Candidate& k) { return !needs_process(k); });
        if (other) {
            r.candidates.erase(std::remove_if(r.candidates.begin(), r.candidates.end(), needs_process),
                               r.candidates.end());
        } else if (r.candidates.size() > 1) {
            r.candidates.resize(1);
        }
    }
    // A cause that needs an event is ruled out when the pod's events were saved and none is there
    // (a liveness kill leaves a Killing event; readiness failures alone never restart a container).
    if (r.events_saved) {
        auto unmet = [&](const Candidate& k) {
            const CauseInfo* info = g.cause(k.cause);
            if (info == nullptr || info->needs_event.empty() || k.rank >= k_reported_rank) {
                return false;
            }
            for (const std::string& id : info->needs_event) {
                if (std::find(r.matched_event_rules.begin(), r.matched_event_rules.end(), id) !=
                    r.matched_event_rules.end()) {
                    return false;
                }
            }
            return true;
        };
        if (r.candidates.size() > 1) {
            r.candidates.erase(std::remove_if(r.candidates.begin() + 1, r.candidates.end(), unmet), r.candidates.end());
        }
    }
}

// What decides it: the confirming line (an event, the runtime error), the runtime's own reason
// and exit code, and the limit an OOM kill hit.
void collect_decisive(const Candidate& best, const Reading& r, const CauseInfo* info, const Pod* pod,
                      const Container* c, Finding& f) {
    for (const Quote& q : best.decisive) {
        if (f.decisive.size() < 2) {
            f.decisive.push_back(q);
        }
    }
    for (const Quote& q : r.evidence) {
        if (f.decisive.size() < 3 && states_reason_or_exit(q.text)) {
            f.decisive.push_back(q);
        }
    }
    if (c != nullptr && f.decisive.size() < 3 && cites(info, CitedEvidence::memory_limit) && c->memory_limit_cite) {
        f.decisive.push_back(*c->memory_limit_cite);
    }
    if (pod != nullptr && f.decisive.size() < 3 && cites(info, CitedEvidence::pod_reason) && pod->reason_cite) {
        f.decisive.push_back(*pod->reason_cite);
    }
    if (f.decisive.empty() && !f.evidence.empty()) {
        f.decisive.push_back(f.evidence.front());
    }
}

// The steps to take, with the real names filled in: the deciding rule's own first, then the
// runtime error's, then the cause's.
std::vector<std::string> remediation_for(const CauseInfo* info, const Candidate& best, const Reading& r, Text cause,
                                         const Pod* pod, const Container* c) {
    std::vector<const std::vector<std::string>*> sources{&best.remediation};
    if (r.runtime_rule != nullptr && cause == r.runtime_rule->cause) {
        sources.push_back(&r.runtime_rule->remediation);
    }
    if (r.ntstatus != nullptr && !r.ntstatus->remediation.empty()) {
        sources.push_back(&r.ntstatus->remediation);
    } else if (info != nullptr) {
        if (!r.log_read) {  // asking for the log comes first when there is none
            sources.push_back(&info->remediation_without_log);
        }
        sources.push_back(&info->remediation);
    }
    std::size_t count = 0;
    for (const auto* list : sources) {
        count += list->size();
    }
    std::vector<std::string> steps;
    steps.reserve(count);
    for (const auto* list : sources) {
        for (const std::string& step : *list) {
            steps.push_back(with_names(step, pod, c));
        }
    }
    return steps;
}

}  // namespace

// A grammar sentence with the real names in place of {pod} {namespace} {container} {node}: commands
// the reader can paste (`kubectl logs -p order-api-6d8f -c api -n shop`).
std::string with_names(std::string_view text, const Pod* pod, const Container* c) {
    if (text.find('{') == std::string_view::npos) {
        return std::string(text);
    }
    const auto or_word = [](const OptText& value, std::string_view word) {
        return value ? std::string_view(*value) : word;
    };
    return expand(text, {{"{node}", pod != nullptr ? or_word(pod->node, "NODE") : "NODE"},
                         {"{pod}", pod != nullptr ? or_word(pod->name, "POD") : "POD"},
                         {"{namespace}", pod != nullptr ? or_word(pod->namespace_, "NAMESPACE") : "NAMESPACE"},
                         {"{container}", c != nullptr ? or_word(c->name, "CONTAINER") : "CONTAINER"}});
}

Finding build_finding(const Grammar& g, const Pod* pod, const Container* c, Reading& r) {
    // "The inputs do not say" is no alternative once they say something.
    bool said = std::any_of(r.candidates.begin(), r.candidates.end(),
                            [](const Candidate& k) { return k.cause != "unknown" && k.rank >= 2; });
    if (said) {
        drop_candidate(r, "unknown");
    }
    sort_candidates(r);
    rule_out_candidates(g, r);
    Finding f;
    Candidate unknown;
    unknown.cause = "unknown";
    const Candidate best = r.candidates.empty() ? unknown : r.candidates.front();
    f.cause = best.cause;
    f.confidence = confidence_of_rank(best.rank);
    const bool windows_words = r.ntstatus != nullptr && !r.ntstatus->summary.empty();
    f.summary = windows_words ? expand(r.ntstatus->summary, {{"{container}", container_name(c)}, {"{exit}", r.exit_phrase}})
                              : summary_for(g, best.cause, c, r);
    // What the exit code says of the cause comes first: the notes and clues that follow narrow it down
    // ("the likeliest senders … a liveness-probe restart" then "it has no liveness probe").
    if (const CauseInfo* chosen = g.cause(best.cause); chosen != nullptr && r.exit_code) {
        for (const auto& [codes, sentence] : chosen->exit_notes) {
            if (std::find(codes.begin(), codes.end(), *r.exit_code) != codes.end()) {
                f.summary += " " + sentence;
                break;
            }
        }
    }
    for (const auto& note : r.notes) {
        f.summary += " " + note;
    }
    for (const std::string& clue : best.clues) {
        f.summary += " " + clue;
    }
    f.why = !best.headline_why.empty() ? best.headline_why : best.clues.empty() ? std::string() : best.clues.front();
    if (r.runtime_rule != nullptr && f.cause == r.runtime_rule->cause) {
        f.summary += " " + r.runtime_rule->explain;
    }
    EvidenceList evidence(f.evidence);
    for (const auto& e : r.evidence) {
        evidence.add(e);
    }
    for (const auto& e : best.evidence) {
        evidence.add(e);
    }
    if (c != nullptr && c->restart_cite) {
        evidence.add(*c->restart_cite);
    }
    const CauseInfo* info = g.cause(f.cause);
    add_cited_evidence(info, pod, c, evidence);
    f.remediation = remediation_for(info, best, r, f.cause, pod, c);
    for (size_t i = 1; i < r.candidates.size(); ++i) {
        const Candidate& alt = r.candidates[i];
        f.alternatives.push_back({alt.cause, confidence_of_rank(alt.rank), alternative_text(g, pod, c, r, alt)});
    }
    f.exit_code_explanation = r.exit_explanation;
    collect_decisive(best, r, info, pod, c, f);
    f.rank = headline_rank(g, f);
    return f;
}

int headline_rank(const Grammar& g, const Finding& f) {
    const CauseInfo* info = g.cause(f.cause);
    const int cause_rank = info != nullptr ? info->rank : 2;
    return (cause_rank > 0 ? 100 : 0) + 10 * static_cast<int>(f.confidence) + (cause_rank >= 2 ? 1 : 0);
}

}  // namespace pm
