// Pod-level parts of a describe record: header fields, Labels, Conditions, Volumes and the other
// pod blocks, and opening / closing a pod record.
#pragma once

#include "readers/describe/describe_context.hpp"

namespace pm {

// Closes the open record (if any) and opens a pod at `line`: named (a `Name:` line) or a fragment.
void start_pod(DescribeContext& ctx, const PasteLine& line, bool named);

// Closes the open container and the record: init containers first, then a truncation warning when
// a named record never reached `Events:`.
void finish_pod(DescribeContext& ctx);

// A pod-level key other than `Message:` and `Events:` (which read following lines; the driver does
// those). Closes the open container.
void handle_pod_key(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, const KeyInfo& info);

// True when `line` is an item of the open pod block (a label, a condition row, a volume line, …):
// deeper than the block's key, or (indentation lost) not a pod-level key.
bool is_pod_area_item(const DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, const KeyInfo* info);

// One item of the open pod block. `names_volume` tells a volume name line (`config:` followed by
// `Type:`) from a volume field.
void handle_pod_area_item(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, const KeyInfo* info,
                          bool names_volume);

}  // namespace pm
