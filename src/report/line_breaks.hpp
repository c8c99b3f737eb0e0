// A text with its line breaks taken out, so a pattern sees a value a terminal wrapped as one run.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace pm {

struct Unbroken {
    std::string text;                 // the text without its '\n' bytes
    std::vector<std::size_t> breaks;  // where each '\n' stood, as offsets into `text`, ascending
};

Unbroken take_out_breaks(std::string_view text);

// Only the text, for the screen: most texts hold no trigger and never need their breaks.
std::string without_breaks(std::string_view text);

// The text with its '\n' bytes back where the breaks say.
std::string put_back_breaks(const Unbroken& unbroken);

// Every match of `regex` in `unbroken.text` replaced by `rewrite` (RE2's `\N` syntax), as
// RE2::GlobalReplace does; a break moves with the text around it, and one inside matched text that
// no `\N` copies (the secret) goes with that text. Returns the number of replacements.
int replace_keeping_breaks(Unbroken& unbroken, const re2::RE2& regex, std::string_view rewrite);

}  // namespace pm
