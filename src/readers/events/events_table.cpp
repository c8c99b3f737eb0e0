// The describe Events table: frame and header, rows (via the column machinery) and continuation lines.
#include "readers/events/events_table.hpp"

#include <algorithm>

#include "base/time_point.hpp"
#include "base/text.hpp"

namespace pm {

namespace {

constexpr size_t k_max_row_text = 1000;

// A Markdown fence glued to the end of the last line pasted (`… Back-off restarting failed
// container```): no event message ends in three backticks.
std::string_view strip_closing_fence(std::string_view line) {
    std::string_view t = line;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r')) {
        t.remove_suffix(1);
    }
    if (t.size() < 3 || t.substr(t.size() - 3) != "```") {
        return line;
    }
    while (!t.empty() && t.back() == '`') {
        t.remove_suffix(1);
    }
    // A fence alone on its line stays: it ends the table.
    return t.find_first_not_of(" \t>") == std::string_view::npos ? line : t;
}

constexpr size_t k_max_row_warnings = 20;
constexpr size_t k_max_field_path = 256;
constexpr size_t k_max_reserved_events = 1 << 18;

using Id = EventColumn;

bool is_field_path_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '{' ||
           c == '}' || c == '[' || c == ']' || c == '-' || c == '_';
}

void split_field_path(Event& event) {
    std::string_view message = event.message;
    size_t colon = message.substr(0, k_max_field_path).find(':');
    if (colon == std::string_view::npos || (colon + 1 < message.size() && message[colon + 1] != ' ')) {
        return;
    }
    std::string_view path = message.substr(0, colon);
    bool rooted = path.substr(0, 5) == "spec." || path.substr(0, 7) == "status." || path.substr(0, 9) == "metadata.";
    for (char c : path) {
        if (!is_field_path_char(c)) {
            return;
        }
    }
    if (!rooted) {
        return;
    }
    event.object = path;
    event.message = message.substr(std::min(colon + 2, message.size()));
}

// One table: frame and header learnt from its first lines, then rows and continuation lines in order.
class EventTableReader {
public:
    EventTableReader(const SourceText& file, InputId input, Incident& incident)
        : m_file(file), m_input(input), m_incident(incident) {}

    std::vector<Event> read(size_t first, size_t end);

private:
    void use_header(ColumnHeader header);
    bool use_header_line(std::string_view text);
    bool looks_like_row_start(std::string_view text) const;
    void add_event(size_t index);
    void add_continuation(std::string_view raw);
    void warn(size_t index);
    void close_event();
    // A view that outlives the read: cells cut from a TAB-expanded copy are kept in the arena.
    Text stable(std::string_view cell);

    const SourceText& m_file;
    InputId m_input;
    Incident& m_incident;
    std::string m_message;  // the open event's message, while continuation lines are added
    std::vector<Event> m_events;
    LineFrame m_frame;
    size_t m_outer = 0;  // where column 0 of the original text sits once the frame is stripped
    ColumnHeader m_header;
    std::vector<ColumnRule> m_rules;
    size_t m_min_filled = 0;
    std::string m_expected;
    RowCells m_cells;
    std::string m_tab_buffer;
    bool m_open = false;       // the last event may still take continuation lines
    bool m_after_header = false;
    size_t m_blank_run = 0;
    size_t m_warned = 0;
    size_t m_suppressed = 0;
    size_t m_first_suppressed = 0;
};

void EventTableReader::use_header(ColumnHeader header) {
    m_header = std::move(header);
    m_rules = event_column_rules(m_header);
    m_expected.clear();
    m_min_filled = m_header.columns.size();
    for (size_t j = 0; j < m_header.columns.size(); ++j) {
        if (j > 0) {
            m_expected.push_back(' ');
        }
        for (char c : m_header.columns[j].name) {
            m_expected.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
        }
        if (m_header.columns[j].id == static_cast<int>(Id::reason)) {
            m_min_filled = j + 1;  // a row cut after its Reason still says what happened
        }
    }
}

// A header of an event table: knows Reason and Message, and Message is last (describe never pads it).
bool EventTableReader::use_header_line(std::string_view text) {
    std::optional<ColumnHeader> header = parse_column_header(text, event_column_names());
    if (!header || header->columns.back().id != static_cast<int>(Id::message)) {
        return false;
    }
    for (const Column& column : header->columns) {
        if (column.id == static_cast<int>(Id::reason)) {
            use_header(std::move(*header));
            return true;
        }
    }
    return false;
}

bool EventTableReader::looks_like_row_start(std::string_view text) const {
    const ColumnRule& rule = m_rules.front();
    text.remove_prefix(leading_spaces(text));
    return rule.measure != nullptr && !rule.free_cell && rule.measure(text) > 0;
}

Text EventTableReader::stable(std::string_view cell) {
    const char* begin = m_file.text.data();
    if (cell.data() >= begin && cell.data() + cell.size() <= begin + m_file.text.size()) {
        return cell;
    }
    return m_incident.keep(cell);
}

