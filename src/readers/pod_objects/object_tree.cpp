// The line reader behind pod objects: indentation gives the nesting, and where a paste lost it, the
// keys a block is known to hold keep a line in that block.
#include "readers/pod_objects/object_tree.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <simdjson.h>

#include "base/text.hpp"
#include "readers/pod_objects/object_scalars.hpp"

namespace pm {

namespace {

constexpr size_t k_max_depth = 256;          // deeper than any object kubectl prints; bounds the stack
constexpr size_t k_max_scalar_bytes = 1 << 20;  // a folded message longer than this is cut

struct Vocabulary {
    std::string_view block;
    std::array<std::string_view, 8> keys;
};

// What the blocks whose lines lose their indentation most often hold (formats.md §8).
constexpr std::array<Vocabulary, 6> k_vocabularies = {{
    {"terminated", {"containerID", "exitCode", "finishedAt", "reason", "startedAt", "message", "signal", {}}},
    {"waiting", {"reason", "message", {}, {}, {}, {}, {}, {}}},
    {"running", {"startedAt", {}, {}, {}, {}, {}, {}, {}}},
    {"lastState", {"terminated", "waiting", "running", {}, {}, {}, {}, {}}},
    {"state", {"terminated", "waiting", "running", {}, {}, {}, {}, {}}},
    {"limits", {"cpu", "memory", "ephemeral-storage", "nvidia.com/gpu", {}, {}, {}, {}}},
}};

bool block_holds(std::string_view block, std::string_view key) {
    if (key.empty()) {
        return false;  // a list item's `{`: it would match the padding, and none of these blocks is a list
    }
    for (const Vocabulary& v : k_vocabularies) {
        if (v.block == block) {
            return std::find(v.keys.begin(), v.keys.end(), key) != v.keys.end();
        }
    }
    return false;
}

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == '/';
}

struct KeyLine {
    Text key;
    std::string_view rest;  // after the colon
    bool ok = false;
};

// `key: value`, `key:`, `"key": value,`; a word followed by a colon and a blank or the line's end.
KeyLine key_of(std::string_view t) {
    KeyLine k;
    if (!t.empty() && t.front() == '"') {
        size_t close = t.find('"', 1);
        if (close == std::string_view::npos || close + 1 >= t.size() || t[close + 1] != ':') {
            return k;
        }
        k.key = t.substr(1, close - 1);
        k.rest = t.substr(close + 2);
        k.ok = std::all_of(k.key.begin(), k.key.end(), is_key_char) && !k.key.empty();
        return k;
    }
    size_t i = 0;
    while (i < t.size() && is_key_char(t[i])) {
        ++i;
    }
    if (i == 0 || i >= t.size() || t[i] != ':' || (i + 1 < t.size() && t[i + 1] != ' ')) {
        return k;
    }
    k.key = t.substr(0, i);
    k.rest = t.substr(i + 1);
    k.ok = true;
    return k;
}

size_t indent_of(std::string_view line) {
    size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
        ++i;
    }
    return i;
}

bool is_noise(std::string_view t) {
    return t.empty() || t.front() == '#' || t == "---" || t == "..." || t.starts_with("```") || t.starts_with("~~~") ||
           t == "}" || t == "}," || t == "]" || t == "]," || t == "[" || t.starts_with("…");
}

class TreeReader {
public:
    TreeReader(const SourceText& text, size_t first, size_t last, Incident& incident)
        : m_lines(text.body_lines()), m_first(first), m_last(std::min(last, m_lines.size() - 1)),
          m_incident(incident) {}

    ObjectTree read();

private:
    std::uint32_t add(ObjectNode node);
    std::uint32_t parent_for(int indent, Text key, int& effective);
    void push(std::uint32_t node);
    size_t read_scalar(size_t i, const KeyLine& k, int key_indent, ObjectNode& node);
    size_t read_block(size_t i, bool literal, int key_indent, ObjectNode& node);
    size_t read_open_quote(size_t i, std::string_view raw, int key_indent, ObjectNode& node);
    Text stable(std::string_view decoded, std::string_view raw, bool changed);
    bool read_json_line(size_t i, std::string_view t);
    void graft(simdjson::dom::element value, std::uint32_t parent, Text key, std::uint32_t line, size_t depth);

