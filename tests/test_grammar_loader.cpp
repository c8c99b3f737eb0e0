// Grammar loading: the shipped grammars load clean; each broken fixture is refused with FILE:LINE.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grammar/grammar_loader.hpp"
#include "grammar/rule_checks.hpp"
#include "pipeline/grammar_examples.hpp"

using namespace pm;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string format_problems(const std::vector<GrammarProblem>& problems) {
    std::string out;
    for (const auto& p : problems) {
        out += p.source + ": " + p.message + "\n";
    }
    return out;
}

}  // namespace

TEST_SUITE("grammar_loader") {

// The built-in grammar is trusted at run time (patterns compile lazily, examples are not re-run):
// this test is what earns that trust.
TEST_CASE("shipped grammars validate whole: patterns, examples through the real stages, completeness") {
    std::vector<GrammarProblem> problems;
    auto g = load_grammar(builtin_grammar_sources(), problems, LoadOptions{true});
    check_grammar_examples(*g, problems);
    check_complete(*g, "grammars", problems);
    CHECK(format_problems(problems) == "");
    CHECK(g->runtime_rules.size() >= 10);
    CHECK(g->event_rules.size() >= 8);
    CHECK(g->causes.size() == contract_causes().size());
}

TEST_CASE("the embedded grammars are the files in grammars/") {
    std::vector<GrammarProblem> problems;
    auto from_dir = grammar_sources_from_dir(std::string(PM_SOURCE_DIR) + "/grammars", problems);
    auto embedded = builtin_grammar_sources();
    REQUIRE(from_dir.size() == embedded.size());
    for (size_t i = 0; i < embedded.size(); ++i) {
        CAPTURE(embedded[i].name);
        CHECK(from_dir[i].text == embedded[i].text);
    }
}

TEST_CASE("each broken fixture is refused with the expected FILE:LINE messages") {
    fs::path dir = fs::path(PM_SOURCE_DIR) / "tests/data/bad_grammars";
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".rules") {
            cases.push_back(entry.path());
        }
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 12);
    bool update = std::getenv("PODMORTEM_UPDATE_GOLDEN") != nullptr;
    for (const auto& path : cases) {
        CAPTURE(path.filename().string());
        std::vector<GrammarProblem> problems;
        std::string name = "tests/data/bad_grammars/" + path.filename().string();
        auto g = load_grammar({{name, slurp(path)}}, problems, LoadOptions{true});
        if (problems.empty()) {
            check_grammar_examples(*g, problems);
        }
        std::string got = format_problems(problems);
        CHECK_FALSE(got.empty());
        fs::path expected_path = path;
        expected_path.replace_extension(".expected");
        if (update) {
            std::ofstream(expected_path, std::ios::binary) << got;
            continue;
        }
        CHECK(got == slurp(expected_path));
    }
}

TEST_CASE("problems are all reported at once, not only the first") {
    std::vector<GrammarProblem> problems;
    load_grammar({{"a.rules", "signal 1\n  name = SIGHUP\n  colour = red\nexit 999\n  label = x\n  meaning = y\n"
                               "  causes = app-error:high\nruntime r\n  pattern = (\n"}},
                 problems, LoadOptions{true});
    CHECK(problems.size() >= 4);
    CHECK(format_problems(problems).find("a.rules:3: unknown key `colour`") != std::string::npos);
    CHECK(format_problems(problems).find("a.rules:4: exit rule `999`") != std::string::npos);
}

}  // TEST_SUITE
