// Markdown quoting primitives: code spans, escaped prose and fenced blocks for untrusted text.
#include <doctest/doctest.h>

#include <string>

#include "report/markdown_text.hpp"

using namespace pm;

namespace {

struct QuoteCase {
    const char* name;
    std::string input;
    MdPlace place;
    std::string expected;
};

}  // namespace

TEST_SUITE("markdown_text") {

TEST_CASE("pm::md_code") {
    const std::string a1001(1001, 'a');
    const QuoteCase cases[] = {
        {"plain", "OOMKilled", MdPlace::block, "`OOMKilled`"},
        {"backtick inside", "a`b", MdPlace::block, "``a`b``"},
        {"backticks at the edges", "`x`", MdPlace::block, "`` `x` ``"},
        {"longest run decides the fence", "``` and `", MdPlace::block, "```` ``` and ` ````"},
        {"edge spaces kept", " x ", MdPlace::block, "`  x  `"},
        {"pipe in a table cell", "a|b", MdPlace::table_cell, "`a\\|b`"},
        {"pipe outside a table", "a|b", MdPlace::block, "`a|b`"},
        {"newlines marked", "line1\n# Heading\r\n| a | b |", MdPlace::block, "`line1 \u23CE # Heading \u23CE | a | b |`"},
        {"lone CR is a line end too", "a\rb", MdPlace::block, "`a \u23CE b`"},
        {"escape sequence made visible", "\x1b[31mred\x07", MdPlace::block, "`\\x1B[31mred\\x07`"},
        {"bidi override made visible", "abc\u202Eevil\u2066", MdPlace::block, "`abc\\u202Eevil\\u2066`"},
        {"format characters made visible", "a\u00ADb\u180Ec\uFFFAd", MdPlace::block, "`a\\xADb\\u180Ec\\uFFFAd`"},
        {"tag block made visible", "ok\U000E0041", MdPlace::block, "`ok\\U000E0041`"},
        {"blank fillers made visible", "x\u034Fy\u3164z", MdPlace::block, "`x\\u034Fy\\u3164z`"},
        {"invalid utf-8 replaced", std::string("a\xff\xc0\xafz"), MdPlace::block, "`a\uFFFD\uFFFD\uFFFDz`"},
        {"tab to space, edge space padded", "\t/app/main.go:12", MdPlace::block, "`  /app/main.go:12 `"},
        {"empty", "", MdPlace::block, "(empty)"},
        {"capped", a1001, MdPlace::block, "`" + std::string(1000, 'a') + "` \u2026 (1 more characters)"},
        {"a run of 31 backticks: fence of 32", "a" + std::string(31, '`'), MdPlace::block,
         std::string(32, '`') + " a" + std::string(31, '`') + " " + std::string(32, '`')},
        // cmark-gfm and GitHub read no fence over 80 backticks: the run is shown escaped instead.
        {"a run of 90 backticks: escaped", "a" + std::string(90, '`') + "b", MdPlace::block,
         "`a" + [] { std::string t; for (int i = 0; i < 90; ++i) { t += "\\x60"; } return t; }() + "b`"},
    };
    for (const QuoteCase& c : cases) {
        INFO("case: " << std::string(c.name));
        CHECK(md_code(c.input, c.place) == c.expected);
    }
}

TEST_CASE("pm::md_prose") {
    const QuoteCase cases[] = {
        {"sentence", "Raise the memory limit.", MdPlace::block, "Raise the memory limit."},
        {"script tag", "<script>alert(1)</script>", MdPlace::block,
         "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"link injection", "[click](javascript:alert(1))", MdPlace::block, "\\[click\\](javascript:alert(1))"},
        {"image injection", "![x](http://evil/x.png)", MdPlace::block, "`![x](http://evil/x.png)`"},
        {"comment", "<!-- x", MdPlace::block, "&lt;\\!-- x"},
        {"heading at start", "# Heading", MdPlace::block, "\\# Heading"},
        {"list marker at start", "- item", MdPlace::block, "\\- item"},
        {"ordered list at start", "12. item", MdPlace::block, "12\\. item"},
        {"thematic break", "---", MdPlace::block, "\\---"},
        {"leading spaces dropped", "    code?", MdPlace::block, "code?"},
        {"our code spans kept", "Raise `resources.limits.memory` now", MdPlace::block,
         "Raise `resources.limits.memory` now"},
        {"unbalanced backtick escaped", "a ` b", MdPlace::block, "a \\` b"},
        {"bare url quoted", "see www.evil.com today", MdPlace::block, "see `www.evil.com` today"},
        {"email quoted", "mail ops@example.com", MdPlace::block, "mail `ops@example.com`"},
        {"pipe in a table", "a|b", MdPlace::table_cell, "a\\|b"},
        {"pipe inside a kept span in a table", "x `a|b` y", MdPlace::table_cell, "x `a\\|b` y"},
        {"entities", "a & b &lt;", MdPlace::block, "a &amp; b &amp;lt;"},
        {"emphasis and math", "*a* _b_ ~c~ $d$", MdPlace::block, "\\*a\\* \\_b\\_ \\~c\\~ \\$d\\$"},
        {"newline", "line1\n# Heading", MdPlace::block, "line1 \u23CE \\# Heading"},
        // Two spans side by side would put their fences together as one longer run: they are one span.
        {"touching spans are one span", "`a``~b~`@x", MdPlace::block, "```a``~b~@x```"},
        {"a span touching a quoted address", "`a`x@y", MdPlace::block, "`ax@y`"},
    };
    for (const QuoteCase& c : cases) {
        INFO("case: " << std::string(c.name));
        CHECK(md_prose(c.input, c.place) == c.expected);
    }
}

TEST_CASE("pm::md_fenced_block") {
    const QuoteCase cases[] = {
        {"panic trace", "panic: boom\n\ngoroutine 1 [running]:\n\t/app/main.go:12 +0x1d\n", MdPlace::block,
         "```\npanic: boom\n\ngoroutine 1 [running]:\n\t/app/main.go:12 +0x1d\n```\n"},
        {"fence inside", "```\nfence", MdPlace::block, "````\n```\nfence\n````\n"},
        {"crlf", "a\r\nb", MdPlace::block, "```\na\nb\n```\n"},
        {"escape", "\x1b]0;title\x07", MdPlace::block, "```\n\\x1B]0;title\\x07\n```\n"},
    };
    for (const QuoteCase& c : cases) {
        INFO("case: " << std::string(c.name));
        CHECK(md_fenced_block(c.input) == c.expected);
    }
}

}  // TEST_SUITE