    const LineIndex& m_lines;
    size_t m_first;
    size_t m_last;
    Incident& m_incident;
    ObjectTree m_tree;
    std::vector<std::uint32_t> m_stack;  // open blocks, innermost last; the root at the bottom
    std::string m_buffer;
    simdjson::dom::parser m_json;
    std::uint32_t m_lines_item_list = 0;  // the root's "items" made for one-line JSON documents
};

// One JSON value as nodes under `parent`, all cited at the line that holds it.
void TreeReader::graft(simdjson::dom::element value, std::uint32_t parent, Text key, std::uint32_t line, size_t depth) {
    ObjectNode node;
    node.key = key;
    node.line = line;
    node.item = key.empty();
    if (depth >= k_max_depth) {
        return;
    }
    switch (value.type()) {
        case simdjson::dom::element_type::OBJECT: {
            std::uint32_t id = add(node);
            m_tree.nodes[parent].children.push_back(id);
            for (auto field : simdjson::dom::object(value)) {
                graft(field.value, id, m_incident.keep(field.key), line, depth + 1);
            }
            return;
        }
        case simdjson::dom::element_type::ARRAY: {
            std::uint32_t id = add(node);
            m_tree.nodes[parent].children.push_back(id);
            for (simdjson::dom::element item : simdjson::dom::array(value)) {
                graft(item, id, {}, line, depth + 1);
            }
            return;
        }
        case simdjson::dom::element_type::STRING:
            node.value = m_incident.keep(std::string_view(value.get_string().value_unsafe()));
            break;
        case simdjson::dom::element_type::NULL_VALUE:
            node.value = "null";
            break;
        default:
            node.value = m_incident.keep(simdjson::to_string(value));
            break;
    }
    node.scalar = true;
    std::uint32_t id = add(node);
    m_tree.nodes[parent].children.push_back(id);
}

// A whole JSON document on one line (a watch event, `jq -c`): parsed by simdjson and listed as an item
// of the root's "items", so a stream of them reads like a List.
bool TreeReader::read_json_line(size_t i, std::string_view t) {
    if (t.size() < 2 || t.front() != '{' || t.back() != '}') {
        return false;
    }
    simdjson::dom::element doc;
    if (m_json.parse(t.data(), t.size(), true).get(doc) != simdjson::SUCCESS ||
        doc.type() != simdjson::dom::element_type::OBJECT) {
        return false;
    }
    if (m_lines_item_list == 0) {
        ObjectNode items;
        items.key = "items";
        items.line = static_cast<std::uint32_t>(i);
        m_lines_item_list = add(items);
        m_tree.nodes[0].children.push_back(m_lines_item_list);
    }
    graft(doc, m_lines_item_list, {}, static_cast<std::uint32_t>(i), 0);
    m_stack.resize(1);
    return true;
}

std::uint32_t TreeReader::add(ObjectNode node) {
    m_tree.nodes.push_back(std::move(node));
    return static_cast<std::uint32_t>(m_tree.nodes.size() - 1);
}

void TreeReader::push(std::uint32_t node) {
    if (m_stack.size() < k_max_depth) {
        m_stack.push_back(node);
    }
}

// The open block a key at `indent` belongs to. A key a block is known to hold stays in it when
// its indentation was lost, unless the block it would land in holds it too.
std::uint32_t TreeReader::parent_for(int indent, Text key, int& effective) {
    effective = indent;
    size_t keep = m_stack.size();
    while (keep > 1 && m_tree.nodes[m_stack[keep - 1]].indent >= indent) {
        --keep;
    }
    if (keep < m_stack.size()) {
        const ObjectNode& open = m_tree.nodes[m_stack.back()];
        const ObjectNode& landing = m_tree.nodes[m_stack[keep - 1]];
        if (block_holds(open.key, key) && !block_holds(landing.key, key)) {
            effective = open.indent + 1;  // read as if indented under the block
            return m_stack.back();
        }
    }
    m_stack.resize(keep);
    return m_stack.back();
}

Text TreeReader::stable(std::string_view decoded, std::string_view raw, bool changed) {
    if (!changed && decoded == raw) {
        return raw;  // a view into the kept input
    }
    return m_incident.keep(decoded);
}

// Where an open quote closes, found a piece at a time as lines are joined onto it.
class QuoteScan {
public:
    explicit QuoteScan(char quote) : m_quote(quote) {}

