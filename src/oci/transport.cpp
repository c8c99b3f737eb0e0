// Finds and decodes the transport wrapping around a runtime error (formats.md §4.4, §4.5 step 1).
#include "oci/transport.hpp"

#include "base/text.hpp"

#include "oci/go_quote.hpp"
#include "oci/unwrap.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace pm::oci {

namespace {

// Log headers and keys sit near the start of a line; values can be megabytes long.
constexpr std::size_t k_search_window = std::size_t{64} * 1024;
constexpr std::size_t k_max_container_name = 1024;

enum class ValueEnd {
    json,    // `"…"` followed by the end, `,`, `}` or `]`
    logfmt,  // `key="…"` followed by the end or another ` key=`
};

bool is_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
        || c == '-';
}

bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::size_t skip_blanks(std::string_view text, std::size_t pos)
{
    while (pos < text.size() && is_blank(text[pos])) {
        ++pos;
    }
    return pos;
}

// Whether a value's closing quote may sit just before `after`.
bool value_ends_at(std::string_view text, std::size_t after, ValueEnd kind)
{
    const std::size_t next = skip_blanks(text, after);
    if (next >= text.size()) {
        return true;
    }
    if (kind == ValueEnd::json) {
        return text[next] == ',' || text[next] == '}' || text[next] == ']';
    }
    if (next == after) {
        return false;
    }
    std::size_t key_end = next;
    while (key_end < text.size() && is_key_char(text[key_end])) {
        ++key_end;
    }
    return key_end > next && key_end < text.size() && text[key_end] == '=';
}

struct QuotedValue {
    std::size_t begin = 0;  // body, without the quotes
    std::size_t end = 0;
    bool truncated = false;
};

// The value whose opening quote is at `open`. When the first unescaped quote cannot end a value
// (Markdown ate the backslashes inside it), the first later quote that can is taken instead.
QuotedValue scan_value(std::string_view text, std::size_t open, ValueEnd kind)
{
    const std::size_t body = open + 1;
    const std::size_t first = find_unescaped_quote(text, body);
    if (first == std::string_view::npos) {
        return QuotedValue{body, text.size(), true};
    }
    for (std::size_t quote = first; quote != std::string_view::npos; quote = find_unescaped_quote(text, quote + 1)) {
        if (value_ends_at(text, quote + 1, kind)) {
            return QuotedValue{body, quote, false};
        }
    }
    return QuotedValue{body, first, false};
}

TransportPeel decoded(std::string_view text, const QuotedValue& value)
{
    TransportPeel peel;
    peel.found = true;
    peel.payload = go_unquote_body(text.substr(value.begin, value.end - value.begin));
    peel.truncated = value.truncated;
    return peel;
}

bool at_word_start(std::string_view text, std::size_t pos)
{
    return pos == 0 || is_blank(text[pos - 1]);
}

// First occurrence of `needle` at a word start within the search window.
std::size_t find_in_window(std::string_view text, std::string_view needle, std::size_t from = 0)
{
    const std::string_view window = text.substr(0, std::min(text.size(), k_search_window + needle.size()));
    std::size_t pos = window.find(needle, from);
    while (pos != std::string_view::npos && !at_word_start(window, pos)) {
        pos = window.find(needle, pos + 1);
    }
    return pos;
}

// `{"log":"…","stream":"stderr"}` (container log files, log shippers) and JSON objects pasted
// from `kubectl get -o json`: the value of the first key naming an error or a message.
std::optional<TransportPeel> peel_json_object(std::string_view text, std::size_t open)
{
    static constexpr std::array<std::string_view, 5> k_keys{
        "\"error\"", "\"err\"", "\"message\"", "\"msg\"", "\"log\""};
    const std::string_view window = text.substr(0, std::min(text.size(), k_search_window));
    for (std::string_view key : k_keys) {
        for (std::size_t at = window.find(key, open); at != std::string_view::npos; at = window.find(key, at + 1)) {
            std::size_t pos = skip_blanks(text, at + key.size());
            if (pos >= text.size() || text[pos] != ':') {
                continue;
            }
            pos = skip_blanks(text, pos + 1);
            if (pos < text.size() && text[pos] == '"') {
                return decoded(text, scan_value(text, pos, ValueEnd::json));
            }
        }
    }
    return std::nullopt;
}

