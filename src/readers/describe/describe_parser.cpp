// The describe driver: finds pod records, routes every repaired line to the pod, container, state or
// list it belongs to (by indentation when the paste kept it, by key vocabulary when it did not),
// and reads the multi-line parts (messages, the Events table).
#include "readers/describe/describe_parser.hpp"

#include <optional>

#include "readers/describe/describe_container.hpp"
#include "readers/describe/describe_context.hpp"
#include "readers/describe/describe_index.hpp"
#include "readers/describe/describe_sections.hpp"
#include "readers/describe/describe_state.hpp"
#include "readers/events/events_table.hpp"

namespace pm {

namespace {

constexpr size_t k_none = DescribeIndex::k_none;
constexpr size_t k_max_dns_label = 63;
constexpr size_t k_max_pods = 100000;  // a pod record costs ~1 KB; this bounds memory on hostile input

bool is_dns_label(std::string_view name) {
    if (name.empty() || name.size() > k_max_dns_label) {
        return false;
    }
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) {
            return false;
        }
    }
    return name.front() != '-' && name.back() != '-';
}

// The container a person's heading names: ``Container `api`:``, `Container api:`, `container "api"`
// (a block of fields rewritten by hand under it); nullopt for any other line.
std::optional<std::string_view> container_heading(std::string_view line) {
    std::string_view t = line;
    if (!(t.starts_with("Container ") || t.starts_with("container "))) {
        return std::nullopt;
    }
    t.remove_prefix(10);
    while (!t.empty() && t.front() == ' ') {
        t.remove_prefix(1);
    }
    while (!t.empty() && (t.back() == ' ' || t.back() == ':')) {
        t.remove_suffix(1);
    }
    if (t.size() >= 2 && (t.front() == '`' || t.front() == '"' || t.front() == '\'') && t.back() == t.front()) {
        t = t.substr(1, t.size() - 2);
    }
    if (!is_dns_label(t)) {
        return std::nullopt;
    }
    return t;
}

bool is_dns_subdomain(std::string_view name) {
    if (name.empty() || name.size() > 253) {
        return false;
    }
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
        if (!ok) {
            return false;
        }
    }
    return true;
}

// Keys general enough to occur in prose; they never open a record on their own.
bool opens_fragment(const KeyInfo& info) {
    switch (info.id) {
    case DescribeKey::name:
    case DescribeKey::reason:
    case DescribeKey::message:
    case DescribeKey::status:
    case DescribeKey::ip:
    case DescribeKey::priority:
    case DescribeKey::pod_scalar:
    case DescribeKey::pod_block:
    case DescribeKey::labels:
    case DescribeKey::annotations:
    case DescribeKey::ready:
    case DescribeKey::container_scalar:
    case DescribeKey::volume_type:
    case DescribeKey::volume_field:
        return false;
    default:
        return true;
    }
}

class DescribeDriver {
public:
    DescribeDriver(const SourceText& file, InputId input, std::size_t first, std::size_t last, Incident& incident)
        : m_ctx(file, input, first, last, incident) {}

    std::vector<Pod> run(const PasteProfile* profile = nullptr);

private:
    DescribeContext m_ctx;
    std::optional<DescribeIndex> m_index;  // built once the lines are repaired

    size_t line_count() const { return m_ctx.lines.size(); }

    bool ends_record(size_t i) const;
    bool starts_chunk_container(size_t i, const PasteLine& line) const;
    bool fields_follow(size_t i) const;
    bool is_container_name(size_t i, const PasteLine& line, const KeyValue& kv, const KeyInfo* info) const;
    bool is_list_item(size_t i, const PasteLine& line, const KeyValue& kv, const KeyInfo* info) const;
    void dispatch(size_t& i);
    void handle_known_key(size_t& i, const PasteLine& line, const KeyValue& kv, const KeyInfo& info);
    void handle_stray_state_detail(const PasteLine& line, const KeyValue& kv, const KeyInfo& info);
    void handle_unknown(const PasteLine& line, const KeyValue& kv);
    void read_state_message(size_t& i, const PasteLine& line, const KeyValue& kv, StateDraft& draft);
    void read_free_continuation(size_t& i, std::string& message);
    void read_events(size_t& i, const PasteLine& line, const KeyValue& kv);
};

