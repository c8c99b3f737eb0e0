// Splits an input into regions, each a run of lines of one kind: a notes file holding a describe, then
// events, then a log and dmesg lines, with prompts and prose between, becomes one region per paste.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "input/source_text.hpp"
#include "regions/signature.hpp"
#include "regions/signature_index.hpp"

namespace pm {

struct Region {
    std::size_t first = 0;  // 0-based line index, inclusive
    std::size_t last = 0;   // inclusive
    std::size_t kind = 0;   // index into the kinds the split was given
};

struct RegionSplit {
    std::vector<Region> regions;  // in line order; prose between them belongs to none
    bool binary = false;          // the text is not text (control bytes, U+FFFD): nothing to read
};

// Boundaries fall at shell prompts (`$ kubectl logs -p …`, `# dmesg -T`), whose command also hints the
// kind of what follows, at code fences, and between blank-line-separated blocks whose kinds differ.
// Each block's kind comes from a bounded sample of its lines scored against every kind's signatures,
// stopping once the kind is certain; a block that continues the region before it is recognised from
// its first telling line. A text with no recognised block at all is of the plain-text kind, as a
// whole (a log). Linear in the text.
// `index` is the kinds' SignatureIndex when the caller keeps one (a registry does); else one is built.
RegionSplit split_regions(const LineIndex& lines, std::string_view path, std::span<const KindProfile> kinds,
                          const SignatureIndex* index = nullptr, unsigned jobs = 1);

// The kind a shell command's output has (`kubectl logs` -> a plain-text kind, `dmesg` -> the kernel
// log), by the names the kinds are registered under; npos when the line is no prompt or names no kind.
std::size_t prompt_hint(std::string_view line, std::span<const KindProfile> kinds, bool& is_prompt);

// The command after a shell prompt (`$ `, `# `, `% `, `user@host:~$ `, `[root@node ~]# `, `bash-5.1$ `,
// `(venv) $ `, `❯ `, `PS C:\> `), or nullopt when the line is no prompt.
std::optional<std::string_view> prompt_command(std::string_view line);

// A shell prompt with its command (`user@host:~$ kubectl logs …`, `$ kubectl …`, `[10:40] me@box:~$`):
// what a person typed, never a program's output.
bool is_shell_prompt(std::string_view line);

}  // namespace pm
