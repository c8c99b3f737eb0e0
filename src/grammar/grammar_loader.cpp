#include "grammar/grammar_loader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "grammar/embedded.hpp"
#include "grammar/rule_checks.hpp"

namespace pm {

namespace {

// What each rule type accepts: the one table the loader, the checks and grammars/README.md follow.
struct KeySpec {
    const char* key;
    bool required;
    bool repeatable;
};

struct TypeSpec {
    const char* type;
    std::vector<KeySpec> keys;
};

const std::vector<TypeSpec>& type_specs() {
    static const std::vector<TypeSpec> specs = {
        {"signal", {{"name", true, false}, {"meaning", true, false}}},
        {"exit", {{"label", true, false}, {"meaning", true, false}, {"causes", true, false}}},
        {"ntstatus",
         {{"name", true, false},
          {"meaning", true, false},
          {"causes", true, false},
          {"summary", false, false},
          {"remediation", false, true}}},
        {"reason",
         {{"state", true, false},
          {"meaning", true, false},
          {"causes", false, false},
          {"classify", false, false},
          {"exit-code", false, false},
          {"crashing", false, false},
          {"when-exit-0", false, false},
          {"note-exit-0", false, false},
          {"note-restarted", false, false},
          {"ends-normally", false, false},
          {"when-message", false, false}}},
        {"cause",
         {{"title", true, false},
          {"summary", true, false},
          {"remediation", true, true},
          {"remediation-without-log", false, true},
          {"needs-process", false, false},
          {"cites", false, false},
          {"rank", false, false},
          {"possible", false, false},
          {"settle", false, false},
          {"needs-event", false, false},
          {"exit-note", false, true}}},
        {"runtime",
         {{"pattern", true, false},
          {"scope", false, false},
          {"cause", true, false},
          {"explain", true, false},
          {"remediation", false, true},
          {"example", true, true},
          {"expect-innermost", false, true}}},
        {"crash",
         {{"literal", true, true},
          {"pattern", true, false},
          {"trace", false, false},
          {"cause", true, false},
          {"fatal", false, false},
          {"exits", false, false},
          {"detail", false, false},
          {"detail-first", false, false},
          {"explain", true, false},
          {"remediation", false, true},
          {"example", true, true}}},
        {"clue",
         {{"in", true, false},
          {"pattern", true, false},
          {"cause", true, false},
          {"effect", true, false},
          {"needs", false, false},
          {"explain", true, false},
          {"example", true, true}}},
        {"kernel",
         {{"event", true, false},
          {"scope", false, false},
          {"cause", true, false},
          {"outranks", false, false},
          {"explain", true, false},
          {"example", true, true}}},
        {"event",
         {{"reason", true, false},
          {"pattern", true, false},
          {"cause", true, false},
          {"effect", false, false},
          {"outranks", false, false},
          {"explain", true, false},
          {"example", true, true}}},
    };
    // check_keys marks the keys it saw in 64 bits: a table that outgrew them is a programming error.
    static const bool fits = std::all_of(specs.begin(), specs.end(), [](const TypeSpec& t) { return t.keys.size() <= 64; });
    if (!fits) {
        std::abort();
    }
    return specs;
}

const TypeSpec* find_type(const std::string& type) {
    for (const auto& spec : type_specs()) {
        if (type == spec.type) {
            return &spec;
        }
    }
    return nullptr;
}

std::string type_list() {
    std::string out;
    for (const auto& spec : type_specs()) {
        out += out.empty() ? "" : ", ";
        out += spec.type;
    }
    return out;
}

// Checks keys against the type's table; returns false when the block cannot be built. Which keys
// were seen is a bit per table entry (type_specs() keeps every table under 64 keys): every run
// loads the built-in grammar, so this stays allocation-free.
bool check_keys(const RuleBlock& block, const TypeSpec& spec, std::vector<GrammarProblem>& problems) {
    bool ok = true;
    std::uint64_t seen = 0;
    for (const auto& entry : block.entries) {
        auto it = std::find_if(spec.keys.begin(), spec.keys.end(),
                               [&](const KeySpec& k) { return entry.key == k.key; });
        if (it == spec.keys.end()) {
            std::string known;
            for (const auto& k : spec.keys) {
                known += known.empty() ? "" : ", ";
                known += k.key;
            }
            problems.push_back({block.where(entry), "unknown key `" + entry.key + "` in " + block.type +
                                                        " rule `" + block.id + "`; known keys: " + known});
            ok = false;
            continue;
        }
        const std::uint64_t bit = std::uint64_t{1} << static_cast<unsigned>(it - spec.keys.begin());
        if (!it->repeatable && (seen & bit) != 0) {
            problems.push_back({block.where(entry), "key `" + entry.key + "` given twice in " + block.type + " rule `" +
                                                        block.id + "`; only `example`-like keys may repeat"});
            ok = false;
        }
        seen |= bit;
        if (entry.value.empty()) {
            problems.push_back({block.where(entry), "key `" + entry.key + "` has no value"});
            ok = false;
        }
    }
    for (std::size_t k = 0; k < spec.keys.size(); ++k) {
        if (spec.keys[k].required && (seen & (std::uint64_t{1} << k)) == 0) {
            problems.push_back({block.where(), block.type + " rule `" + block.id + "` is missing the required key `" +
                                                   spec.keys[k].key + "`"});
            ok = false;
        }
    }
    return ok;
}

}  // namespace

std::shared_ptr<const Grammar> load_grammar(const std::vector<GrammarSource>& files,
                                            std::vector<GrammarProblem>& problems, const LoadOptions& load) {
    auto grammar = std::make_shared<Grammar>();
    std::vector<RuleBlock> blocks;
    for (const auto& file : files) {
        auto parsed = parse_rules_file(file.name, file.text, problems);
        for (auto& block : parsed) {
            blocks.push_back(std::move(block));
        }
    }
    std::map<std::string, const RuleBlock*> first_seen;  // "type id" -> its first block
    for (const auto& block : blocks) {
        const TypeSpec* spec = find_type(block.type);
        if (spec == nullptr) {
            problems.push_back({block.where(), "unknown rule type `" + block.type + "`; known types: " + type_list()});
            continue;
        }
        // Reasons are printed as kubelet/CRI-O spell them, and CRI-O's `seccomp killed` has a space.
        bool spaced_ok = block.type == "reason";
        if (block.id.empty() || (!spaced_ok && block.id.find_first_of(" \t") != std::string::npos)) {
            problems.push_back({block.where(), "a rule id is one word; found `" + block.id + "`"});
            continue;
        }
        auto key = block.type + " " + block.id;
        auto [it, inserted] = first_seen.emplace(std::move(key), &block);
        if (!inserted) {
            problems.push_back({block.where(), block.type + " rule `" + block.id + "` is defined twice (first at " +
                                                   it->second->where() + ")"});
            continue;
        }
        if (!check_keys(block, *spec, problems)) {
            continue;
        }
        build_rule(block, *grammar, load, problems);
    }
    // Names one rule gives another must exist once every file is read.
    for (const auto& [name, info] : grammar->causes) {
        for (const std::string& id : info.needs_event) {
            const bool known = std::any_of(grammar->event_rules.begin(), grammar->event_rules.end(),
                                           [&](const EventRule& e) { return e.id == id; });
            if (!known) {
                std::string message = "cause `" + name + "`: `needs-event` names `";
                message += id;
                message += "`, which is no event rule";
                problems.push_back({info.source, std::move(message)});
            }
        }
    }
    return grammar;
}

std::vector<GrammarSource> builtin_grammar_sources() {
    std::vector<GrammarSource> out;
    for (const auto& file : embedded_grammars()) {
        out.push_back({file.name, file.text});
    }
    return out;
}

std::vector<GrammarSource> grammar_sources_from_dir(const std::string& dir, std::vector<GrammarProblem>& problems) {
    namespace fs = std::filesystem;
    std::vector<GrammarSource> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        problems.push_back({dir, "not a directory: give --grammars a folder of *.rules files"});
        return out;
    }
    std::vector<fs::path> paths;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".rules" && it->is_regular_file(ec)) {
            paths.push_back(it->path());
        }
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in && !in.eof()) {
            problems.push_back({path.string(), "cannot read this grammar file"});
            continue;
        }
        out.push_back({path.string(), text.str()});
    }
    if (out.empty()) {
        problems.push_back({dir, "no *.rules files in this folder"});
    }
    return out;
}

const Grammar& builtin_grammar() {
    static const std::shared_ptr<const Grammar> grammar = [] {
        std::vector<GrammarProblem> problems;
        auto loaded = load_grammar(builtin_grammar_sources(), problems);
        if (!problems.empty()) {
            for (const auto& p : problems) {
                std::cerr << p.source << ": " << p.message << "\n";
            }
            std::cerr << "podmortem: the built-in grammars are invalid; this is a bug in this build\n";
            std::abort();
        }
        return loaded;
    }();
    return *grammar;
}

}  // namespace pm
