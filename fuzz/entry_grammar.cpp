// fuzz_grammar: a .rules file, loaded and validated; one that loads runs its own examples, and
// every problem names FILE:LINE inside the file.
#include <charconv>

#include "entries.hpp"
#include "grammar/grammar_loader.hpp"
#include "pipeline/grammar_examples.hpp"

namespace pm::fuzz {

void grammar(std::string_view data) {
    constexpr std::string_view k_target = "grammar";
    std::vector<GrammarProblem> problems;
    const std::string name = "fuzz.rules";
    LoadOptions load;
    load.validate = true;
    const auto loaded = load_grammar({GrammarSource{name, std::string(data)}}, problems, load);
    std::size_t lines = 1;
    for (char c : data) {
        lines += c == '\n';
    }
    for (const GrammarProblem& p : problems) {
        if (!p.source.starts_with(name + ":")) {
            fail(k_target, "a problem does not name the file");
        }
        const std::string_view number = std::string_view(p.source).substr(name.size() + 1);
        std::size_t line = 0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), line);
        if (ec != std::errc() || end != number.data() + number.size() || line == 0 || line > lines) {
            fail(k_target, "a problem names a line the file does not have");
        }
        if (p.message.empty()) {
            fail(k_target, "a problem has no message");
        }
    }
    if (loaded && problems.empty()) {
        check_grammar_examples(*loaded, problems);
    }
}

}  // namespace pm::fuzz
