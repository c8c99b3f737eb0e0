#include "diagnose/spec_clues.hpp"

#include <algorithm>

namespace pm {

namespace {

struct Searched {
    Text text;
    std::optional<Quote> line;  // what to cite when it matches
};

std::vector<Searched> texts_of(const Incident& incident, const Container& c, const std::string& where) {
    std::vector<Searched> out;
    auto add = [&](Text text) {
        const std::optional<Cite> at = incident.cite_of(text);
        out.push_back({text, at ? std::optional<Quote>(Quote{*at, text}) : std::nullopt});
    };
    if (where == "command") {
        for (const Text t : c.command) {
            add(t);
        }
    } else if (where == "args") {
        for (const Text t : c.args) {
            add(t);
        }
    } else if (where == "env") {
        for (const auto& [name, value] : c.environment) {
            add(value);
            (void)name;
        }
    } else if (where == "probe") {
        for (const Probe& p : c.probes) {
            if (p.kind == "liveness" || p.kind == "startup") {
                out.push_back({p.spec, p.line});
            }
        }
    }
    return out;
}

}  // namespace

void weigh_spec_clues(const Grammar& g, const Incident& incident, const Container& c, Reading& r) {
    for (const ClueRule& rule : g.clue_rules) {
        if (!rule.pattern.get().ok() || (rule.needs_limit && !c.limit("memory"))) {
            continue;
        }
        std::optional<Searched> hit;
        for (const std::string& where : rule.where) {
            for (const Searched& s : texts_of(incident, c, where)) {
                if (RE2::PartialMatch(re2::StringPiece(s.text.data(), s.text.size()), rule.pattern.get())) {
                    hit = s;
                    break;
                }
            }
            if (hit) {
                break;
            }
        }
        if (!hit) {
            continue;
        }
        Candidate* existing = find_candidate(r, rule.cause);
        if (rule.raises) {
            Candidate& k = existing != nullptr ? *existing : ensure_candidate(r, rule.cause, 1);
            if (existing != nullptr && k.rank < 3) {
                ++k.rank;  // a clue adds weight; it never settles a cause alone
            }
            k.clues.push_back(rule.explain);
            if (hit->line) {
                k.evidence.push_back(*hit->line);
            }
        } else if (existing != nullptr && existing->rank < k_reported_rank) {
            existing->rank = std::max(1, existing->rank - 1);
            existing->why = rule.explain;
        }
    }
}

}  // namespace pm
