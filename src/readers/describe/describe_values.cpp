// Value parsers for describe fields; each is linear in its input and never throws.
#include "readers/describe/describe_values.hpp"

#include <algorithm>

#include "readers/describe/describe_keys.hpp"

namespace pm {

namespace {

constexpr size_t k_max_digits = 18;  // fits in long long with room for the sign
constexpr size_t k_rfc1123z_length = 31;  // "Tue, 27 Aug 2019 10:58:27 +0200"

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

Text unquote_go(std::string_view quoted, Incident& incident) {
    if (quoted.find('\\') == std::string_view::npos) {
        return quoted;
    }
    std::string out;
    for (size_t i = 0; i < quoted.size(); ++i) {
        if (quoted[i] == '\\' && i + 1 < quoted.size()) {
            ++i;
        }
        out.push_back(quoted[i]);
    }
    return incident.keep(out);
}

}  // namespace

LeadingInt parse_leading_int(std::string_view value) {
    LeadingInt out;
    value = trim_view(value);
    size_t p = 0;
    bool negative = false;
    if (p < value.size() && (value[p] == '-' || value[p] == '+')) {
        negative = value[p] == '-';
        ++p;
    }
    size_t digits_start = p;
    long long magnitude = 0;
    while (p < value.size() && is_digit(value[p])) {
        if (p - digits_start >= k_max_digits) {
            return out;
        }
        magnitude = magnitude * 10 + (value[p] - '0');
        ++p;
    }
    if (p == digits_start) {
        return out;
    }
    out.value = negative ? -magnitude : magnitude;
    out.rest = trim_view(value.substr(p));
    return out;
}

DescribeTime parse_describe_time(std::string_view value) {
    DescribeTime out;
    value = trim_view(value);
    out.parsed = parse_kube_time(value);
    if (out.parsed) {
        // RFC1123Z is six words (`Tue, 27 Aug 2019 10:58:27 +0200`), RFC 3339 one; more is a note.
        // Counted in place: this runs for every time of every container.
        size_t pos = 0;
        const std::string_view first = next_word(value, pos);
        const size_t time_words = !first.empty() && first.back() == ',' ? 6 : 1;
        size_t words = first.empty() ? 0 : 1;
        while (words <= time_words && !next_word(value, pos).empty()) {
            ++words;
        }
        out.had_note = words > time_words;
        return out;
    }
    // The parser refused the whole value: try the fixed-width RFC1123Z prefix, then the first word.
    std::string_view candidates[2] = {value.substr(0, k_rfc1123z_length), value.substr(0, value.find_first_of(" \t"))};
    for (std::string_view candidate : candidates) {
        if (candidate.size() < value.size() && !candidate.empty()) {
            out.parsed = parse_kube_time(candidate);
            if (out.parsed) {
                out.had_note = true;
                return out;
            }
        }
    }
    return out;
}

std::optional<bool> parse_describe_bool(std::string_view value) {
    value = trim_view(value);
    auto equals_ci = [&](std::string_view word) {
        if (value.size() != word.size()) {
            return false;
        }
        for (size_t i = 0; i < word.size(); ++i) {
            char c = value[i];
            if (c >= 'A' && c <= 'Z') {
                c = static_cast<char>(c - 'A' + 'a');
            }
            if (c != word[i]) {
                return false;
            }
        }
        return true;
    };
    if (equals_ci("true")) {
        return true;
    }
    if (equals_ci("false")) {
        return false;
    }
    return std::nullopt;
}

bool is_none_value(std::string_view value) {
    value = trim_view(value);
    return value.empty() || value == "<none>";
}

OptText node_name_of(std::string_view value) {
    value = trim_view(value);
    if (is_none_value(value)) {
        return std::nullopt;
    }
    std::string_view name = value.substr(0, value.find('/'));
    if (name.empty()) {
        return std::nullopt;
    }
    return name;
}

Text pod_phase_of(std::string_view value) {
    value = trim_view(value);
    size_t paren = value.find(" (");
    return trim_view(value.substr(0, paren));
}

Text volume_type_of(std::string_view value) {
    return pod_phase_of(value);
}

std::optional<Mount> parse_mount(std::string_view text, Incident& incident) {
    text = trim_view(text);
    Mount mount;
    std::string_view head = text;
    if (!text.empty() && text.back() == ')') {
        size_t open = text.rfind(" (");
        if (open != std::string_view::npos) {
            std::string_view options = text.substr(open + 2, text.size() - open - 3);
            head = text.substr(0, open);
            size_t comma = options.find(',');
            mount.mode = options.substr(0, comma);
            if (comma != std::string_view::npos) {
                std::string_view rest = options.substr(comma + 1);
                if (rest.substr(0, 5) == "path=") {
                    rest.remove_prefix(5);
                    if (rest.size() >= 2 && rest.front() == '"' && rest.back() == '"') {
                        rest = rest.substr(1, rest.size() - 2);
                    }
                    mount.sub_path = unquote_go(rest, incident);
                }
            }
        }
    }
    size_t from = head.rfind(" from ");
    if (from == std::string_view::npos) {
        return std::nullopt;
    }
    mount.path = trim_view(head.substr(0, from));
    mount.volume = trim_view(head.substr(from + 6));
    if (mount.path.empty() || mount.volume.empty()) {
        return std::nullopt;
    }
    return mount;
}

std::vector<std::string_view> split_inline_mounts(std::string_view value) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (size_t p = 0; p < value.size() && out.size() < k_max_list_items; ++p) {
        if (value[p] != ')') {
            continue;
        }
        size_t next = p + 1;
        while (next < value.size() && is_blank_char(value[next])) {
            ++next;
        }
        if (next > p + 1 && next < value.size() && value[next] == '/') {
            out.push_back(trim_view(value.substr(start, p + 1 - start)));
            start = next;
            p = next;
        }
    }
    std::string_view last = trim_view(value.substr(start));
    if (!last.empty() && out.size() < k_max_list_items) {
        out.push_back(last);
    }
    return out;
}

