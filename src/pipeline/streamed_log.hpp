// A large container log is never held whole: it is read in chunks through the log scanner, which
// keeps only its signatures and last line (formats.md §9; memory stays bounded whatever its size).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "evidence/incident.hpp"
#include "grammar/grammar.hpp"
#include "input/input_source.hpp"
#include "readers/reader.hpp"

namespace pm {

// Inputs above this size are looked at before they are read: a log is streamed, anything else read whole.
inline constexpr std::uint64_t k_stream_threshold = 8u << 20;

enum class StreamKind : std::uint8_t { none, container_log, kernel_log };

// Whether `input` (of `size` bytes) is a log to stream: its first 64 KiB are plain UTF-8 text of no
// kind but a container log, or of no kind but a kernel log.
StreamKind stream_kind(const InputSource& input, std::uint64_t size, const ReaderRegistry& readers);
inline bool should_stream(const InputSource& input, std::uint64_t size, const ReaderRegistry& readers) {
    return stream_kind(input, size, readers) != StreamKind::none;
}

// Reads `input` as a container log into `part` under `id`; its InputRecord gets its line count and kind.
void stream_container_log(const Grammar& g, const InputSource& input, InputId id, Incident& part);
// The same for a kernel log (dmesg, journalctl -k, syslog): its events, not its text, are kept.
void stream_kernel_log(const Grammar& g, const InputSource& input, InputId id, Incident& part);

}  // namespace pm
