#include "grammar/rule_checks.hpp"

#include <charconv>
#include <map>
#include <set>
#include <sstream>

#include "base/text.hpp"


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
bool parse_cause_weight(const RuleBlock& block, const RuleEntry& entry, const std::string& word, CauseWeight& cw,
                        std::vector<GrammarProblem>& problems) {
    auto colon = word.find(':');
    cw.cause = word.substr(0, colon);
    auto confidence = parse_confidence(colon == std::string::npos ? "" : std::string_view(word).substr(colon + 1));
    if (!is_contract_cause(cw.cause)) {
        problems.push_back({block.where(entry), "unknown cause `" + cw.cause +
                                                    "`: causes are the closed list of the JSON contract "
                                                    "(report-json.md), e.g. cgroup-oom, app-error, unknown"});
        return false;
    }
    if (!confidence) {
        problems.push_back({block.where(entry), "`" + word +
                                                    "`: write each cause as cause:confidence with "
                                                    "confidence high, medium or low"});
        return false;
    }
    cw.confidence = *confidence;
    return true;
}

bool parse_causes(const RuleBlock& block, std::vector<CauseWeight>& out, std::vector<GrammarProblem>& problems,
                  const char* key = "causes") {
    const RuleEntry* entry = entry_of(block, key);
    if (entry == nullptr) {
        return true;
    }
    std::istringstream words(entry->value);
    std::string word;
    bool ok = true;
    while (words >> word) {
        CauseWeight cw;
        ok = parse_cause_weight(block, *entry, word, cw, problems) && ok;
        out.push_back(cw);
    }
    return ok;
}

bool parse_yes_no(const RuleBlock& block, const char* key, bool fallback, bool& out,
                  std::vector<GrammarProblem>& problems) {
    const RuleEntry* entry = entry_of(block, key);
    if (entry == nullptr) {
        out = fallback;
        return true;
    }
    if (entry->value != "yes" && entry->value != "no") {
        problems.push_back({block.where(*entry), "`" + std::string(key) + "` is `yes` or `no`"});
        return false;
    }
    out = entry->value == "yes";
    return true;
}

// The pattern as a LazyRegex; compiled now only when the grammar is being validated (a user's
// grammar, a test): the built-in grammar's patterns compile on first use.
bool compile(const RuleBlock& block, const char* key, const LoadOptions& load, LazyRegex& out,
             std::vector<GrammarProblem>& problems) {
    const RuleEntry* entry = entry_of(block, key);
    out = LazyRegex(entry->value);
    if (!load.validate) {
        return true;
    }
    const RE2& re = out.get();
    if (!re.ok()) {
        std::string hint = entry->value.find("(?<") != std::string::npos
                               ? " (this RE2 needs named groups written (?P<name>…))"
                               : "";
        problems.push_back({block.where(*entry), "`" + std::string(key) + "` is not a valid RE2 pattern: " +
                                                     re.error() + " near `" + re.error_arg() + "`" + hint});
        return false;
    }
    return true;
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
    rule.summary = value_or(block, "summary", "");
    rule.remediation = values_of(block, "remediation");
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
    ok = parse_yes_no(block, "crashing", false, rule.crashing, problems) && ok;
    if (const RuleEntry* exit_0 = entry_of(block, "when-exit-0")) {
        CauseWeight cw;
        ok = parse_cause_weight(block, *exit_0, exit_0->value, cw, problems) && ok;
        rule.exit_0 = cw;
        rule.exit_0_note = value_or(block, "note-exit-0", "");
    }
    rule.restarted_note = value_or(block, "note-restarted", "");
    if (const RuleEntry* message = entry_of(block, "when-message")) {
        CauseWeight cw;
        ok = parse_cause_weight(block, *message, message->value, cw, problems) && ok;
        rule.with_message = cw;
    }
    if (const RuleEntry* kinds = entry_of(block, "ends-normally")) {
        std::istringstream words(kinds->value);
        for (std::string word; words >> word;) {
            if (word != "init" && word != "ephemeral" && word != "run-once") {
                problems.push_back({block.where(*kinds), "`ends-normally` lists init, ephemeral or run-once; not `" +
                                                             word + "`"});
                ok = false;
            }
            rule.ends_normally.push_back(word);
        }
    }
    if (ok) {
        g.reasons[rule.name] = std::move(rule);
    }
}

