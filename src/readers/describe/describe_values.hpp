// Parsers for the values describe prints after a key: numbers, times, mounts, labels, names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/time_point.hpp"
#include "evidence/incident.hpp"

namespace pm {

// No real pod has lists this long; the caps keep hostile input (a million `Args:` lines, a 20 MB
// collapsed value) from turning into gigabytes of records.
constexpr size_t k_max_list_items = 10000;

// An integer at the start of `value` (optional sign); `rest` is whatever follows it, trimmed (a
// note a human typed after the value). No value when there are no digits or more than 18 of them.
struct LeadingInt {
    std::optional<long long> value;
    std::string_view rest;
};
LeadingInt parse_leading_int(std::string_view value);

// A describe time with tolerance for a note typed after it. `parsed` is empty when nothing at the
// start of `value` is a time; `had_note` says that trailing text was ignored.
struct DescribeTime {
    std::optional<KubeTime> parsed;
    bool had_note = false;
};
DescribeTime parse_describe_time(std::string_view value);

// `True` / `False` (any case); nullopt otherwise.
std::optional<bool> parse_describe_bool(std::string_view value);

// `worker-3/10.0.1.23` -> `worker-3`; `<none>` or empty -> nullopt.
OptText node_name_of(std::string_view value);

// `Running`, `Terminating (lasts 2m)` -> `Terminating`, `Terminating (expires …)` -> `Terminating`.
Text pod_phase_of(std::string_view value);

// `ConfigMap (a volume populated by a ConfigMap)` -> `ConfigMap`.
Text volume_type_of(std::string_view value);

// `/etc/x from vol (ro,path="app.yaml")` -> {path /etc/x, volume vol, mode ro, sub_path app.yaml}
// (views into `text`; an escaped sub path is unescaped into the incident's arena).
std::optional<Mount> parse_mount(std::string_view text, Incident& incident);

// Several mounts on one collapsed line: cut after each `)` that is followed by a new `/path`.
// At most k_max_list_items.
std::vector<std::string_view> split_inline_mounts(std::string_view value);

// `app=api,tier=web` or `app=api pod-template-hash=7d9` -> pairs; `<none>` -> {}. At most
// k_max_list_items.
TextPairs parse_labels(std::string_view value);

// `Initialized   True ` -> {Initialized, True}; the `Type  Status` header and junk -> nullopt.
std::optional<std::pair<Text, Text>> parse_condition_row(std::string_view text);

// `cpu: 100m memory: 256Mi` (a collapsed Limits/Environment value) -> {{cpu,100m},{memory,256Mi}};
// each value is the span of its words. At most k_max_list_items pairs.
TextPairs parse_inline_pairs(std::string_view value);

// Sets `name` in pairs kept sorted by name (as kubectl prints resources), replacing an earlier value.
void set_sorted_pair(TextPairs& pairs, Text name, Text value);

// The word starting at or after `pos` (blank-separated), advancing `pos` past it; empty at the end.
std::string_view next_word(std::string_view text, size_t& pos);

// Whitespace-separated words, at most `max_words`.
std::vector<std::string_view> split_words(std::string_view value, size_t max_words = k_max_list_items);

// True for `<none>` and the empty string.
bool is_none_value(std::string_view value);

}  // namespace pm