std::string_view next_word(std::string_view text, size_t& pos) {
    while (pos < text.size() && is_blank_char(text[pos])) {
        ++pos;
    }
    size_t start = pos;
    while (pos < text.size() && !is_blank_char(text[pos])) {
        ++pos;
    }
    return text.substr(start, pos - start);
}

std::vector<std::string_view> split_words(std::string_view value, size_t max_words) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    while (out.size() < max_words) {
        std::string_view word = next_word(value, pos);
        if (word.empty()) {
            break;
        }
        out.push_back(word);
    }
    return out;
}

TextPairs parse_labels(std::string_view value) {
    TextPairs out;
    if (is_none_value(value)) {
        return out;
    }
    size_t pos = 0;
    for (std::string_view word = next_word(value, pos); !word.empty(); word = next_word(value, pos)) {
        size_t start = 0;
        while (start <= word.size() && out.size() < k_max_list_items) {
            size_t comma = word.find(',', start);
            std::string_view item = word.substr(start, comma == std::string_view::npos ? word.npos : comma - start);
            if (!item.empty()) {
                size_t eq = item.find('=');
                out.emplace_back(item.substr(0, eq), eq == std::string_view::npos ? Text() : item.substr(eq + 1));
            }
            if (comma == std::string_view::npos) {
                break;
            }
            start = comma + 1;
        }
        if (out.size() >= k_max_list_items) {
            break;
        }
    }
    return out;
}

std::optional<std::pair<Text, Text>> parse_condition_row(std::string_view text) {
    // Exactly two words, in place (every condition row of every pod comes here).
    size_t pos = 0;
    const std::string_view type = next_word(text, pos);
    const std::string_view status = next_word(text, pos);
    if (type.empty() || status.empty() || !next_word(text, pos).empty() || (type == "Type" && status == "Status")) {
        return std::nullopt;
    }
    return std::make_pair(type, status);
}

TextPairs parse_inline_pairs(std::string_view value) {
    TextPairs out;
    size_t pos = 0;
    for (std::string_view word = next_word(value, pos); !word.empty(); word = next_word(value, pos)) {
        // `<set to the key 'k' of config map 'c'>  Optional: false` is one env value.
        bool value_note = word == "Optional:" && !out.empty() && !out.back().second.empty() &&
                          out.back().second.back() == '>';
        if (word.size() > 1 && word.back() == ':' && !value_note) {
            if (out.size() >= k_max_list_items) {
                break;
            }
            out.emplace_back(word.substr(0, word.size() - 1), Text());
        } else if (!out.empty()) {
            // The value runs from its first word to its last, as the text has them.
            Text& current = out.back().second;
            current = current.empty() ? word
                                      : Text(current.data(), static_cast<size_t>(word.data() + word.size() - current.data()));
        }
    }
    return out;
}

void set_sorted_pair(TextPairs& pairs, Text name, Text value) {
    auto it = std::lower_bound(pairs.begin(), pairs.end(), name,
                               [](const std::pair<Text, Text>& p, Text n) { return p.first < n; });
    if (it != pairs.end() && it->first == name) {
        it->second = value;
    } else {
        pairs.insert(it, {name, value});
    }
}

}  // namespace pm
