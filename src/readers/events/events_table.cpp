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

bool has_column(const ColumnHeader& header, Id id) {
    return std::any_of(header.columns.begin(), header.columns.end(),
                       [id](const Column& c) { return c.id == static_cast<int>(id); });
}

// What a listing's cell says about who the event is about (formats.md §2.2).
void note_target(const ColumnHeader& header, size_t j, Text cell, EventTarget& target) {
    switch (static_cast<Id>(header.columns[j].id)) {
        case Id::namespace_: target.namespace_ = cell; break;
        case Id::kind: target.kind = cell; break;
        case Id::from: target.source = cell; break;
        // With an OBJECT column (-o wide), NAME is the event's own name; before 1.12 it was the object's.
        case Id::name: (has_column(header, Id::object) ? target.event_name : target.name) = cell; break;
        case Id::first_seen:
            if (!cell.empty() && (cell.front() == '<' || (cell.front() >= '0' && cell.front() <= '9'))) {
                target.first_age = cell.substr(0, std::min(cell.find(' '), cell.size()));
            }
            break;
        case Id::age:
        case Id::last_seen:
            if (size_t over = cell.find(" over "); over != std::string_view::npos) {
                Text first = cell.substr(over + 6);
                target.first_age = first.substr(0, std::min(first.find(')'), first.size()));
            }
            break;
        case Id::object: {
            size_t slash = cell.find('/');
            if (slash != std::string_view::npos) {
                target.kind = cell.substr(0, slash);
                target.name = cell.substr(slash + 1);
            }
            break;
        }
        default: break;
    }
}


// Layouts rows may come in without their header: describe's (the default), then the listings' (§2.2).
using Layout = std::vector<std::pair<Id, std::string_view>>;

const std::vector<Layout>& describe_layouts() {
    static const std::vector<Layout> layouts = {
        {{Id::type, "Type"}, {Id::reason, "Reason"}, {Id::age, "Age"}, {Id::from, "From"}, {Id::message, "Message"}}};
    return layouts;
}

const std::vector<Layout>& listing_layouts() {
    static const std::vector<Layout> layouts = {
        {{Id::last_seen, "LAST SEEN"}, {Id::type, "TYPE"}, {Id::reason, "REASON"}, {Id::object, "OBJECT"},
         {Id::message, "MESSAGE"}},
        {{Id::namespace_, "NAMESPACE"}, {Id::last_seen, "LAST SEEN"}, {Id::type, "TYPE"}, {Id::reason, "REASON"},
         {Id::object, "OBJECT"}, {Id::message, "MESSAGE"}},
        {{Id::last_seen, "LAST SEEN"}, {Id::type, "TYPE"}, {Id::reason, "REASON"}, {Id::object, "OBJECT"},
         {Id::subobject, "SUBOBJECT"}, {Id::from, "SOURCE"}, {Id::message, "MESSAGE"}},
        {{Id::last_seen, "LASTSEEN"}, {Id::first_seen, "FIRSTSEEN"}, {Id::count, "COUNT"}, {Id::name, "NAME"},
         {Id::kind, "KIND"}, {Id::subobject, "SUBOBJECT"}, {Id::type, "TYPE"}, {Id::reason, "REASON"},
         {Id::from, "SOURCE"}, {Id::message, "MESSAGE"}},
        {{Id::last_seen, "LAST SEEN"}, {Id::type, "TYPE"}, {Id::reason, "REASON"}, {Id::kind, "KIND"},
         {Id::message, "MESSAGE"}},
        {{Id::type, "Type"}, {Id::reason, "Reason"}, {Id::age, "Age"}, {Id::from, "From"}, {Id::message, "Message"}}};
    return layouts;
}

ColumnHeader header_of(const Layout& layout) {
    ColumnHeader header;
    for (const auto& [id, name] : layout) {
        header.columns.push_back({static_cast<int>(id), std::string(name), 0});
    }
    header.offsets_valid = false;
    return header;
}

constexpr size_t k_layout_sample_rows = 16;  // enough rows to tell layouts apart, few enough to stay cheap

// One table: frame and header learnt from its first lines, then rows and continuation lines in order.
class EventTableReader {
public:
    EventTableReader(const SourceText& file, InputId input, Incident& incident, bool listing = false)
        : m_file(file), m_input(input), m_incident(incident), m_listing(listing) {}

