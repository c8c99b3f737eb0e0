#include "report_checks.hpp"

#include <simdjson.h>

#include "entries.hpp"

#ifdef PM_HAVE_CMARK
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#endif

namespace pm::fuzz {

void check_json_report(std::string_view target, std::string_view json) {
    if (json.empty() || json.back() != '\n') {
        fail(target, "the JSON report does not end in a newline");
    }
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(json.data(), json.size(), true).get(doc) != simdjson::SUCCESS) {
        fail(target, "the JSON report does not parse");
    }
    std::string_view schema;
    if (doc["schema"].get(schema) != simdjson::SUCCESS || schema != "podmortem/v1") {
        fail(target, "the JSON report has no schema podmortem/v1");
    }
    for (const char* key : {"inputs", "pods", "findings", "kernel_events", "runtime_errors", "warnings"}) {
        simdjson::dom::array list;
        if (doc[key].get(list) != simdjson::SUCCESS) {
            fail(target, std::string("the JSON report lacks the array ") + key);
        }
    }
}

#ifdef PM_HAVE_CMARK

namespace {

struct Parsed {
    cmark_node* root = nullptr;
    explicit Parsed(std::string_view markdown) {
        static const bool registered = [] {
            cmark_gfm_core_extensions_ensure_registered();
            return true;
        }();
        (void)registered;
        cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
        for (const char* name : {"table", "strikethrough", "autolink"}) {
            if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
                cmark_parser_attach_syntax_extension(parser, ext);
            }
        }
        cmark_parser_feed(parser, markdown.data(), markdown.size());
        root = cmark_parser_finish(parser);
        cmark_parser_free(parser);
    }
    ~Parsed() { cmark_node_free(root); }
    Parsed(const Parsed&) = delete;
    Parsed& operator=(const Parsed&) = delete;
};

// The writer folds long messages into `<details><summary>N lines</summary>` … `</details>`: those
// exact HTML blocks are its own; any other HTML came from an input.
bool is_own_fold(cmark_node* node) {
    const char* literal = cmark_node_get_literal(node);
    if (literal == nullptr) {
        return false;
    }
    std::string_view t = literal;
    while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) {
        t.remove_suffix(1);
    }
    if (t == "</details>") {
        return true;
    }
    constexpr std::string_view head = "<details>\n<summary>";
    constexpr std::string_view tail = "</summary>";
    if (!t.starts_with(head) || !t.ends_with(tail)) {
        return false;
    }
    const std::string_view count = t.substr(head.size(), t.size() - head.size() - tail.size());
    const std::size_t digits = count.find_first_not_of("0123456789");
    return digits > 0 && digits != std::string_view::npos && (count.substr(digits) == " line" || count.substr(digits) == " lines");
}

bool is_live(const char* type, cmark_node* node = nullptr) {
    const std::string_view t = type;
    if (t == "html_block" && node != nullptr && is_own_fold(node)) {
        return false;
    }
    return t == "html_block" || t == "html_inline" || t == "link" || t == "image";
}

}  // namespace

std::vector<std::string> markdown_shape(std::string_view markdown) {
    Parsed parsed(markdown);
    std::vector<std::string> shape;
    std::size_t emphasis = 0;
    std::size_t live = 0;
    int depth = 0;
    cmark_iter* iter = cmark_iter_new(parsed.root);
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        if (ev == CMARK_EVENT_EXIT) {
            --depth;  // only nodes that can hold others are exited
            continue;
        }
        cmark_node* node = cmark_iter_get_node(iter);
        const std::string_view type = cmark_node_get_type_string(node);
        if (type == "emph" || type == "strong" || type == "strikethrough") {
            ++emphasis;
        } else if (is_live(type.data(), node)) {
            ++live;
        } else if (type != "text" && type != "code" && type != "softbreak" && type != "linebreak") {
            std::string entry = std::to_string(depth) + ":" + std::string(type);
            if (type == "heading") {
                entry += std::to_string(cmark_node_get_heading_level(node));
            }
            if (type == "table_cell" && cmark_node_first_child(node) == nullptr) {
                entry += ":empty";  // GFM pads short rows: a leaked `|` shows as a cell that filled
            }
            shape.push_back(entry);
        }
        const bool leaf = type == "text" || type == "code" || type == "html_inline" || type == "html_block" ||
                          type == "code_block" || type == "thematic_break" || type == "softbreak" ||
                          type == "linebreak";
        if (!leaf) {
            ++depth;
        }
    }
    cmark_iter_free(iter);
    shape.push_back("emphasis:" + std::to_string(emphasis));
    shape.push_back("live:" + std::to_string(live));
    return shape;
}

bool markdown_has_live_nodes(std::string_view markdown) {
    Parsed parsed(markdown);
    bool live = false;
    cmark_iter* iter = cmark_iter_new(parsed.root);
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        live = live || (ev == CMARK_EVENT_ENTER &&
                        is_live(cmark_node_get_type_string(cmark_iter_get_node(iter)), cmark_iter_get_node(iter)));
    }
    cmark_iter_free(iter);
    return live;
}

bool have_markdown_parser() {
    return true;
}

#else

std::vector<std::string> markdown_shape(std::string_view) {
    return {};
}

bool markdown_has_live_nodes(std::string_view) {
    return false;
}

bool have_markdown_parser() {
    return false;
}

#endif

}  // namespace pm::fuzz