// Old kubelets' FailedSync event and `Error syncing pod` log lines (PodSyncResult.Error(), K10
// sync_result.go): `failed to "StartContainer" for "NAME" with RunContainerError: "…"`.
std::optional<TransportPeel> peel_failed_sync(std::string_view text)
{
    const std::size_t at = text.substr(0, std::min(text.size(), k_search_window)).find("failed to \"");
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    std::size_t pos = at + 11;
    const std::size_t action = pos;
    while (pos < text.size() && is_word_char(text[pos])) {
        ++pos;
    }
    if (pos == action || text.compare(pos, 7, "\" for \"") != 0) {
        return std::nullopt;
    }
    const std::size_t name_close = text.find('"', pos + 7);
    if (name_close == std::string_view::npos || name_close - pos > k_max_container_name
        || text.compare(name_close, 7, "\" with ") != 0) {
        return std::nullopt;
    }
    pos = name_close + 7;
    const std::size_t reason = pos;
    while (pos < text.size() && is_word_char(text[pos])) {
        ++pos;
    }
    if (pos == reason || text.compare(pos, 3, ": \"") != 0) {
        return std::nullopt;
    }
    TransportPeel peel = decoded(text, scan_value(text, pos + 2, ValueEnd::json));
    peel.chain_prefix = text.substr(at, pos - at);  // kubelet's own layer: it names the container
    return peel;
}

// klog (`… "Error syncing pod, skipping" err="…" pod="…"`) and logrus (`time="…" level=error
// msg="…" error="…"`) records, including CRI-O relaying runc's logrus line after its own words.
std::optional<TransportPeel> peel_log_record(std::string_view text, std::size_t from)
{
    static constexpr std::array<std::string_view, 5> k_record_starts{
        "time=\"", "level=", "msg=\"", "err=\"", "error=\""};
    std::size_t start = std::string_view::npos;
    for (std::string_view key : k_record_starts) {
        start = std::min(start, find_in_window(text, key, from));
    }
    if (start == std::string_view::npos) {
        return std::nullopt;
    }
    std::optional<QuotedValue> message;
    std::optional<QuotedValue> error;
    std::size_t pos = start;
    while (pos < text.size()) {
        pos = skip_blanks(text, pos);
        std::size_t key_end = pos;
        while (key_end < text.size() && is_key_char(text[key_end])) {
            ++key_end;
        }
        if (key_end == pos || key_end >= text.size() || text[key_end] != '=') {
            break;
        }
        const std::string_view key = text.substr(pos, key_end - pos);
        QuotedValue value;
        if (key_end + 1 < text.size() && text[key_end + 1] == '"') {
            value = scan_value(text, key_end + 1, ValueEnd::logfmt);
            pos = value.truncated ? text.size() : value.end + 1;
        } else {
            value.begin = key_end + 1;
            value.end = value.begin;
            while (value.end < text.size() && !is_blank(text[value.end])) {
                ++value.end;
            }
            // A bare value has no quotes to undo; mark it by an empty quote span below.
            pos = value.end;
        }
        if (key == "msg" && !message) {
            message = value;
        } else if ((key == "err" || key == "error") && !error) {
            error = value;
        }
    }
    const std::optional<QuotedValue>& chosen = error ? error : message;
    if (!chosen) {
        return std::nullopt;
    }
    TransportPeel peel;
    const bool quoted = chosen->begin > 0 && text[chosen->begin - 1] == '"';
    if (quoted) {
        peel = decoded(text, *chosen);
    } else {
        peel.found = true;
        peel.payload = std::string(text.substr(chosen->begin, chosen->end - chosen->begin));
    }
    // Words before the record belong to the chain only when they lead into it (`…failed: time=`);
    // otherwise they are a log header or the log message.
    const std::string_view prefix = trim(text.substr(0, start));
    if (!prefix.empty() && prefix.back() == ':') {
        peel.chain_prefix = prefix.substr(0, prefix.size() - 1);
    }
    return peel;
}

}  // namespace