std::vector<Pod> DescribeDriver::run(const PasteProfile* profile) {
    m_ctx.profile = profile != nullptr ? *profile : detect_paste_profile(m_ctx.file.body_lines(), m_ctx.first, m_ctx.last);
    m_ctx.lines = repair_paste(m_ctx.file, m_ctx.first, m_ctx.last, m_ctx.profile);
    m_index.emplace(m_ctx.lines);
    for (size_t i = 0; i < line_count(); ++i) {
        if (m_ctx.lines[i].text.empty()) {
            continue;
        }
        if (m_index->is_pod_start(i) && m_ctx.pods.size() >= k_max_pods) {
            m_ctx.warn(m_ctx.lines[i], "more than " + std::to_string(k_max_pods) +
                                           " pod records in one file; the rest of the file is not read");
            break;
        }
        if (ends_record(i)) {
            finish_pod(m_ctx);  // prose around a pasted record; later describe lines start a new one
            continue;
        }
        dispatch(i);
        m_ctx.last_line = i;
    }
    finish_pod(m_ctx);
    m_ctx.finish_warnings();
    return std::move(m_ctx.pods);
}

// kubectl prints no blank line inside a record (multi-line messages are read whole), so a line
// after a blank one that is neither a new record nor a describe field is the prose of a guide or a
// chat around the paste: the record ended.
bool DescribeDriver::ends_record(size_t i) const {
    const PasteLine& line = m_ctx.lines[i];
    if (!m_ctx.pod_open || i == 0 || !m_ctx.lines[i - 1].text.empty() || m_index->is_pod_start(i)) {
        return false;
    }
    // kubectl prints an empty argument of Args or Command as its indentation alone.
    if (m_ctx.lines[i - 1].indent > 0 && m_ctx.lines[i - 1].indent == line.indent) {
        return false;
    }
    return m_index->key_at(i) == nullptr && line.text != "No volumes." && line.text != "No events." &&
           !container_heading(line.text) && !starts_chunk_container(i, line) && !fields_follow(i);
}

// The rest of an argument list whose empty item lost its whitespace in the paste: a container
// field (State:, Ready:) comes within a few lines, before any blank one. Bounded, so linear.
bool DescribeDriver::fields_follow(size_t i) const {
    constexpr size_t k_look = 32;
    for (size_t k = i + 1; k < m_ctx.lines.size() && k <= i + k_look && !m_ctx.lines[k].text.empty(); ++k) {
        if (const KeyInfo* info = m_index->key_at(k); info != nullptr && !m_index->is_pod_start(k)) {
            return true;
        }
    }
    return false;
}

// `api:` above `Container ID:` or `Image:`, with no record open: a chunk pasted from the middle of
// a describe (a chat's second message) that begins at a container.
bool DescribeDriver::starts_chunk_container(size_t i, const PasteLine& line) const {
    const KeyValue kv = split_key_value(line.text);
    return kv.has_key && kv.value.empty() && find_describe_key(kv.key) == nullptr && is_dns_label(kv.key) &&
           m_index->next_key_is(i, DescribeKey::container_id, DescribeKey::image);
}

bool DescribeDriver::is_container_name(size_t i, const PasteLine& line, const KeyValue& kv,
                                       const KeyInfo* info) const {
    if (m_ctx.area != PodArea::containers || !kv.has_key || !kv.value.empty() || info != nullptr ||
        !is_dns_label(kv.key)) {
        return false;
    }
    if (m_index->next_key_is(i, DescribeKey::container_id, DescribeKey::image)) {
        return true;
    }
    // Indented input: one level under the section key, above the open container's fields.
    const auto& open = m_ctx.container;
    return line.indent > m_ctx.area_indent && (!open || (open->indent >= 0 && line.indent <= open->indent));
}

bool DescribeDriver::is_list_item(size_t i, const PasteLine& line, const KeyValue& kv, const KeyInfo* info) const {
    if (line.indent > m_ctx.list_indent) {
        return true;
    }
    if (line.indent > 0 && line.indent == m_ctx.list_indent) {
        return false;  // a sibling of the list's key, indentation intact
    }
    // Indentation lost: whatever is not a known key or a container name belongs to the open list.
    return info == nullptr && !is_container_name(i, line, kv, info);
}