    std::vector<Event> read(size_t first, size_t end);
    std::vector<EventTarget> take_targets() { return std::move(m_targets); }

private:
    void use_header(ColumnHeader header);
    bool use_header_line(std::string_view text);
    bool looks_like_row_start(std::string_view text) const;
    void add_event(size_t index);
    void add_continuation(std::string_view raw);
    void warn(size_t index);
    void close_event();
    ColumnHeader fallback_header(size_t start, size_t end);
    std::string_view clean(std::string_view line);
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
    const bool m_listing;      // `kubectl get events` / `kubectl events`, not describe's table
    std::vector<EventTarget> m_targets;  // listing mode: one per event
    std::string m_box_buffer;
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
    // Listings put MESSAGE before FIRST SEEN, COUNT and NAME with -o wide.
    if (!header || (!m_listing && header->columns.back().id != static_cast<int>(Id::message))) {
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
    EventTarget target;
    for (size_t j = 0; j < m_cells.cells.size(); ++j) {
        const Text cell = stable(m_cells.cells[j]);
        if (cell.empty()) {
            continue;
        }
        note_target(m_header, j, cell, target);
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
    if (m_listing) {
        m_targets.push_back(target);
    }
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

// The layout that splits most of the first rows whole; ties go to the earlier (more common) one.
ColumnHeader EventTableReader::fallback_header(size_t start, size_t end) {
    const std::vector<Layout>& layouts = m_listing ? listing_layouts() : describe_layouts();
    if (layouts.size() == 1) {
        return header_of(layouts.front());
    }
    const LineIndex& lines = m_file.body_lines();
    size_t best = 0;
    size_t best_score = 0;
    RowCells cells;
    std::string tabs;
    for (size_t k = 0; k < layouts.size(); ++k) {
        ColumnHeader header = header_of(layouts[k]);
        std::vector<ColumnRule> rules = event_column_rules(header);
        size_t score = 0;
        size_t sampled = 0;
        for (size_t i = start; i < end && sampled < k_layout_sample_rows; ++i) {
            std::string_view text = expand_tabs(clean(strip_frame(lines[i], m_frame)), m_outer, tabs);
            if (is_blank(text)) {
                continue;
            }
            ++sampled;
            score += split_row(text, header, rules, header.columns.size(), cells) ? 1 : 0;
        }
        if (score > best_score) {
            best = k;
            best_score = score;
        }
    }
    return header_of(layouts[best]);
}

// A TUI's copy (k9s): box sides and corners go, sort arrows become the space they take on screen, and
// the ellipsis tview draws in the last cell of a clipped row goes.
std::string_view EventTableReader::clean(std::string_view line) {
    static constexpr std::string_view k_side = "\xE2\x94\x82";  // │
    if (!m_listing) {
        return line;
    }
    std::string_view bare = line.substr(leading_spaces(line));
    for (std::string_view corner : {"\xE2\x94\x8C", "\xE2\x94\x94", "\xE2\x95\xAD", "\xE2\x95\xB0"}) {
        if (bare.starts_with(corner)) {
            return {};  // ┌ └ ╭ ╰: a frame's top or bottom edge
        }
    }
    if (!bare.starts_with(k_side) && line.find("\xE2\x86") == std::string_view::npos) {
        return line;
    }
    m_box_buffer.clear();
    if (bare.starts_with(k_side)) {
        bare.remove_prefix(k_side.size());
        bare = trim_right(bare);
        if (bare.ends_with(k_side)) {
            bare.remove_suffix(k_side.size());
        }
        bare = trim_right(bare);
        static constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";  // …
        if (bare.ends_with(k_ellipsis) && bare.size() > k_ellipsis.size() && bare[bare.size() - k_ellipsis.size() - 1] == ' ') {
            bare = trim_right(bare.substr(0, bare.size() - k_ellipsis.size()));
        }
    } else {
        bare = line;
    }
    for (size_t i = 0; i < bare.size(); ++i) {
        // ↑ ↓ (U+2191, U+2193): k9s's sort indicator after a column name.
        if (bare.substr(i, 2) == "\xE2\x86" && i + 2 < bare.size() && (bare[i + 2] == '\x91' || bare[i + 2] == '\x93')) {
            m_box_buffer.push_back(' ');
            i += 2;
            continue;
        }
        m_box_buffer.push_back(bare[i]);
    }
    return m_box_buffer;
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
    // No header line: assume the layout the rows fit best, with no offsets to trust.
    use_header(fallback_header(start, end));

    for (size_t i = start; i < end; ++i) {
        std::string_view text = expand_tabs(clean(strip_frame(strip_closing_fence(lines[i]), m_frame)), m_outer, m_tab_buffer);
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

EventListing parse_event_listing(const SourceText& file, InputId input, size_t first, size_t end, Incident& incident) {
    EventTableReader reader(file, input, incident, true);
    EventListing listing;
    listing.events = reader.read(first, end);
    listing.targets = reader.take_targets();
    return listing;
}

}  // namespace pm