    // Scans what was appended to `text` since the last call; true once the quote closes (at end()).
    bool feed(const std::string& text) {
        for (; m_scanned < text.size(); ++m_scanned) {
            const char c = text[m_scanned];
            if (m_quote == '"') {
                if (m_escaped) {
                    m_escaped = false;
                } else if (c == '\\') {
                    m_escaped = true;
                } else if (c == '"') {
                    return true;
                }
            } else if (c == '\'') {
                if (m_scanned + 1 >= text.size() || text[m_scanned + 1] != '\'') {
                    return true;
                }
                ++m_scanned;  // '' is a quote inside the scalar
            }
        }
        return false;
    }
    // A double-quoted line ending in an unpaired backslash: the line break is escaped.
    bool escaped_break() const { return m_quote == '"' && m_escaped; }
    void drop_last(const std::string& text) {
        m_escaped = false;
        m_scanned = text.size();
    }
    size_t end() const { return m_scanned; }

private:
    char m_quote;
    size_t m_scanned = 1;
    bool m_escaped = false;
};

// The scalar after `k`, with the lines a folded quote, a block scalar or a plain scalar continues on;
// returns the last line index it used.
size_t TreeReader::read_scalar(size_t i, const KeyLine& k, int key_indent, ObjectNode& node) {
    ScalarText s = scalar_of(k.rest);
    node.scalar = true;
    std::string_view raw = s.raw;
    if (raw == "|" || raw == "|-" || raw == "|+" || raw == ">" || raw == ">-" || raw == ">+") {
        return read_block(i, raw.front() == '|', key_indent, node);
    }
    if (!s.closed) {
        return read_open_quote(i, raw, key_indent, node);
    }
    // A plain scalar folded onto more-indented lines that are not keys.
    size_t j = i + 1;
    if (!s.quoted && !raw.empty()) {
        while (j <= m_last) {
            std::string_view t = trim(m_lines[j]);
            if (t.empty() || static_cast<int>(indent_of(m_lines[j])) <= key_indent || key_of(t).ok ||
                t.starts_with("- ") || is_noise(t)) {
                break;
            }
            ++j;
        }
    }
    if (j == i + 1) {
        m_buffer.clear();
        bool changed = decode_scalar(raw, m_buffer);
        node.value = stable(m_buffer, raw, changed);
        return i;
    }
    m_buffer.assign(raw);
    for (size_t x = i + 1; x < j && m_buffer.size() < k_max_scalar_bytes; ++x) {
        m_buffer.push_back(' ');
        m_buffer.append(trim(m_lines[x]));
    }
    node.value = m_incident.keep(m_buffer);
    return j - 1;
}

// `|` keeps line breaks, `>` folds them; the content is what is indented deeper than the key.
size_t TreeReader::read_block(size_t i, bool literal, int key_indent, ObjectNode& node) {
    size_t j = i;
    size_t content_indent = 0;
    std::string text;
    size_t blanks = 0;
    while (j + 1 <= m_last) {
        std::string_view line = m_lines[j + 1];
        if (is_blank(line)) {
            ++blanks;
            ++j;
            continue;
        }
        size_t ind = indent_of(line);
        if (static_cast<int>(ind) <= key_indent) {
            break;
        }
        content_indent = content_indent == 0 ? ind : content_indent;
        if (!text.empty()) {
            text.append(blanks + 1, literal ? '\n' : ' ');
        }
        blanks = 0;
        if (text.size() < k_max_scalar_bytes) {
            text.append(trim_right(line.substr(std::min(content_indent, ind))));
        }
        ++j;
    }
    node.value = m_incident.keep(text);
    return j;
}

// A quote left open: YAML folds it onto the following lines (a line break reads as a space), each
// indented deeper than the key; only the new text is scanned for the closing quote.
size_t TreeReader::read_open_quote(size_t i, std::string_view raw, int key_indent, ObjectNode& node) {
    size_t j = i;
    std::string joined(raw);
    QuoteScan scan(raw.front());
    bool closed = scan.feed(joined);
    while (!closed && j + 1 <= m_last && joined.size() < k_max_scalar_bytes) {
        std::string_view next = m_lines[j + 1];
        if (is_blank(next) || static_cast<int>(indent_of(next)) <= key_indent) {
            break;  // the quote was never closed: the scalar ends with its own lines
        }
        ++j;
        if (scan.escaped_break()) {
            joined.pop_back();  // an escaped line break joins without a space
            scan.drop_last(joined);
        } else {
            joined.push_back(' ');
        }
        joined.append(trim(next));
        closed = scan.feed(joined);
    }
    if (closed) {
        joined.resize(scan.end() + 1);
    }
    m_buffer.clear();
    decode_scalar(joined, m_buffer);
    node.value = m_incident.keep(m_buffer);
    return j;
}