void DescribeDriver::dispatch(size_t& i) {
    const PasteLine& line = m_ctx.lines[i];
    if (m_index->is_pod_start(i)) {
        start_pod(m_ctx, line, true);
    }
    if (line.text == "No events." || line.text == "No volumes.") {  // ≤1.5 markers, never list items
        handle_unknown(line, KeyValue{});
        return;
    }
    KeyValue kv = split_key_value(line.text);
    const KeyInfo* info = kv.has_key ? find_describe_key(kv.key) : nullptr;
    if (m_ctx.container && m_ctx.list != ContainerList::none && m_ctx.list != ContainerList::state &&
        is_list_item(i, line, kv, info)) {
        handle_container_item(m_ctx, line, kv);
        return;
    }
    if (m_ctx.pod_open && !m_ctx.container && is_pod_area_item(m_ctx, line, kv, info)) {
        bool names_volume = m_ctx.area == PodArea::volumes && kv.has_key && kv.value.empty() &&
                            m_index->next_key_is(i, DescribeKey::volume_type, DescribeKey::volume_type);
        handle_pod_area_item(m_ctx, line, kv, info, names_volume);
        return;
    }
    if (m_ctx.pod_open && is_container_name(i, line, kv, info)) {
        start_container(m_ctx, line, kv.key);
        return;
    }
    // A person's heading for a rewritten block (``Container `api`:``), or a chunk that begins at a
    // container's name line: the container's name, as a `Containers:` section would give it.
    const std::optional<std::string_view> heading = container_heading(line.text);
    if (heading || (!m_ctx.container && starts_chunk_container(i, line))) {
        if (!m_ctx.pod_open) {
            start_pod(m_ctx, line, false);
        }
        start_container(m_ctx, line, heading ? *heading : kv.key);
        return;
    }
    if (info != nullptr) {
        handle_known_key(i, line, kv, *info);
        return;
    }
    handle_unknown(line, kv);
}

void DescribeDriver::handle_known_key(size_t& i, const PasteLine& line, const KeyValue& kv, const KeyInfo& info) {
    bool state_key = (info.scopes & k_scope_state) != 0;
    bool container_key = (info.scopes & k_scope_container) != 0;
    bool pod_key = (info.scopes & k_scope_pod) != 0;
    if (StateDraft* state = m_ctx.open_state(); state_key && state != nullptr) {
        if (info.id == DescribeKey::message) {
            read_state_message(i, line, kv, *state);
        } else {
            apply_state_detail(m_ctx, *state, line, kv, info.id);
        }
        return;
    }
    if (container_key && (m_ctx.container || !pod_key)) {
        if (!m_ctx.pod_open) {
            if (!opens_fragment(info)) {
                return;
            }
            start_pod(m_ctx, line, false);
        }
        if (!m_ctx.container) {
            start_container(m_ctx, line, std::nullopt);
        }
        handle_container_key(m_ctx, line, kv, info);
        return;
    }
    if (pod_key) {
        if (!m_ctx.pod_open) {
            bool named = info.id == DescribeKey::name && line.indent == 0 && is_dns_subdomain(kv.value);
            if (!named && !opens_fragment(info)) {
                return;
            }
            start_pod(m_ctx, line, named);
        }
        if (info.id == DescribeKey::message) {
            finish_container(m_ctx);
            m_ctx.area = PodArea::none;
            std::string message(kv.value);
            read_free_continuation(i, message);
            m_ctx.pod().message = message.size() == kv.value.size() ? kv.value : m_ctx.keep(message);
        } else if (info.id == DescribeKey::events) {
            read_events(i, line, kv);
        } else {
            handle_pod_key(m_ctx, line, kv, info);
        }
        return;
    }
    if (state_key) {
        handle_stray_state_detail(line, kv, info);
        return;
    }
    if (m_ctx.pod_open) {
        m_ctx.warn(line, "`" + std::string(kv.key) + ":` is a volume field, but no `Volumes:` block is open");
    }
}

// `Exit Code:` / `Started:` / `Finished:` / `Signal:` with no State block open: a fragment that
// starts below its `State:` line, or a block interrupted by a damaged line.
void DescribeDriver::handle_stray_state_detail(const PasteLine& line, const KeyValue& kv, const KeyInfo& info) {
    if (!m_ctx.pod_open) {
        start_pod(m_ctx, line, false);
    }
    if (!m_ctx.container) {
        start_container(m_ctx, line, std::nullopt);
    }
    m_ctx.warn(line, "`" + std::string(kv.key) + ":` outside a `State:` / `Last State:` block; read as the current state");
    auto& current = m_ctx.container->current;
    if (!current) {
        current = StateDraft{};
        current->at = m_ctx.where(line);
        current->status = info.id == DescribeKey::started ? StateStatus::unknown : StateStatus::terminated;
    }
    m_ctx.list = ContainerList::state;
    m_ctx.list_indent = line.indent;
    m_ctx.state_is_last = false;
    apply_state_detail(m_ctx, *current, line, kv, info.id);
}

