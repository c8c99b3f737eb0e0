// The table that recognises input kinds: each signature is a kind, a cheap line test and a weight.
#pragma once

#include <span>
#include <string_view>

namespace pm {

// Order matters only for ties that the file name cannot break: earlier wins.
enum class InputKind { describe, events, kernel_log, pod_json, pod_yaml, oci_message, container_log, unknown };

std::string_view input_kind_name(InputKind kind);

enum class LineTest { equals, prefix, contains, shape };

struct Signature {
    InputKind kind;
    LineTest test;
    std::string_view text;                      // the literal for equals / prefix / contains
    bool (*shape)(std::string_view line);       // for LineTest::shape
    double weight;
    int cap;      // lines that count at most, so one repeated marker cannot outvote the rest
    bool anchor;  // a kind can win only with enough distinct anchors (see min_anchors)
};

// Signatures run on lines normalised by normalise_pasted_line.
std::span<const Signature> kind_signatures();

bool signature_matches(const Signature& sig, std::string_view line);

// Distinct anchor signatures a kind needs before it may win: a describe fragment must show two
// describe-only markers, so a log line such as "Exit Code: 1" does not turn a log into a describe.
int min_anchors(InputKind kind);

}  // namespace pm