ObjectTree TreeReader::read() {
    ObjectNode root;
    root.indent = -1;
    root.line = static_cast<std::uint32_t>(m_first);
    m_tree.nodes.push_back(root);
    m_stack.push_back(0);
    if (m_lines.empty()) {
        return std::move(m_tree);
    }
    for (size_t i = m_first; i <= m_last; ++i) {
        std::string_view line = m_lines[i];
        int indent = static_cast<int>(indent_of(line));
        std::string_view t = trim(line);
        if (t.starts_with("```") || t.starts_with("~~~")) {
            m_stack.resize(1);  // a code fence ends a pasted fragment: what follows is not nested in it
            continue;
        }
        if (is_noise(t) || read_json_line(i, t)) {
            continue;
        }
        if (t == "{" || t == "[{" || t == "- {") {
            // A JSON object: a list item when a list is open, else the document itself.
            int effective = indent;
            std::uint32_t parent = parent_for(indent, {}, effective);
            if (parent == 0 && m_tree.nodes[0].children.empty()) {
                continue;
            }
            ObjectNode item;
            item.item = true;
            item.indent = effective;
            item.line = static_cast<std::uint32_t>(i);
            std::uint32_t id = add(item);
            m_tree.nodes[parent].children.push_back(id);
            push(id);
            continue;
        }
        if (t.starts_with("- ") || t == "-") {
            // A YAML list item: its keys sit two columns right of the dash.
            int effective = indent;
            size_t keep = m_stack.size();
            while (keep > 1 && (m_tree.nodes[m_stack[keep - 1]].indent > indent ||
                                (m_tree.nodes[m_stack[keep - 1]].indent == indent && m_tree.nodes[m_stack[keep - 1]].item))) {
                --keep;
            }
            m_stack.resize(keep);
            ObjectNode item;
            item.item = true;
            item.indent = effective;
            item.line = static_cast<std::uint32_t>(i);
            std::uint32_t id = add(item);
            m_tree.nodes[m_stack.back()].children.push_back(id);
            push(id);
            t = trim(t.substr(1));
            indent = static_cast<int>(t.data() - line.data());  // the column of the item's first key
            if (t.empty()) {
                continue;
            }
            if (!key_of(t).ok) {
                KeyLine k;
                k.rest = t;
                i = read_scalar(i, k, effective, m_tree.nodes[id]);  // `- sh`: the item is a scalar
                m_stack.pop_back();
                continue;
            }
        }
        KeyLine k = key_of(t);
        if (!k.ok) {
            continue;  // prose, or a line no key explains
        }
        int effective = indent;
        std::uint32_t parent = parent_for(indent, k.key, effective);
        ObjectNode node;
        node.key = k.key;
        node.line = static_cast<std::uint32_t>(i);
        node.indent = effective;
        std::string_view rest = trim(k.rest);
        if (!rest.empty() && rest.back() == ',') {
            rest = trim_right(rest.substr(0, rest.size() - 1));
        }
        if (rest.empty() || rest == "{" || rest == "[" || rest == "[{") {
            std::uint32_t id = add(node);
            m_tree.nodes[parent].children.push_back(id);
            push(id);
            continue;
        }
        if (rest == "{}" || rest == "[]" || rest == "null") {
            std::uint32_t id = add(node);
            m_tree.nodes[parent].children.push_back(id);
            continue;
        }
        i = read_scalar(i, k, effective, node);
        std::uint32_t id = add(node);
        m_tree.nodes[parent].children.push_back(id);
    }
    return std::move(m_tree);
}

}  // namespace

const ObjectNode* ObjectTree::child(const ObjectNode& node, std::string_view key) const {
    for (std::uint32_t c : node.children) {
        if (nodes[c].key == key) {
            return &nodes[c];
        }
    }
    return nullptr;
}

OptText ObjectTree::value(const ObjectNode& node, std::string_view key) const {
    const ObjectNode* c = child(node, key);
    if (c == nullptr || !c->scalar || c->value == "null") {
        return std::nullopt;
    }
    return c->value;
}

ObjectTree read_object_tree(const SourceText& text, std::size_t first, std::size_t last, Incident& incident) {
    TreeReader reader(text, first, last, incident);
    return reader.read();
}

}  // namespace pm