void DescribeDriver::handle_unknown(const PasteLine& line, const KeyValue& kv) {
    if (line.text == "No volumes.") {  // ≤1.5
        m_ctx.area = PodArea::none;
        return;
    }
    if (line.text == "No events.") {  // ≤1.6
        m_ctx.saw_events = m_ctx.pod_open;
        m_ctx.area = PodArea::none;
        return;
    }
    if (!m_ctx.pod_open) {
        return;  // prose before the first record
    }
    if (m_ctx.container) {
        const OptText& name = m_ctx.container->container.name;
        std::string where = name ? "container `" + std::string(*name) + "`" : "the unnamed container";
        if (kv.has_key) {
            m_ctx.warn(line, "unknown field `" + quote_for_warning(kv.key) + ":` in " + where +
                                 "; expected a container field such as `Image:`, `State:`, `Last State:`, `Ready:`, "
                                 "`Restart Count:`, `Limits:` or `Mounts:`");
        } else {
            m_ctx.warn(line, "line not understood in " + where + ": `" + quote_for_warning(line.text) +
                                 "`; expected a `Key:  value` field");
        }
        return;
    }
    m_ctx.warn(line, "line not understood: `" + quote_for_warning(line.text) +
                         "`; expected a pod field such as `Status:`, `Containers:`, `Volumes:` or `Events:`");
}

// A terminated state's message runs, whatever it contains, up to the `Exit Code:` line kubectl
// always prints next; its continuation lines start at column 0 and a TAB in it became padding.
void DescribeDriver::read_state_message(size_t& i, const PasteLine& line, const KeyValue& kv, StateDraft& draft) {
    std::string message(kv.value);
    if (line.last_piece) {
        size_t exit = draft.status == StateStatus::terminated ? m_index->next_exit_code(i + 1) : k_none;
        size_t start = m_index->next_pod_start(i + 1);
        if (exit != k_none && (start == k_none || exit < start)) {
            for (size_t phys = line.line + 1; phys < m_ctx.lines[exit].line; ++phys) {
                message += '\n';
                message += repaired_body(m_ctx.file.body_lines()[phys], m_ctx.profile);
            }
            i = exit - 1;
        } else {
            if (draft.status == StateStatus::terminated) {
                m_ctx.warn(line, "no `Exit Code:` line follows this `Message:`; the message is read up to the next field");
            }
            read_free_continuation(i, message);
        }
    }
    set_state_message(m_ctx, draft, line, message.size() == kv.value.size() ? kv.value : m_ctx.keep(message));
}

// Continuation lines of a one-field message: up to a blank line, a known key or a new record.
void DescribeDriver::read_free_continuation(size_t& i, std::string& message) {
    if (!m_ctx.lines[i].last_piece) {
        return;
    }
    for (size_t j = i + 1; j < line_count(); ++j) {
        const PasteLine& next = m_ctx.lines[j];
        if (next.text.empty() || next.piece || m_index->is_pod_start(j) || m_index->key_at(j) != nullptr) {
            return;
        }
        message += '\n';
        message += repaired_body(m_ctx.file.body_lines()[next.line], m_ctx.profile);
        i = j;
    }
}

// Events come last in a record: the table runs to the next record, and its own parser reads it.
void DescribeDriver::read_events(size_t& i, const PasteLine& line, const KeyValue& kv) {
    finish_container(m_ctx);
    m_ctx.area = PodArea::none;
    m_ctx.saw_events = true;
    if (kv.value == "<none>" || !line.last_piece) {
        return;
    }
    if (!kv.value.empty()) {
        m_ctx.warn(line, "the Events table was collapsed onto the `Events:` line; its rows are not read");
        return;
    }
    size_t start = m_index->next_pod_start(i + 1);
    size_t end_line = start == k_none ? m_ctx.last + 1 : m_ctx.lines[start].line;
    std::vector<Event> events = parse_event_table(m_ctx.file, m_ctx.input, line.line + 1, end_line, m_ctx.incident);
    auto& target = m_ctx.pod().events;
    target.insert(target.end(), std::make_move_iterator(events.begin()), std::make_move_iterator(events.end()));
    i = (start == k_none ? line_count() : start) - 1;
}

}  // namespace

std::vector<Pod> parse_describe(const SourceText& file, InputId input, std::size_t first, std::size_t last,
                                Incident& incident) {
    DescribeDriver driver(file, input, first, last, incident);
    return driver.run();
}

std::vector<Pod> parse_describe(const SourceText& file, InputId input, std::size_t first, std::size_t last,
                                const PasteProfile& profile, Incident& incident) {
    DescribeDriver driver(file, input, first, last, incident);
    return driver.run(&profile);
}

}  // namespace pm
