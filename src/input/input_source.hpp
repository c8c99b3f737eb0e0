// Where an input's bytes come from - a file, standard input, and (later) a member of an archive - with
// the path reports cite, and reading it bounded: as it was when opened, never endlessly.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "input/mapped_file.hpp"

namespace pm {

enum class InputOrigin { file, standard_input };

struct InputSource {
    InputOrigin origin = InputOrigin::file;
    std::string display_path;  // what reports cite: the argument, or argument/relative for walked files
    std::string fs_path;       // what to open
    dev_t device = 0;          // identity of the file the walk found; 0/0 for stdin, and for a file the
                               // walk listed from its directory entry alone (file_identity asks then)
    ino_t inode = 0;
    std::string log_container;  // `--log CONTAINER=PATH`: the input is that container's log
    std::uint64_t size = 0;     // bytes when the walk found it, 0 when unknown (stdin, a file listed from
                                // its directory entry alone): what decides streaming

    static InputSource standard_input() { return {InputOrigin::standard_input, "-", "-", 0, 0, {}, 0}; }
};

// What podmortem reads at most from an input whose size it cannot know in advance (a pipe, a
// terminal, a /proc file that reports size 0). Larger inputs are cut there, with a warning.
inline constexpr std::size_t k_unknown_size_cap = 256u << 20;

// Reads an input as it was when opened: at most the size fstat gave then (a file still being written
// is not followed), in one read of that size, or k_unknown_size_cap for input of unknown size.
// Returns false and sets `error` (a sentence without the path) when it cannot; `note` is set when the
// input was cut. Given `mapping`, a regular file of k_map_min_bytes or more is mapped there instead
// (`bytes` stays empty) where the system allows.
// Given `defer_from`, a regular file of that many bytes or more is not read: true is returned with
// `*deferred_size` set to its size, for the caller to stream it or to read it after all.
bool read_input_bytes(const InputSource& source, std::string& bytes, std::string& error, std::string& note,
                      MappedFile* mapping = nullptr, std::uint64_t defer_from = UINT64_MAX,
                      std::uint64_t* deferred_size = nullptr);

// The device and inode of the file an input names: the walk's, or stat()'s where the walk took none.
std::pair<dev_t, ino_t> file_identity(const InputSource& input);

// The same on an open descriptor, with the cap for unknown sizes given (tests use a small one).
bool read_descriptor(int fd, std::size_t unknown_size_cap, std::string& bytes, std::string& error, std::string& note);

}  // namespace pm
