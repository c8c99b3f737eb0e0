// The fuzz targets' bodies, one per target, shared by the libFuzzer binaries (fuzz_<name>) and by the
// unit test that replays every corpus file and every saved crash reproducer under any compiler.
// Each runs one input through its stages and aborts (with a message on stderr) when an invariant
// breaks; a crash or sanitizer report is a failure by itself.
#pragma once

#include <string_view>

namespace pm::fuzz {

// Bytes as an input file: decoded, split into regions, each read by its reader, correlated,
// diagnosed and rendered both ways. A first byte K below the number of readers hands the whole
// text to reader K of the registry instead (so every reader sees raw bytes the splitter would
// never give it); any other first byte (0x80 in the seeds) leaves it to the splitter.
void readers(std::string_view data);
// Bytes to text: BOMs, UTF-16/32 of odd length, legacy charsets; the text is valid UTF-8 and its
// line index covers it.
void decode(std::string_view data);
// One runtime error message unwrapped and classified; every layer is a view of kept text.
void unwrap(std::string_view data);
// A .rules file loaded and validated; a grammar that loads runs its own examples.
void grammar(std::string_view data);
// An evidence store built from the bytes, rendered: the JSON parses and has the contract's keys,
// and (with cmark-gfm) the Markdown has the block structure of the same report with inert text.
void report(std::string_view data);

// Aborts the run, naming the invariant: libFuzzer saves the input as a reproducer.
[[noreturn]] void fail(std::string_view target, std::string_view what);

}  // namespace pm::fuzz
