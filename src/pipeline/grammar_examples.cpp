#include "pipeline/grammar_examples.hpp"

#include <algorithm>

#include "oci/classify.hpp"
#include "oci/unwrap.hpp"
#include "readers/kernel_log/kernel_log_reader.hpp"

namespace pm {

void check_grammar_examples(const Grammar& g, std::vector<GrammarProblem>& problems) {
    for (const auto& rule : g.runtime_rules) {
        if (!rule.pattern.get().ok()) {
            continue;  // reported by the loader when it validated the grammar
        }
        for (const auto& example : rule.examples) {
            auto unwrapped = unwrap_runtime_error(example.text);
            const RuntimeRule* hit = match_runtime_rule(g, unwrapped, example.text);
            if (hit != &rule) {
                problems.push_back({example.source, "example of runtime rule `" + rule.id + "` is classified by " +
                                                        (hit == nullptr ? std::string("no rule")
                                                                        : "rule `" + hit->id + "` (" + hit->source + ")") +
                                                        "; its innermost cause reads `" + unwrapped.innermost + "`"});
            }
            if (example.expect_innermost && unwrapped.innermost != *example.expect_innermost) {
                problems.push_back({example.source, "example of runtime rule `" + rule.id + "` unwraps to innermost `" +
                                                        unwrapped.innermost + "`, expected `" +
                                                        *example.expect_innermost + "`"});
            }
        }
    }
    for (const auto& rule : g.crash_rules) {
        if (!rule.pattern.get().ok()) {
            continue;
        }
        for (const auto& example : rule.examples) {
            if (!RE2::PartialMatch(example.text, rule.pattern.get())) {
                problems.push_back({example.source, "example does not match crash rule `" + rule.id + "`"});
            }
            // The scanner only tries lines holding a literal: an example without one would never be seen.
            const bool prefiltered = std::any_of(rule.literals.begin(), rule.literals.end(), [&](const std::string& l) {
                return example.text.find(l) != std::string::npos;
            });
            if (!prefiltered) {
                problems.push_back({example.source, "example of crash rule `" + rule.id +
                                                        "` holds none of its literals, so the scanner would skip it"});
            }
        }
    }
    for (const auto& rule : g.clue_rules) {
        if (!rule.pattern.get().ok()) {
            continue;
        }
        for (const auto& example : rule.examples) {
            if (!RE2::PartialMatch(example.text, rule.pattern.get())) {
                problems.push_back({example.source, "example does not match clue rule `" + rule.id + "`"});
            }
        }
    }
    // A kernel example must be read by the kernel-log reader into an event this very rule decides.
    for (const auto& rule : g.kernel_rules) {
        for (const auto& example : rule.examples) {
            Incident scratch;
            const std::vector<KernelEvent> events = kernel_events_in(example.text, scratch);
            const bool lands = std::any_of(events.begin(), events.end(), [&](const KernelEvent& e) {
                return g.kernel_rule(e.kind, e.oom_scope.value_or("")) == &rule;
            });
            if (!lands) {
                problems.push_back({example.source, "example of kernel rule `" + rule.id +
                                                        "` is read as no `" + rule.event + "` event this rule decides"});
            }
        }
    }
    for (const auto& rule : g.event_rules) {
        if (!rule.reason.get().ok() || !rule.pattern.get().ok()) {
            continue;
        }
        for (const auto& example : rule.examples) {
            auto colon = example.text.find(": ");
            if (colon == std::string::npos) {
                problems.push_back({example.source, "an event example is `REASON: message`"});
                continue;
            }
            std::string reason = example.text.substr(0, colon);
            std::string message = example.text.substr(colon + 2);
            if (!RE2::FullMatch(reason, rule.reason.get()) || !RE2::PartialMatch(message, rule.pattern.get())) {
                problems.push_back({example.source, "example does not match event rule `" + rule.id +
                                                        "` (reason must fully match `reason`, message must contain "
                                                        "a match of `pattern`)"});
            }
        }
    }
}

}  // namespace pm
