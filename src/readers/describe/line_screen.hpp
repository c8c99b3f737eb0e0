// What a repaired describe line may be, found in one pass over its bytes sixteen at a time: a line
// with fewer than three colons is no collapsed paste, and one without two blanks side by side after
// its first value's alignment has nothing glued to it. Most lines are neither, and skip both cutters.
#pragma once

#include <string_view>

namespace pm {

struct LineScreen {
    bool may_be_collapsed = false;  // three colons or more: split_collapsed_line must look
    bool may_be_glued = false;      // a colon, then after its alignment a TAB, a CR or two spaces: split_glued_keys must look
};

// Never says "no" where the cutter would cut (the tests hold it to them); `text` starts at its first
// non-blank byte, as repair_paste passes it.
LineScreen screen_line(std::string_view text);

}  // namespace pm
