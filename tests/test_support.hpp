// What the tests share: an incident holding one text as an input, and the fields of records as text.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "describe_samples.hpp"
#include "evidence/incident.hpp"

namespace pm::test {

// An incident with one input, `path`, holding `text` as it is (see load_text).
struct OneInput {
    std::unique_ptr<Incident> incident = std::make_unique<Incident>();
    const SourceText* text = nullptr;
    InputId id = 0;

    OneInput(std::string path, std::string_view content) {
        auto file = std::make_unique<SourceText>();
        load_text(*file, path, content);
        text = &incident->keep_source(std::move(file));
        InputRecord record;
        record.path = std::move(path);
        record.lines = text->lines.size();
        id = incident->add_input(std::move(record));
    }

    std::size_t last_line() const { return text->lines.empty() ? 0 : text->lines.size() - 1; }
};

inline std::string show(const OptText& value) {
    if (!value) {
        return "null";
    }
    std::string out;
    for (char c : *value) {
        if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

inline std::string show(const OptTime& value) {
    return value ? format_rfc3339(*value) : "null";
}

inline std::string show(const OptInt& value) {
    return value ? std::to_string(*value) : "null";
}

inline std::string show(const std::optional<bool>& value) {
    return value ? (*value ? "true" : "false") : "null";
}

inline std::string where(const Incident& incident, Cite at) {
    return incident.where(at);
}

}  // namespace pm::test
