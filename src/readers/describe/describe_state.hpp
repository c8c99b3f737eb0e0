// State / Last State blocks of a container: reading their detail lines and turning them into the
// State and Termination records (exit codes normalised, signals derived).
#pragma once

#include <string>
#include <string_view>

#include "readers/describe/describe_context.hpp"

namespace pm {

// A block opened by `State:` / `Last State:` / `Last Termination State:` with its value
// (`Running`, `Waiting`, `Terminated`); anything else gives status `unknown` and a warning.
StateDraft open_state_draft(DescribeContext& ctx, const PasteLine& line, std::string_view value);

// `Reason:`, `Exit Code:`, `Signal:`, `Started:`, `Finished:` inside a block. Unparsable values and
// notes typed after a value become warnings at the line.
void apply_state_detail(DescribeContext& ctx, StateDraft& draft, const PasteLine& line, const KeyValue& kv,
                        DescribeKey id);

// The block's (possibly multi-line) message; `first_line` is the `Message:` line, cited.
void set_state_message(DescribeContext& ctx, StateDraft& draft, const PasteLine& first_line, Text message);

// Fills container.state, last_termination and terminations (oldest first) from the drafts.
void finish_states(DescribeContext& ctx, ContainerDraft& draft);

}  // namespace pm
