// A small streaming JSON emitter: compact or pretty-printed (2 spaces), always valid UTF-8, no dependencies.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/output_sink.hpp"

namespace pm {

// Appends `text` as a JSON string literal, quotes included. Escapes `"`, `\`, every control
// character (short forms \b \f \n \r \t, else \u00XX), DEL, C1 controls and invisible
// direction marks; invalid UTF-8 becomes U+FFFD, so the output is valid UTF-8 whatever the input.
void append_json_string(std::string& out, std::string_view text);

// Writes one JSON document. Callers pair begin/end calls and call key() before each value inside
// an object; the emitter places commas, newlines and indentation. Empty containers print as
// `[]` / `{}`.
class JsonText {
public:
    // Without a sink the document is kept for finish(); with one it is written out in pieces.
    // Pretty output puts every member and element on its own line, indented by 2 spaces a level;
    // compact output has no whitespace at all.
    explicit JsonText(OutputSink* sink = nullptr, bool pretty = true) : m_sink(sink), m_pretty(pretty) {}

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    // `name` is one of the contract's keys: plain ASCII, written without escaping.
    void key(std::string_view name);

    void string_value(std::string_view text);
    // A string already escaped (by append_json_string without its quotes): written as it is.
    void raw_string_value(std::string_view escaped);
    // A whole JSON value this emitter wrote before (compact), written again as it is.
    void encoded_value(std::string_view json);
    void opt_string_value(const std::optional<std::string>& text);  // null when unset
    void int_value(long long number);
    void int_value(const std::optional<long long>& number);     // null when unset
    void bool_value(bool flag);
    void bool_value(const std::optional<bool>& flag);           // null when unset
    // Fixed-point with at most `max_decimals` digits, trailing zeros dropped (one kept);
    // null when the value is not finite (JSON has no NaN/Infinity).
    void double_value(double number, int max_decimals);
    void null_value();

    // The document so far, ending in one "\n" (what the sink has not taken). Leaves the emitter empty.
    std::string finish();

    // For rendering the elements [first, …) of an array `depth` levels deep on their own (in
    // parallel): the emitter starts inside such an array, `first` elements already written.
    void resume_array(std::size_t depth, std::size_t first);
    // What was written since (the elements, with their separators), without closing anything.
    std::string take_text();
    // Writes text rendered by another emitter into this document, and counts `elements` more
    // elements in the array now open.
    void splice(std::string_view text, std::size_t elements);
    // Room for `bytes` of output without regrowing the buffer (a batch's size is known roughly).
    void reserve(std::size_t bytes);
    // Without a sink nothing leaves the buffer: what was written since written() returned `at`
    // can be read back (a finding written once, copied where it appears again).
    bool buffered() const { return m_sink == nullptr; }
    std::size_t written() const { return m_out.size(); }
    std::string_view text_since(std::size_t at) const { return std::string_view(m_out).substr(at); }

private:
    struct Level {
        bool is_object = false;
        std::size_t count = 0;
    };
    void before_value();
    void newline_and_indent();

    void flush_if_large();
    static constexpr std::size_t k_direct_bytes = 64 << 10;

    OutputSink* m_sink = nullptr;
    std::string m_out;
    std::vector<Level> m_levels;
    bool m_after_key = false;
    bool m_pretty = true;
};

}  // namespace pm