// The narrowest terminal width that wraps by inserting line breaks.
constexpr std::ptrdiff_t k_terminal_width = 79;

std::string_view normalize_breaks(std::string_view text, std::string& storage)
{
    std::size_t pos = 0;
    while (pos < text.size() && (is_blank(text[pos]) || text[pos] == '>')) {
        ++pos;
    }
    text.remove_prefix(pos);
    const auto is_break = [](char c) { return c == '\r' || c == '\n'; };
    auto line_break = std::find_if(text.begin(), text.end(), is_break);
    if (line_break == text.end()) {
        return text;
    }
    storage.clear();
    storage.reserve(text.size());
    auto line_start = text.begin();
    while (true) {
        storage.append(line_start, line_break);
        if (line_break == text.end()) {
            break;
        }
        // A terminal that wraps long lines by inserting breaks cuts words at its width (80 columns or
        // more) and keeps any space at the break: rejoin such a line with nothing in between.
        // A break right after `:` `,` `;` is where a separator's space was dropped (editors wrap there).
        const char last = line_break != line_start ? *(line_break - 1) : ' ';
        bool cut_mid_word = line_break - line_start >= k_terminal_width && !is_blank(last) && last != ':' &&
                            last != ',' && last != ';';
        while (!storage.empty() && (storage.back() == ' ' || storage.back() == '\t')) {
            storage.pop_back();
        }
        line_start = line_break;
        if (line_start != text.end() && *line_start == '\r') {
            ++line_start;
        }
        if (line_start != text.end() && *line_start == '\n') {
            ++line_start;
        }
        cut_mid_word = cut_mid_word && line_start != text.end() && !is_blank(*line_start);
        while (line_start != text.end() && (is_blank(*line_start) || *line_start == '>')) {
            ++line_start;
        }
        if (!storage.empty() && line_start != text.end() && !cut_mid_word) {
            storage += ' ';
        }
        line_break = std::find_if(line_start, text.end(), is_break);
    }
    return storage;
}

// `Error response from daemon: {"message": "…"}` (optionally after `docker: `): where the `{` is.
static std::size_t docker_json_body(std::string_view text, std::size_t start)
{
    for (std::string_view prefix : {std::string_view("docker: Error response from daemon: {"),
                                    std::string_view("Error response from daemon: {")}) {
        if (text.compare(start, prefix.size(), prefix) == 0) {
            return start + prefix.size() - 1;
        }
    }
    return std::string_view::npos;
}

TransportPeel peel_transport(std::string_view text)
{
    const std::size_t start = skip_blanks(text, 0);
    if (start >= text.size()) {
        return {};
    }
    std::size_t record_from = 0;
    if (text[start] == '"') {
        const std::size_t first = find_unescaped_quote(text, start + 1);
        if (first == std::string_view::npos) {
            return decoded(text, scan_value(text, start, ValueEnd::json));
        }
        const std::size_t after = skip_blanks(text, first + 1);
        if (after < text.size() && text[after] == ':') {
            // `"message": "…"` pasted from `kubectl get pod -o json`.
            const std::size_t value = skip_blanks(text, after + 1);
            if (value < text.size() && text[value] == '"') {
                return decoded(text, scan_value(text, value, ValueEnd::json));
            }
        }
        if (after >= text.size() || !value_ends_at(text, first + 1, ValueEnd::logfmt)) {
            return decoded(text, scan_value(text, start, ValueEnd::json));
        }
        // A quoted klog message followed by its key="value" pairs: the record follows.
        record_from = first + 1;
    } else if (text[start] == '{') {
        if (auto peel = peel_json_object(text, start)) {
            return std::move(*peel);
        }
    } else if (std::size_t body = docker_json_body(text, start); body != std::string_view::npos) {
        if (auto peel = peel_json_object(text, body)) {
            return std::move(*peel);  // the Docker API's JSON error body (Docker 1.13, moby#31037)
        }
    }
    if (auto peel = peel_failed_sync(text)) {
        return std::move(*peel);
    }
    if (auto peel = peel_log_record(text, record_from)) {
        return std::move(*peel);
    }
    return {};
}

}  // namespace pm::oci
