// Shared text helpers: cutting evidence at a character boundary, with its mark.
#include <doctest/doctest.h>

#include <string>

#include "base/text.hpp"

using namespace pm;

TEST_SUITE("text") {

TEST_CASE("pm::cut_with_mark") {
    const struct {
        const char* name;
        std::string text;
        std::size_t max;
        std::string expected;
    } cases[] = {
        {"fits", "abc", 3, "abc"},
        {"ASCII cut, mark counted in the budget", "abcdefgh", 6, "abc\u2026"},
        {"never splits a 3-byte character", "ab\u4e2d\u6587", 7, "ab\u2026"},
        {"a 4-byte character at the cut", "a\U0001F600bcd", 6, "a\u2026"},
        {"budget below the mark", "abcdef", 2, "\u2026"},
        {"empty", "", 0, ""},
    };
    for (const auto& c : cases) {
        INFO("case: " << std::string(c.name));
        const std::string out = cut_with_mark(c.text, c.max);
        CHECK(out == c.expected);
        CHECK(out.size() <= std::max<std::size_t>(c.max, 3));
    }
}

}  // TEST_SUITE