// `cites = memory-limit probes …`: the evidence kinds a finding of this cause quotes.
bool parse_cites(const RuleBlock& block, std::vector<CitedEvidence>& out, std::vector<GrammarProblem>& problems) {
    const RuleEntry* entry = entry_of(block, "cites");
    if (entry == nullptr) {
        return true;
    }
    static const std::map<std::string, CitedEvidence> known = {{"memory-limit", CitedEvidence::memory_limit},
                                                               {"probes", CitedEvidence::probes},
                                                               {"subpath-mounts", CitedEvidence::subpath_mounts},
                                                               {"pod-reason", CitedEvidence::pod_reason}};
    std::istringstream words(entry->value);
    std::string word;
    bool ok = true;
    while (words >> word) {
        auto it = known.find(word);
        if (it == known.end()) {
            problems.push_back({block.where(*entry), "`cites` lists memory-limit, probes, subpath-mounts or "
                                                     "pod-reason; not `" + word + "`"});
            ok = false;
            continue;
        }
        out.push_back(it->second);
    }
    return ok;
}

// `1 134` -> {1, 134}; empty when a word is not an exit code 0-255.
std::vector<long long> exit_codes_of(const std::string& text) {
    std::vector<long long> codes;
    std::istringstream words(text);
    for (std::string word; words >> word;) {
        long long code = 0;
        if (!parse_int(word, code) || code < 0 || code > 255) {
            return {};
        }
        codes.push_back(code);
    }
    return codes;
}

void build_cause(const RuleBlock& block, Grammar& g, std::vector<GrammarProblem>& problems) {
    if (!is_contract_cause(block.id)) {
        problems.push_back({block.where(), "cause `" + block.id + "` is not in the JSON contract's closed list"});
        return;
    }
    CauseInfo info;
    info.name = block.id;
    info.title = value_or(block, "title", "");
    info.summary = value_or(block, "summary", "");
    info.remediation = values_of(block, "remediation");
    info.remediation_without_log = values_of(block, "remediation-without-log");
    info.source = block.where();
    bool ok = parse_yes_no(block, "needs-process", false, info.needs_process, problems);
    ok = parse_cites(block, info.cites, problems) && ok;
    if (const RuleEntry* rank = entry_of(block, "rank")) {
        long long value = 0;
        if (!parse_int(rank->value, value) || value < 0 || value > 9) {
            problems.push_back({block.where(*rank), "`rank` is a number 0-9 (higher names the report's title)"});
            ok = false;
        }
        info.rank = static_cast<int>(value);
    }
    info.possible = value_or(block, "possible", "");
    info.settle = value_or(block, "settle", "");
    if (const RuleEntry* events = entry_of(block, "needs-event")) {
        std::istringstream words(events->value);
        for (std::string word; words >> word;) {
            info.needs_event.push_back(word);  // checked against the event rules once all are loaded
        }
    }
    for (const RuleEntry& entry : block.entries) {
        if (entry.key != "exit-note") {
            continue;
        }
        // `0 143: sentence`
        const std::size_t colon = entry.value.find(':');
        std::vector<long long> codes = exit_codes_of(entry.value.substr(0, colon == std::string::npos ? 0 : colon));
        const std::string sentence = colon == std::string::npos ? "" : std::string(trim(entry.value.substr(colon + 1)));
        if (codes.empty() || sentence.empty()) {
            problems.push_back({block.where(entry), "`exit-note` is `CODE CODE…: sentence` with codes 0-255"});
            ok = false;
            continue;
        }
        info.exit_notes.emplace_back(std::move(codes), sentence);
    }
    if (ok) {
        g.causes[block.id] = std::move(info);
    }
}

