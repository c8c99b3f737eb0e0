#include "grammar/rule_checks.hpp"

#include <charconv>
#include <sstream>

#include "oci/classify.hpp"
#include "oci/unwrap.hpp"

namespace pm {

namespace {

const std::string* value_of(const RuleBlock& block, const char* key) {
    for (const auto& entry : block.entries) {
        if (entry.key == key) {
            return &entry.value;
        }
    }
    return nullptr;
}

std::string value_or(const RuleBlock& block, const char* key, const std::string& fallback) {
    const std::string* v = value_of(block, key);
    return v == nullptr ? fallback : *v;
}

std::vector<std::string> values_of(const RuleBlock& block, const char* key) {
    std::vector<std::string> out;
    for (const auto& entry : block.entries) {
        if (entry.key == key) {
            out.push_back(entry.value);
        }
    }
    return out;
}

const RuleEntry* entry_of(const RuleBlock& block, const char* key) {
    for (const auto& entry : block.entries) {
        if (entry.key == key) {
            return &entry;
        }
    }
    return nullptr;
}

bool parse_int(const std::string& text, long long& out) {
    auto first = text.data();
    auto last = text.data() + text.size();
    auto result = std::from_chars(first, last, out);
    return result.ec == std::errc() && result.ptr == last;
}

// "cause:confidence cause:confidence …" -> list; problems name the offending item.
bool parse_causes(const RuleBlock& block, std::vector<CauseWeight>& out, std::vector<GrammarProblem>& problems) {
    const RuleEntry* entry = entry_of(block, "causes");
    if (entry == nullptr) {
        return true;
    }
    std::istringstream words(entry->value);
    std::string word;
    bool ok = true;
    while (words >> word) {
        auto colon = word.find(':');
        CauseWeight cw{word.substr(0, colon), colon == std::string::npos ? "" : word.substr(colon + 1)};
        if (!is_contract_cause(cw.cause)) {
            problems.push_back({block.where(*entry), "unknown cause `" + cw.cause +
                                                         "`: causes are the closed list of the JSON contract "
                                                         "(report-json.md), e.g. cgroup-oom, app-error, unknown"});
            ok = false;
        } else if (!is_confidence(cw.confidence)) {
            problems.push_back({block.where(*entry), "`" + word +
                                                         "`: write each cause as cause:confidence with "
                                                         "confidence high, medium or low"});
            ok = false;
        }
        out.push_back(cw);
    }
    return ok;
}

std::unique_ptr<RE2> compile(const RuleBlock& block, const char* key, std::vector<GrammarProblem>& problems) {
    const RuleEntry* entry = entry_of(block, key);
    RE2::Options options;
    options.set_log_errors(false);
    options.set_never_nl(true);
    auto re = std::make_unique<RE2>(entry->value, options);
    if (!re->ok()) {
        std::string hint = entry->value.find("(?<") != std::string::npos
                               ? " (this RE2 needs named groups written (?P<name>…))"
                               : "";
        problems.push_back({block.where(*entry), "`" + std::string(key) + "` is not a valid RE2 pattern: " +
                                                     re->error() + " near `" + re->error_arg() + "`" + hint});
        return nullptr;
    }
    return re;
}

bool check_cause(const RuleBlock& block, std::vector<GrammarProblem>& problems) {
    const RuleEntry* entry = entry_of(block, "cause");
    if (!is_contract_cause(entry->value)) {
        problems.push_back({block.where(*entry), "unknown cause `" + entry->value +
                                                     "`: causes are the closed list of the JSON contract"});
        return false;
    }
    return true;
}

std::vector<RuleExample> examples_of(const RuleBlock& block, std::vector<GrammarProblem>& problems) {
    std::vector<RuleExample> out;
    for (const auto& entry : block.entries) {
        if (entry.key == "example") {
            out.push_back({entry.value, std::nullopt, block.where(entry)});
        } else if (entry.key == "expect-innermost") {
            if (out.empty()) {
                problems.push_back({block.where(entry), "`expect-innermost` must follow the `example` it applies to"});
            } else {
                out.back().expect_innermost = entry.value;
            }
        }
    }
    return out;
}

void build_exit(const RuleBlock& block, Grammar& g, std::vector<GrammarProblem>& problems) {
    ExitRule rule;
    auto dash = block.id.find('-', 1);
    std::string low = block.id.substr(0, dash);
    std::string high = dash == std::string::npos ? low : block.id.substr(dash + 1);
    if (!parse_int(low, rule.low) || !parse_int(high, rule.high) || rule.low < 0 || rule.high > 255 ||
        rule.low > rule.high) {
        problems.push_back({block.where(), "exit rule `" + block.id +
                                               "`: the id is a code 0-255 or a range LOW-HIGH within 0-255"});
        return;
    }
    rule.label = value_or(block, "label", "");
    rule.meaning = value_or(block, "meaning", "");
    rule.source = block.where();
    if (parse_causes(block, rule.causes, problems)) {
        g.exits.push_back(std::move(rule));
    }
}

void build_ntstatus(const RuleBlock& block, Grammar& g, std::vector<GrammarProblem>& problems) {
    NtStatusRule rule;
    unsigned long code = 0;
    const std::string& id = block.id;
    bool ok = id.size() == 10 && (id.rfind("0x", 0) == 0 || id.rfind("0X", 0) == 0);
    if (ok) {
        auto r = std::from_chars(id.data() + 2, id.data() + id.size(), code, 16);
        ok = r.ec == std::errc() && r.ptr == id.data() + id.size();
    }
    if (!ok) {
        problems.push_back({block.where(), "ntstatus rule `" + id + "`: the id is 0x followed by 8 hex digits"});
        return;
    }
    rule.code = code;
    rule.name = value_or(block, "name", "");
    rule.meaning = value_or(block, "meaning", "");
    rule.source = block.where();
    if (parse_causes(block, rule.causes, problems)) {
        g.ntstatus[code] = std::move(rule);
    }
}

void build_reason(const RuleBlock& block, Grammar& g, std::vector<GrammarProblem>& problems) {
    ReasonRule rule;
    rule.name = block.id;
    rule.state = value_or(block, "state", "");
    rule.meaning = value_or(block, "meaning", "");
    rule.source = block.where();
    bool ok = true;
    if (rule.state != "terminated" && rule.state != "waiting" && rule.state != "pod") {
        problems.push_back({block.where(*entry_of(block, "state")), "`state` is terminated, waiting or pod"});
        ok = false;
    }
    std::string classify = value_or(block, "classify", "no");
    if (classify != "message" && classify != "no") {
        problems.push_back({block.where(*entry_of(block, "classify")),
                            "`classify` is `message` (classify the runtime error in the message) or `no`"});
        ok = false;
    }
    rule.classify_message = classify == "message";
    std::string exit_code = value_or(block, "exit-code", "reliable");
    if (exit_code != "reliable" && exit_code != "made-up" && exit_code != "convention") {
        problems.push_back({block.where(*entry_of(block, "exit-code")),
                            "`exit-code` is `reliable`, `made-up` or `convention`"});
        ok = false;
    }
    rule.exit_code_reliable = exit_code != "made-up";
    rule.exit_code_convention = exit_code == "convention";
    ok = parse_causes(block, rule.causes, problems) && ok;
    if (ok) {
        g.reasons[rule.name] = std::move(rule);
    }
}

void build_runtime(const RuleBlock& block, Grammar& g, std::vector<GrammarProblem>& problems) {
    RuntimeRule rule;
    rule.id = block.id;
    rule.pattern = compile(block, "pattern", problems);
    rule.scope = value_or(block, "scope", "chain");
    rule.cause = value_or(block, "cause", "");
    rule.explain = value_or(block, "explain", "");
    rule.remediation = values_of(block, "remediation");
    rule.examples = examples_of(block, problems);
    rule.source = block.where();
    bool ok = rule.pattern != nullptr && check_cause(block, problems);
    if (rule.scope != "chain" && rule.scope != "innermost") {
        problems.push_back({block.where(*entry_of(block, "scope")), "`scope` is `chain` or `innermost`"});
        ok = false;
    }
    if (ok) {
        g.runtime_rules.push_back(std::move(rule));
    }
}

void build_event(const RuleBlock& block, Grammar& g, std::vector<GrammarProblem>& problems) {
    EventRule rule;
    rule.id = block.id;
    rule.reason = compile(block, "reason", problems);
    rule.pattern = compile(block, "pattern", problems);
    rule.cause = value_or(block, "cause", "");
    rule.effect = value_or(block, "effect", "supports");
    rule.explain = value_or(block, "explain", "");
    rule.examples = examples_of(block, problems);
    rule.source = block.where();
    bool ok = rule.reason != nullptr && rule.pattern != nullptr && check_cause(block, problems);
    if (rule.effect != "confirms" && rule.effect != "supports" && rule.effect != "seen") {
        problems.push_back({block.where(*entry_of(block, "effect")), "`effect` is confirms, supports or seen"});
        ok = false;
    }
    if (ok) {
        g.event_rules.push_back(std::move(rule));
    }
}

// Runs every example of runtime and event rules through the real matching code.
void check_examples(const Grammar& g, std::vector<GrammarProblem>& problems) {
    for (const auto& rule : g.runtime_rules) {
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
    for (const auto& rule : g.event_rules) {
        for (const auto& example : rule.examples) {
            auto colon = example.text.find(": ");
            if (colon == std::string::npos) {
                problems.push_back({example.source, "an event example is `REASON: message`"});
                continue;
            }
            std::string reason = example.text.substr(0, colon);
            std::string message = example.text.substr(colon + 2);
            if (!RE2::FullMatch(reason, *rule.reason) || !RE2::PartialMatch(message, *rule.pattern)) {
                problems.push_back({example.source, "example does not match event rule `" + rule.id +
                                                        "` (reason must fully match `reason`, message must contain "
                                                        "a match of `pattern`)"});
            }
        }
    }
}

}  // namespace

void build_rule(const RuleBlock& block, Grammar& g, std::vector<GrammarProblem>& problems) {
    if (block.type == "signal") {
        long long number = 0;
        if (!parse_int(block.id, number) || number < 1 || number > 64) {
            problems.push_back({block.where(), "signal rule `" + block.id + "`: the id is a signal number 1-64"});
            return;
        }
        g.signals[static_cast<int>(number)] = {static_cast<int>(number), value_or(block, "name", ""),
                                               value_or(block, "meaning", ""), block.where()};
    } else if (block.type == "exit") {
        build_exit(block, g, problems);
    } else if (block.type == "ntstatus") {
        build_ntstatus(block, g, problems);
    } else if (block.type == "reason") {
        build_reason(block, g, problems);
    } else if (block.type == "cause") {
        if (!is_contract_cause(block.id)) {
            problems.push_back({block.where(), "cause `" + block.id + "` is not in the JSON contract's closed list"});
            return;
        }
        g.causes[block.id] = {block.id, value_or(block, "title", ""), value_or(block, "summary", ""),
                              values_of(block, "remediation"), block.where()};
    } else if (block.type == "runtime") {
        build_runtime(block, g, problems);
    } else if (block.type == "event") {
        build_event(block, g, problems);
    }
}

void check_grammar(const Grammar& g, std::vector<GrammarProblem>& problems) {
    check_examples(g, problems);
}

void check_complete(const Grammar& g, const std::string& where, std::vector<GrammarProblem>& problems) {
    for (const auto& cause : contract_causes()) {
        if (g.cause(cause) == nullptr) {
            problems.push_back({where, "no `cause " + cause + "` rule: every cause of the contract needs a title and "
                                       "remediation"});
        }
    }
    for (int code = 0; code <= 255; ++code) {
        if (g.exit_rule(code) == nullptr) {
            problems.push_back({where, "no exit rule covers exit code " + std::to_string(code)});
            break;
        }
    }
}

}  // namespace pm
