// The JSON emitter: string escaping (controls, invalid UTF-8), commas, indentation, numbers.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <optional>
#include <string>

#include "report/json_text.hpp"

using namespace pm;

TEST_SUITE("json_text") {

TEST_CASE("pm::append_json_string") {
    struct EscapeCase {
        const char* name;
        std::string input;
        std::string expected;
    };
    const EscapeCase cases[] = {
        {"plain", "OOMKilled", "\"OOMKilled\""},
        {"quotes and backslashes", "exec: \"/bin/x\" C:\\app", "\"exec: \\\"/bin/x\\\" C:\\\\app\""},
        {"short escapes", "a\bb\fc\nd\re\tf", "\"a\\bb\\fc\\nd\\re\\tf\""},
        {"other controls", std::string("nul\0soh\x01 esc\x1b[31m", 17), "\"nul\\u0000soh\\u0001 esc\\u001b[31m\""},
        {"del and c1", "x\x7f y\xc2\x85", "\"x\\u007f y\\u0085\""},
        {"bidi overrides", "user\u202Egnp.exe\u2066", "\"user\\u202egnp.exe\\u2066\""},
        {"soft hyphen, mongolian separator, CGJ, hangul filler", "a\u00AD b\u180E c\u034F d\u3164",
         "\"a\\u00ad b\\u180e c\\u034f d\\u3164\""},
        {"interlinear annotation", "x\uFFF9hidden\uFFFBy", "\"x\\ufff9hidden\\ufffby\""},
        {"tag characters as surrogate pairs", "ok\U000E0041\U000E007F", "\"ok\\udb40\\udc41\\udb40\\udc7f\""},
        {"valid multi-byte kept", "caf\u00e9 \u4e2d\u6587 \U0001F600", "\"caf\u00e9 \u4e2d\u6587 \U0001F600\""},
        {"lone continuation byte", "a\x80z", "\"a\uFFFDz\""},
        {"invalid lead", "a\xff\xfez", "\"a\uFFFD\uFFFDz\""},
        {"overlong slash", "a\xc0\xafz", "\"a\uFFFD\uFFFDz\""},
        {"surrogate", "a\xed\xa0\x80z", "\"a\uFFFD\uFFFD\uFFFDz\""},
        {"above U+10FFFF", "a\xf4\x90\x80\x80z", "\"a\uFFFD\uFFFD\uFFFD\uFFFDz\""},
        {"truncated at end", "a\xe2\x82", "\"a\uFFFD\uFFFD\""},
        {"empty", "", "\"\""},
    };
    for (const EscapeCase& c : cases) {
        INFO("case: " << std::string(c.name));
        std::string out;
        append_json_string(out, c.input);
        CHECK(out == c.expected);
    }
}

// The escaper reads plain ASCII eight bytes at a time: every byte value, at every position of a
// 24-byte text, must come out as the same text escaped one character at a time would.
TEST_CASE("pm::append_json_string: word-at-a-time scan matches per-byte escaping") {
    const auto escape_one = [](unsigned char c) {
        std::string one;
        append_json_string(one, std::string(1, static_cast<char>(c)));
        return one.substr(1, one.size() - 2);
    };
    for (int value = 0; value < 0x80; ++value) {
        for (std::size_t at = 0; at < 24; ++at) {
            std::string text(24, 'a');
            text[at] = static_cast<char>(value);
            std::string expected = "\"";
            for (const char c : text) {
                expected += escape_one(static_cast<unsigned char>(c));
            }
            expected += '"';
            std::string out;
            append_json_string(out, text);
            INFO("byte " << value << " at " << at);
            CHECK(out == expected);
        }
    }
    // A non-ASCII byte anywhere in a word leaves the fast path too: U+00E9 stays whole.
    for (std::size_t at = 0; at + 1 < 24; ++at) {
        std::string text(22, 'b');
        text.insert(at, "\xc3\xa9");
        std::string out;
        append_json_string(out, text);
        CHECK(out == "\"" + text + "\"");
    }
}

TEST_CASE("pm::JsonText") {
    struct EmitCase {
        const char* name;
        std::function<void(JsonText&)> emit;
        std::string expected;
    };
    const EmitCase cases[] = {
        {"empty object", [](JsonText& j) { j.begin_object(); j.end_object(); }, "{}\n"},
        {"empty array in object",
         [](JsonText& j) {
             j.begin_object();
             j.key("message_chain");
             j.begin_array();
             j.end_array();
             j.end_object();
         },
         "{\n  \"message_chain\": []\n}\n"},
        {"commas and nesting",
         [](JsonText& j) {
             j.begin_object();
             j.key("a");
             j.int_value(1LL);
             j.key("b");
             j.begin_array();
             j.opt_string_value(std::optional<std::string>("x"));
             j.opt_string_value(std::nullopt);
             j.bool_value(std::optional<bool>(false));
             j.end_array();
             j.key("c");
             j.int_value(std::optional<long long>());
             j.end_object();
         },
         "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    null,\n    false\n  ],\n  \"c\": null\n}\n"},
        {"uptime decimals", [](JsonText& j) { j.double_value(8123.402117, 6); }, "8123.402117\n"},
        {"trailing zeros dropped", [](JsonText& j) { j.double_value(12.5, 6); }, "12.5\n"},
        {"whole number keeps a decimal", [](JsonText& j) { j.double_value(3.0, 6); }, "3.0\n"},
        {"negative zero", [](JsonText& j) { j.double_value(-0.0, 6); }, "0.0\n"},
        {"nan is null", [](JsonText& j) { j.double_value(std::nan(""), 6); }, "null\n"},
        {"infinity is null", [](JsonText& j) { j.double_value(HUGE_VAL, 6); }, "null\n"},
        {"large finite", [](JsonText& j) { j.double_value(1e20, 3); }, "100000000000000000000.0\n"},
    };
    for (const EmitCase& c : cases) {
        INFO("case: " << std::string(c.name));
        JsonText json;
        c.emit(json);
        const std::string out = json.finish();
        CHECK(out == c.expected);
    }
}

}  // TEST_SUITE
