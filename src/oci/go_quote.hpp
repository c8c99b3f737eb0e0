// Go string-literal helpers for the OCI unwrapper: escape-aware quote scanning and multi-level decoding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pm::oci {

// Go %q levels through which a quote preceded by `backslashes` backslashes stays escaped: 0 for a bare
// quote, 1 for `\"`, 2 for `\\\"`, … (the number of trailing one bits; each quoting turns k into 2k+1).
int quote_level(std::size_t backslashes);

// Length of the run of backslashes that ends just before `pos`, not looking before `floor`.
std::size_t backslashes_before(std::string_view text, std::size_t pos, std::size_t floor);

// First `"` at or after `from` preceded by an even backslash run (counted from `from` on), or npos.
std::size_t find_unescaped_quote(std::string_view text, std::size_t from);

// First `"` at or after `from` that ends a string quoted `levels` times (quote_level < levels), or npos.
std::size_t find_quote_below_level(std::string_view text, std::size_t from, int levels);

// go_unquote_body applied `levels` times; stops as soon as no backslash is left.
std::string decode_levels(std::string_view text, int levels);

}  // namespace pm::oci
