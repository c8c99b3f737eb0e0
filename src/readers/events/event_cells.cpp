// What each cell of an event listing looks like: intervals, components, counts, object paths, early timestamps.
#include "readers/events/event_cells.hpp"

#include <algorithm>
#include <array>

#include "base/time_point.hpp"

namespace pm {

namespace {

constexpr size_t k_max_interval_tail = 48;  // "(x2147483647 over 3y364d)" and then some
constexpr size_t k_max_count_digits = 18;

using Id = EventColumn;

constexpr std::array<ColumnName, 17> k_event_column_names = {{
    {"Type", static_cast<int>(Id::type)},
    {"Reason", static_cast<int>(Id::reason)},
    {"Age", static_cast<int>(Id::age)},
    {"From", static_cast<int>(Id::from)},
    {"Source", static_cast<int>(Id::from)},
    {"Message", static_cast<int>(Id::message)},
    {"FirstSeen", static_cast<int>(Id::first_seen)},
    {"First Seen", static_cast<int>(Id::first_seen)},
    {"LastSeen", static_cast<int>(Id::last_seen)},
    {"Last Seen", static_cast<int>(Id::last_seen)},
    {"Count", static_cast<int>(Id::count)},
    {"SubObjectPath", static_cast<int>(Id::subobject)},  // also ≤1.5's "SubobjectPath": matching ignores case
    {"SubObject", static_cast<int>(Id::subobject)},
    {"Object", static_cast<int>(Id::object)},
    {"Kind", static_cast<int>(Id::kind)},
    {"Name", static_cast<int>(Id::name)},
    {"Namespace", static_cast<int>(Id::namespace_)},
}};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string_view first_token(std::string_view text) {
    return text.substr(0, std::min(text.find(' '), text.size()));
}

// End of the token after the one ending at `pos` (spaces between are skipped); `pos` when there is none.
size_t next_token_end(std::string_view text, size_t pos) {
    size_t start = pos;
    while (start < text.size() && text[start] == ' ') {
        ++start;
    }
    if (start >= text.size()) {
        return pos;
    }
    return start + first_token(text.substr(start)).size();
}

// HumanDuration / ShortHumanDuration output: "61s", "4m3s", "7m40s", "2d3h", "3y45d".
bool is_duration(std::string_view token) {
    size_t i = 0;
    if (token.empty()) {
        return false;
    }
    while (i < token.size()) {
        size_t digits = 0;
        while (i < token.size() && is_digit(token[i])) {
            ++i;
            ++digits;
        }
        if (digits == 0 || digits > 10 || i >= token.size()) {
            return false;
        }
        char unit = token[i];
        if (unit != 's' && unit != 'm' && unit != 'h' && unit != 'd' && unit != 'y') {
            return false;
        }
        ++i;
    }
    return true;
}

bool is_age_token(std::string_view token) {
    return is_duration(token) || token == "<unknown>" || token == "<invalid>";
}

size_t measure_type(std::string_view text) {
    std::string_view token = first_token(text);
    return (token == "Normal" || token == "Warning") ? token.size() : 0;
}

size_t measure_reason(std::string_view text) {
    std::string_view token = first_token(text);
    return (!token.empty() && is_letter(token.front())) ? token.size() : 0;
}

// "61s", "61s (x9 over 7m40s)", and the same cut off by truncation after "(x".
size_t measure_interval(std::string_view text) {
    std::string_view token = first_token(text);
    if (!is_age_token(token)) {
        return 0;
    }
    size_t paren = token.size();
    while (paren < text.size() && text[paren] == ' ') {
        ++paren;
    }
    if (text.substr(paren, 2) != "(x" || paren + 2 >= text.size() || !is_digit(text[paren + 2])) {
        return token.size();
    }
    std::string_view tail = text.substr(paren, k_max_interval_tail);
    size_t close = tail.find(')');
    if (close != std::string_view::npos) {
        return paren + close + 1;
    }
    // A row cut mid-interval: take what is left, it is the rest of the row.
    return text.size() - paren <= k_max_interval_tail ? text.size() : token.size();
}

// Relative ages, or the absolute RFC1123Z / RFC 3339 times the earliest kubectl printed.
size_t measure_seen(std::string_view text) {
    if (size_t n = measure_interval(text); n > 0) {
        return n;
    }
    std::string_view token = first_token(text);
    if (token.empty() || parse_kube_time(token)) {
        return token.size();
    }
    // "Thu, 09 Jul 2015 14:05:45 -0700": six tokens with the weekday, five without, one fewer without a zone.
    size_t want = token.back() == ',' ? 6 : 5;
    size_t ends[6] = {};
    size_t count = 1;
    ends[0] = token.size();
    while (count < want) {
        size_t end = next_token_end(text, ends[count - 1]);
        if (end == ends[count - 1]) {
            break;
        }
        ends[count++] = end;
    }
    for (size_t k = count; k + 1 >= want && k >= 1; --k) {
        if (auto parsed = parse_kube_time(text.substr(0, ends[k - 1])); parsed) {
            return ends[k - 1];
        }
    }
    return 0;
}

size_t measure_count(std::string_view text) {
    std::string_view token = first_token(text);
    if (token.empty() || token.size() > k_max_count_digits) {
        return 0;
    }
    for (char c : token) {
        if (!is_digit(c)) {
            return 0;
        }
    }
    return token.size();
}

// "kubelet", "kubelet, node-a" (1.7–1.19), "{kubelet node-a}" / "{default-scheduler }" (≤1.6).
size_t measure_from(std::string_view text) {
    std::string_view token = first_token(text);
    if (token.empty()) {
        return 0;
    }
    if (token.front() == '{') {
        size_t end = token.size();
        for (int extra = 0; text[end - 1] != '}' && extra < 3; ++extra) {
            size_t next = next_token_end(text, end);
            if (next == end) {
                return text.size();  // truncated inside the braces
            }
            end = next;
        }
        return text[end - 1] == '}' ? end : 0;
    }
    // Components are lower-case words; a capital here is the start of a message, not a From cell.
    if (!(is_digit(token.front()) || (token.front() >= 'a' && token.front() <= 'z'))) {
        return 0;
    }
    if (token.back() == ',') {
        return next_token_end(text, token.size());
    }
    return token.size();
}

// "spec.containers{web}", and the 2015 kubelets' "implicitly required container POD".
size_t measure_subobject(std::string_view text) {
    static constexpr std::string_view k_implicit = "implicitly required container ";
    if (text.substr(0, k_implicit.size()) == k_implicit) {
        return next_token_end(text, k_implicit.size() - 1);
    }
    std::string_view token = first_token(text);
    bool braced = token.find('{') != std::string_view::npos && !token.empty() && token.back() == '}';
    return (token.substr(0, 5) == "spec." || braced) ? token.size() : 0;
}

size_t measure_object(std::string_view text) {
    std::string_view token = first_token(text);
    return token.find('/') != std::string_view::npos ? token.size() : 0;
}

size_t measure_word(std::string_view text) {
    return first_token(text).size();
}

ColumnRule rule_for(int id) {
    switch (static_cast<Id>(id)) {
        case Id::type: return {id, measure_type, false, false};
        case Id::reason: return {id, measure_reason, false, false};  // one word, even when cells are known
        case Id::age: return {id, measure_interval, false, false};
        // Optional: events written by tools without a source leave From empty.
        case Id::from: return {id, measure_from, true, true};
        case Id::message: return {id, nullptr, false, true};
        case Id::first_seen:
        case Id::last_seen: return {id, measure_seen, false, false};
        case Id::count: return {id, measure_count, false, false};
        case Id::subobject: return {id, measure_subobject, true, false};
        case Id::object: return {id, measure_object, false, true};
        default: return {id, measure_word, false, true};
    }
}

}  // namespace

std::span<const ColumnName> event_column_names() {
    return k_event_column_names;
}

std::vector<ColumnRule> event_column_rules(const ColumnHeader& header) {
    std::vector<ColumnRule> rules;
    rules.reserve(header.columns.size());
    for (const Column& column : header.columns) {
        rules.push_back(rule_for(column.id));
    }
    return rules;
}

EventInterval parse_event_interval(std::string_view cell) {
    cell.remove_prefix(leading_spaces(cell));
    EventInterval interval;
    std::string_view age = first_token(trim_right(cell));
    if (!age.empty()) {
        interval.age = age;
    }
    size_t paren = cell.find("(x");
    if (paren != std::string_view::npos) {
        size_t digits = 0;
        while (paren + 2 + digits < cell.size() && is_digit(cell[paren + 2 + digits])) {
            ++digits;
        }
        interval.count = parse_event_count(cell.substr(paren + 2, digits));
    }
    return interval;
}

OptText event_component(std::string_view cell) {
    cell = trim_right(cell.substr(leading_spaces(cell)));
    if (!cell.empty() && cell.front() == '{') {
        cell.remove_prefix(1);
        cell = cell.substr(leading_spaces(cell));
        cell = cell.substr(0, std::min(cell.find_first_of(" }"), cell.size()));
    } else {
        cell = trim_right(cell.substr(0, std::min(cell.find(','), cell.size())));
    }
    if (cell.empty()) {
        return std::nullopt;
    }
    return cell;
}

std::optional<long long> parse_event_count(std::string_view digits) {
    if (digits.empty() || digits.size() > k_max_count_digits) {
        return std::nullopt;
    }
    long long value = 0;
    for (char c : digits) {
        if (!is_digit(c)) {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace pm
