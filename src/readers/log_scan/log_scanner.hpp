// Reads a container log once, in chunks, keeping only what a post-mortem quotes: the application's
// crash signatures with their traces (the last few), and its last line. Shared by the container-log
// reader (a file read whole, or streamed) and by correlation (a termination message read as a log
// tail). Linear in the bytes; memory bounded whatever the log's size or line lengths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evidence/incident.hpp"
#include "grammar/grammar.hpp"
#include "readers/log_scan/literal_matcher.hpp"

namespace pm {

// The crash rules of one grammar, with their literals compiled into one matcher.
class CrashScanner {
public:
    explicit CrashScanner(const Grammar& g);
    // One per grammar, built on first use.
    static const CrashScanner& of(const Grammar& g);

    const Grammar& grammar() const { return m_grammar; }
    const LiteralMatcher& matcher() const { return m_matcher; }
    const std::vector<std::uint16_t>& rules_of(unsigned literal) const { return m_rules_of[literal]; }

private:
    const Grammar& m_grammar;
    std::vector<std::string> m_literals;
    LiteralMatcher m_matcher;
    std::vector<std::vector<std::uint16_t>> m_rules_of;  // literal -> crash rules that need it
};

// Bounds: signatures kept per container, lines and bytes of one trace block.
inline constexpr std::size_t k_log_signatures_kept = 8;
inline constexpr std::size_t k_log_block_lines = 40;
inline constexpr std::size_t k_log_block_bytes = 16384;

class LogScanner {
public:
    // `first_line` (1-based) is the input line the first fed byte is on.
    LogScanner(const CrashScanner& scanner, Incident& incident, InputId input, std::uint32_t first_line);

    // Who the log is for, when something outside it says (its path, an option).
    void attribute(const OptText& namespace_, const OptText& pod, const OptText& pod_uid, const OptText& container,
                   Text how);

    // `text` is whole lines; only the last call may end without a '\n' - or any call with
    // `line_goes_on`, when a line too long to hold is fed in pieces.
    void feed(std::string_view text, bool line_goes_on = false);
    // Lines fed so far.
    std::uint64_t lines_read() const { return m_line - m_first_line; }
    // Ends the log: one record per container it held (a --prefix log holds several).
    std::vector<ContainerLog> finish();

private:
    struct Draft {
        std::uint16_t rule = 0;
        std::string what;
        std::string block;
        std::uint32_t first_line = 0;
        std::uint32_t last_line = 0;
        std::optional<TimePoint> time;
        std::size_t lines = 1;
    };
    struct Stream {
        std::string pod;
        std::string container;
        std::string attributed_by;
        std::uint64_t lines = 0;
        std::vector<Draft> kept;  // the last k_log_signatures_kept
        std::uint64_t seen = 0;
        std::optional<Draft> open;  // a signature whose trace may go on
        std::string last_text;
        std::uint32_t last_line = 0;
        std::optional<TimePoint> last_time;
        std::string partial;  // a CRI `P` record waiting for the rest of its line
        std::uint32_t partial_line = 0;
    };

    void process_line(std::string_view raw, std::uint32_t number, bool hit);
    void try_signatures(Stream& stream, std::string_view text, std::uint32_t number, const std::optional<TimePoint>& time);
    void close_open(Stream& stream);
    Stream& stream_for(std::string_view pod, std::string_view container);
    void note_last(Stream& stream, std::string_view text, std::uint32_t number, const std::optional<TimePoint>& time);

    const CrashScanner& m_scanner;
    LiteralMatcher::Scratch m_scratch;
    Incident& m_incident;
    InputId m_input;
    std::uint32_t m_first_line;
    std::uint32_t m_line;       // the number of the next line to be fed
    bool m_per_line = false;    // decided on the first lines: an envelope or prefix on each line
    bool m_decided = false;
    std::map<std::string, Stream, std::less<>> m_streams;  // by "pod/container"; "" for an unprefixed log
    OptText m_ns, m_pod, m_uid, m_container;
    Text m_how;
    std::string m_storage;
    std::string m_defaulted;  // the container a `Defaulted container` line named
};

}  // namespace pm