void build_runtime(const RuleBlock& block, Grammar& g, const LoadOptions& load, std::vector<GrammarProblem>& problems) {
    RuntimeRule rule;
    rule.id = block.id;
    bool compiled = compile(block, "pattern", load, rule.pattern, problems);
    rule.scope = value_or(block, "scope", "chain");
    rule.cause = value_or(block, "cause", "");
    rule.explain = value_or(block, "explain", "");
    rule.remediation = values_of(block, "remediation");
    rule.examples = examples_of(block, problems);
    rule.source = block.where();
    bool ok = compiled && check_cause(block, problems);
    if (rule.scope != "chain" && rule.scope != "innermost") {
        problems.push_back({block.where(*entry_of(block, "scope")), "`scope` is `chain` or `innermost`"});
        ok = false;
    }
    if (ok) {
        g.runtime_rules.push_back(std::move(rule));
    }
}

void build_event(const RuleBlock& block, Grammar& g, const LoadOptions& load, std::vector<GrammarProblem>& problems) {
    EventRule rule;
    rule.id = block.id;
    bool compiled = compile(block, "reason", load, rule.reason, problems);
    compiled = compile(block, "pattern", load, rule.pattern, problems) && compiled;
    rule.cause = value_or(block, "cause", "");
    rule.explain = value_or(block, "explain", "");
    rule.examples = examples_of(block, problems);
    rule.source = block.where();
    bool ok = compiled && check_cause(block, problems);
    auto effect = parse_event_effect(value_or(block, "effect", "supports"));
    if (!effect) {
        problems.push_back({block.where(*entry_of(block, "effect")), "`effect` is confirms, supports or seen"});
        ok = false;
    }
    rule.effect = effect.value_or(EventEffect::supports);
    if (const RuleEntry* outranks = entry_of(block, "outranks")) {
        std::istringstream words(outranks->value);
        for (std::string word; words >> word;) {
            if (!is_contract_cause(word)) {
                problems.push_back({block.where(*outranks), "`outranks` lists causes of the JSON contract; not `" +
                                                                word + "`"});
                ok = false;
            }
            rule.outranks.push_back(word);
        }
    }
    if (ok) {
        g.event_rules.push_back(std::move(rule));
    }
}

void build_kernel(const RuleBlock& block, Grammar& g, std::vector<GrammarProblem>& problems) {
    KernelRule rule;
    rule.id = block.id;
    rule.event = value_or(block, "event", "");
    rule.scope = value_or(block, "scope", "");
    rule.cause = value_or(block, "cause", "");
    rule.explain = value_or(block, "explain", "");
    rule.examples = examples_of(block, problems);
    rule.source = block.where();
    bool ok = check_cause(block, problems);
    static const std::set<std::string> events = {"oom-kill", "segfault", "page-allocation-failure", "boot",
                                                 "userspace-oom-kill"};
    if (!events.contains(rule.event)) {
        problems.push_back({block.where(*entry_of(block, "event")),
                            "`event` is oom-kill, segfault, page-allocation-failure, boot or userspace-oom-kill"});
        ok = false;
    }
    if (!rule.scope.empty() && (rule.event != "oom-kill" || (rule.scope != "memcg" && rule.scope != "global"))) {
        problems.push_back({block.where(*entry_of(block, "scope")), "`scope` is memcg or global, for an oom-kill only"});
        ok = false;
    }
    if (const RuleEntry* outranks = entry_of(block, "outranks")) {
        std::istringstream words(outranks->value);
        for (std::string word; words >> word;) {
            if (!is_contract_cause(word)) {
                problems.push_back({block.where(*outranks), "`outranks` lists causes of the JSON contract; not `" +
                                                                word + "`"});
                ok = false;
            }
            rule.outranks.push_back(word);
        }
    }
    if (ok) {
        g.kernel_rules.push_back(std::move(rule));
    }
}

