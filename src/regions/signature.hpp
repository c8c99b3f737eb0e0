// How a reader recognises its text: cheap tests on one (paste-cleaned) line, each with a weight.
#pragma once

#include <span>
#include <string_view>

namespace pm {

enum class LineTest { equals, prefix, contains, shape };

struct Signature {
    LineTest test;
    std::string_view text;                 // the literal for equals / prefix / contains
    bool (*shape)(std::string_view line);  // for LineTest::shape
    double weight;
    int cap;      // lines that count at most, so one repeated marker cannot outvote the rest
    int anchor;   // anchors it counts for (0: none); a kind can win only with enough distinct anchors;
                  // a signature that matches a whole record alone (a collapsed describe) counts for 2
};

// `line` is normalised by normalise_pasted_line.
bool signature_matches(const Signature& sig, std::string_view line);

// What the region splitter needs to know of each reader, in registry order.
struct KindProfile {
    std::string_view name;
    std::span<const Signature> signatures;
    int min_anchors = 1;         // distinct anchors needed to win
    bool document = false;       // a structured document whose fields may quote runtime errors
    bool lone_message = false;   // wins only where no document kind is present (a pasted error)
    bool plain_text = false;     // the kind of text no signature knows (a container log)
    std::span<const std::string_view> name_hints;  // parts of a file name that suggest it
    // Shell commands whose output is of this kind (`kubectl logs`, `dmesg`), found in a prompt line.
    std::span<const std::string_view> commands;
};

}  // namespace pm
