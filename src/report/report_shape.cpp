// Recognises a report podmortem itself wrote, by its whole shape.
#include "report/report_shape.hpp"

#include <simdjson.h>

namespace pm {

namespace {

bool is_json_report(std::string_view text) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(text.data(), text.size(), true).get(doc) != simdjson::SUCCESS) {
        return false;
    }
    std::string_view schema;
    std::string_view tool;
    if (doc["schema"].get(schema) != simdjson::SUCCESS || schema != "podmortem/v1" ||
        doc["tool"]["name"].get(tool) != simdjson::SUCCESS || tool != "podmortem") {
        return false;
    }
    for (const char* key : {"inputs", "pods", "findings", "kernel_events", "runtime_errors", "warnings"}) {
        simdjson::dom::array list;
        if (doc[key].get(list) != simdjson::SUCCESS) {
            return false;
        }
    }
    return true;
}

bool is_markdown_report(std::string_view text) {
    if (!text.starts_with("# Post-mortem: ")) {
        return false;
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.remove_suffix(1);
    }
    const std::size_t last = text.rfind('\n');
    return last != std::string_view::npos && text.substr(last + 1).starts_with(k_markdown_marker_prefix);
}

}  // namespace

bool is_podmortem_report(std::string_view text) {
    std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) {
        return false;
    }
    if (text[start] == '{') {
        return is_json_report(text);
    }
    return is_markdown_report(text);
}

}  // namespace pm