void build_crash(const RuleBlock& block, Grammar& g, const LoadOptions& load, std::vector<GrammarProblem>& problems) {
    CrashRule rule;
    rule.id = block.id;
    bool ok = compile(block, "pattern", load, rule.pattern, problems);
    if (entry_of(block, "trace") != nullptr) {
        LazyRegex trace;
        ok = compile(block, "trace", load, trace, problems) && ok;
        rule.trace = std::move(trace);
    }
    if (entry_of(block, "detail") != nullptr) {
        LazyRegex detail;
        ok = compile(block, "detail", load, detail, problems) && ok;
        if (ok && detail.get().NumberOfCapturingGroups() < 1) {
            problems.push_back({block.where(*entry_of(block, "detail")), "`detail` needs a group: the text it names"});
            ok = false;
        }
        rule.detail = std::move(detail);
    }
    ok = parse_yes_no(block, "detail-first", false, rule.detail_first, problems) && ok;
    rule.literals = values_of(block, "literal");
    rule.cause = value_or(block, "cause", "");
    rule.explain = value_or(block, "explain", "");
    rule.remediation = values_of(block, "remediation");
    rule.examples = examples_of(block, problems);
    rule.source = block.where();
    ok = check_cause(block, problems) && ok;
    ok = parse_yes_no(block, "fatal", true, rule.fatal, problems) && ok;
    if (const RuleEntry* exits = entry_of(block, "exits")) {
        rule.exits = exit_codes_of(exits->value);
        if (rule.exits.empty()) {
            problems.push_back({block.where(*exits), "`exits` is a list of exit codes 0-255"});
            ok = false;
        }
    }
    for (const RuleEntry& entry : block.entries) {
        if (entry.key == "literal" && entry.value.find('\n') != std::string::npos) {
            problems.push_back({block.where(entry), "a `literal` is one line of text"});
            ok = false;
        }
    }
    if (ok) {
        g.crash_rules.push_back(std::move(rule));
    }
}

void build_clue(const RuleBlock& block, Grammar& g, const LoadOptions& load, std::vector<GrammarProblem>& problems) {
    ClueRule rule;
    rule.id = block.id;
    bool ok = compile(block, "pattern", load, rule.pattern, problems);
    rule.cause = value_or(block, "cause", "");
    rule.explain = value_or(block, "explain", "");
    rule.examples = examples_of(block, problems);
    rule.source = block.where();
    ok = check_cause(block, problems) && ok;
    std::istringstream words(value_or(block, "in", ""));
    for (std::string word; words >> word;) {
        if (word != "command" && word != "args" && word != "env" && word != "probe") {
            problems.push_back({block.where(*entry_of(block, "in")), "`in` lists command, args, env or probe; not `" + word + "`"});
            ok = false;
        }
        rule.where.push_back(word);
    }
    const std::string effect = value_or(block, "effect", "");
    if (effect != "raises" && effect != "lowers") {
        problems.push_back({block.where(*entry_of(block, "effect")), "`effect` is raises or lowers"});
        ok = false;
    }
    rule.raises = effect == "raises";
    const std::string needs = value_or(block, "needs", "");
    if (!needs.empty() && needs != "memory-limit") {
        problems.push_back({block.where(*entry_of(block, "needs")), "`needs` is memory-limit"});
        ok = false;
    }
    rule.needs_limit = needs == "memory-limit";
    if (ok) {
        g.clue_rules.push_back(std::move(rule));
    }
}

}  // namespace

void build_rule(const RuleBlock& block, Grammar& g, const LoadOptions& load, std::vector<GrammarProblem>& problems) {
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
    } else if (block.type == "crash") {
        build_crash(block, g, load, problems);
    } else if (block.type == "clue") {
        build_clue(block, g, load, problems);
    } else if (block.type == "cause") {
        build_cause(block, g, problems);
    } else if (block.type == "runtime") {
        build_runtime(block, g, load, problems);
    } else if (block.type == "event") {
        build_event(block, g, load, problems);
    } else if (block.type == "kernel") {
        build_kernel(block, g, problems);
    }
}

void check_complete(const Grammar& g, const std::string& where, std::vector<GrammarProblem>& problems) {
    for (const std::string_view cause : contract_causes()) {
        if (g.cause(cause) == nullptr) {
            problems.push_back({where, "no `cause " + std::string(cause) +
                                           "` rule: every cause of the contract needs a title and remediation"});
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
