// One input, decoded to UTF-8 with its line index: the only form later stages see.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "records/model.hpp"

namespace pm {

struct SourceFile {
    std::string path;       // as given on the command line, or the path inside a bundle
    std::string encoding;   // detected source encoding: "UTF-8", "UTF-16LE", "GB18030", …
    std::string text;       // UTF-8, line ends normalised to '\n'
    std::vector<std::string_view> lines;  // views into text, without the '\n'; lines[0] is line 1

    SourceFile() = default;
    SourceFile(const SourceFile&) = delete;  // lines point into text
    SourceFile& operator=(const SourceFile&) = delete;
    SourceFile(SourceFile&&) = delete;
    SourceFile& operator=(SourceFile&&) = delete;
};

// Decodes raw bytes (BOM, UTF-8, UTF-16, or what ICU's detector finds), normalises CRLF and lone CR,
// and indexes lines. Invalid bytes become U+FFFD and are reported once per line in `warnings`.
// Never throws on bad input.
void load_source_text(SourceFile& out, std::string path, std::string_view bytes, std::vector<Warning>& warnings);

}  // namespace pm