void EventTableReader::add_event(size_t index) {
    close_event();
    Event event;
    event.at = {m_input, static_cast<std::uint32_t>(index + 1)};
    std::string_view row = strip_closing_fence(m_file.body_lines()[index]);
    row.remove_prefix(leading_spaces(row));
    // Evidence quotes the line as it reads; an overlong one is cut at a character and marked.
    event.row_text = row.size() <= k_max_row_text ? row : m_incident.keep(cut_with_mark(row, k_max_row_text));
    for (size_t j = 0; j < m_cells.cells.size(); ++j) {
        const Text cell = stable(m_cells.cells[j]);
        if (cell.empty()) {
            continue;
        }
        switch (static_cast<Id>(m_header.columns[j].id)) {
            case Id::type: event.type = cell; break;
            case Id::reason: event.reason = cell; break;
            case Id::from: event.from = event_component(cell); break;
            case Id::subobject:
            case Id::object: event.object = cell; break;
            case Id::message: event.message = cell; break;
            case Id::count: event.count = parse_event_count(cell); break;
            case Id::first_seen:
            case Id::last_seen: {
                bool first = m_header.columns[j].id == static_cast<int>(Id::first_seen);
                if (std::optional<KubeTime> time = parse_kube_time(cell); time) {
                    (first ? event.first_seen : event.last_seen) = time->time;
                } else if (!first) {
                    EventInterval interval = parse_event_interval(cell);
                    event.age = interval.age;
                    event.count = event.count ? event.count : interval.count;
                }
                break;
            }
            case Id::age: {
                EventInterval interval = parse_event_interval(cell);
                event.age = interval.age;
                event.count = event.count ? event.count : interval.count;
                break;
            }
            default: break;
        }
    }
    if (!event.object) {
        split_field_path(event);
    }
    m_events.push_back(event);
    m_open = true;
}

void EventTableReader::add_continuation(std::string_view raw) {
    std::string_view text = strip_frame(raw, m_frame);
    text.remove_prefix(std::min(leading_spaces(text), m_outer));
    if (m_message.empty()) {
        m_message.assign(m_events.back().message);
    }
    m_message.append(m_blank_run + 1, '\n');
    m_message.append(trim_right(text));
    m_blank_run = 0;
}

void EventTableReader::warn(size_t index) {
    if (m_warned < k_max_row_warnings) {
        ++m_warned;
        m_incident.warn({m_input, static_cast<std::uint32_t>(index + 1)}, "event row not understood: expected " + m_expected);
        return;
    }
    if (m_suppressed++ == 0) {
        m_first_suppressed = index;
    }
}

void EventTableReader::close_event() {
    if (!m_message.empty() && !m_events.empty()) {
        m_events.back().message = m_incident.keep(m_message);  // joined once, when the event ends
        m_message.clear();
    }
    m_open = false;
    m_blank_run = 0;
}

std::vector<Event> EventTableReader::read(size_t first, size_t end) {
    const LineIndex& lines = m_file.body_lines();
    end = std::min(end, lines.size());
    size_t start = first;
    while (start < end && is_blank(lines[start])) {
        ++start;
    }
    if (start >= end) {
        return {};
    }
    // Growing a vector of 384-byte Events re-touches every page twice; one bounded reservation avoids that.
    m_events.reserve(std::min(end - start, k_max_reserved_events));
    m_frame = frame_of(lines[start]);
    m_outer = m_frame.indent >= 2 ? m_frame.indent - 2 : 0;
    if (first > 0 && first - 1 < lines.size()) {
        std::string_view events_line = strip_frame(lines[first - 1], m_frame);
        size_t indent = leading_spaces(events_line);
        if (events_line.substr(indent, 7) == "Events:" && indent <= m_frame.indent) {
            m_outer = indent;
        }
    }
    // No header line: assume the current layout, with no offsets to trust.
    ColumnHeader fallback;
    fallback.columns = {{static_cast<int>(Id::type), "Type", 0},
                        {static_cast<int>(Id::reason), "Reason", 0},
                        {static_cast<int>(Id::age), "Age", 0},
                        {static_cast<int>(Id::from), "From", 0},
                        {static_cast<int>(Id::message), "Message", 0}};
    fallback.offsets_valid = false;
    use_header(std::move(fallback));

    for (size_t i = start; i < end; ++i) {
        std::string_view text = expand_tabs(strip_frame(strip_closing_fence(lines[i]), m_frame), m_outer, m_tab_buffer);
        if (is_blank(text)) {
            ++m_blank_run;
            if (m_blank_run >= 2 && m_open) {
                close_event();  // two blank lines end a describe record; what follows is not this message
            }
            continue;
        }
        // A Markdown code fence closes the pasted table; the prose after it is the author's, not kubectl's.
        if (std::string_view bare = text.substr(leading_spaces(text)); bare.rfind("```", 0) == 0 || bare.rfind("~~~", 0) == 0) {
            break;
        }
        if (m_events.empty() && !m_after_header && use_header_line(text)) {
            m_after_header = true;
            continue;
        }
        if (is_rule_line(text) && (m_after_header || m_events.empty())) {
            continue;
        }
        if (std::string_view bare = trim_right(text.substr(leading_spaces(text)));
            m_events.empty() && (bare == "<none>" || bare == "No events.")) {
            continue;  // the caller's job, but harmless to recognise when `Events:` lost its value
        }
        m_after_header = false;
        if (split_row(text, m_header, m_rules, m_min_filled, m_cells)) {
            add_event(i);
        } else if (use_header_line(text)) {
            close_event();  // a second header (chunked output): re-derive the offsets
            m_after_header = true;
        } else if (m_open && !looks_like_row_start(text)) {
            add_continuation(strip_closing_fence(lines[i]));
        } else {
            close_event();
            warn(i);
        }
    }
    close_event();
    if (m_suppressed > 0) {
        m_incident.warn({m_input, static_cast<std::uint32_t>(m_first_suppressed + 1)},
                        std::to_string(m_suppressed) + " more event rows not understood");
    }
    if (m_events.capacity() > 2 * m_events.size() + 64) {
        m_events.shrink_to_fit();  // the range was mostly continuation lines; do not keep the reservation
    }
    return std::move(m_events);
}

}  // namespace

std::vector<Event> parse_event_table(const SourceText& file, InputId input, size_t first, size_t end,
                                     Incident& incident) {
    EventTableReader reader(file, input, incident);
    return reader.read(first, end);
}

}  // namespace pm
