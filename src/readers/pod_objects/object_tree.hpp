// Kubernetes objects as kubectl prints them (`-o yaml`, `-o json`), read line by line into a tree of
// keys, whatever survives of them: whole documents or fragments, lost or doubled indentation, `...`.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "evidence/incident.hpp"
#include "input/source_text.hpp"

namespace pm {

struct ObjectNode {
    Text key;            // "" for a list item and for the root
    Text value;          // a scalar, decoded (JSON escapes, YAML quoting); empty for a block
    std::uint32_t line = 0;  // 0-based line index of its key
    int indent = -1;     // the column its children's keys sit deeper than
    bool item = false;   // a list item (`- ` or a JSON `{` inside a list)
    bool scalar = false;
    std::vector<std::uint32_t> children;
};

class ObjectTree {
public:
    std::vector<ObjectNode> nodes;  // nodes[0] is the root

    const ObjectNode& root() const { return nodes[0]; }
    // The first child with this key, or nullptr.
    const ObjectNode* child(const ObjectNode& node, std::string_view key) const;
    // A child's scalar value, or nullopt.
    OptText value(const ObjectNode& node, std::string_view key) const;
};

// Reads lines [first, last] (0-based, inclusive) of `text`. Decoded scalars that differ from the text
// are kept in `incident`'s arena. Linear in the region's size.
ObjectTree read_object_tree(const SourceText& text, std::size_t first, std::size_t last, Incident& incident);

}  // namespace pm
