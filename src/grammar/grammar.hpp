// The declarative rules podmortem reasons with, as loaded from grammars/*.rules (data only).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/vocabulary.hpp"
#include "grammar/lazy_regex.hpp"

namespace pm {

// "cause:confidence" as written in a `causes =` list; the first is the reading, the rest alternatives.
struct CauseWeight {
    std::string cause;
    Confidence confidence = Confidence::low;
};

struct SignalInfo {
    int number = 0;
    std::string name;     // SIGKILL
    std::string meaning;  // "Kill signal: cannot be caught or ignored"
    std::string source;   // FILE:LINE of the rule
};

// An exit code or a range of them; a single code beats a range that holds it.
struct ExitRule {
    long long low = 0;
    long long high = 0;
    std::string label;
    std::string meaning;  // may use {code} {signal} {signal_name} {signal_meaning}
    std::vector<CauseWeight> causes;
    std::string source;
};

// A Windows NTSTATUS exit value (a negative 32-bit number on the wire), which is not a signal.
struct NtStatusRule {
    unsigned long code = 0;  // 0xC000013A
    std::string name;
    std::string meaning;
    std::vector<CauseWeight> causes;
    std::string summary;                   // said instead of the cause's Unix wording (optional)
    std::vector<std::string> remediation;  // Windows advice instead of the cause's (optional)
    std::string source;
};

// A kubelet/runtime reason (Terminated, Waiting or pod-level).
struct ReasonRule {
    std::string name;
    std::string state;  // terminated | waiting | pod
    std::string meaning;
    std::vector<CauseWeight> causes;  // empty: the exit code decides
    bool classify_message = false;    // the message is a runtime error to classify
    bool exit_code_reliable = true;   // false: kubelet made the exit code up
    bool exit_code_convention = false;  // the runtime set it by convention: explain it, draw no causes from it
    bool crashing = false;            // a waiting reason that means the container keeps terminating
    std::optional<CauseWeight> exit_0;  // the reading instead, when the exit code is 0
    std::string exit_0_note;          // the sentence that says why, when it is
    std::string restarted_note;       // a sentence for a restarted container ({restarts} is filled in)
    // The reading raised when the termination carries a message of the process's own (the log tail
    // kubelet copied, or its termination-log): the exit code alone is only a pointer.
    std::optional<CauseWeight> with_message;
    // Container kinds that end so by design (init, ephemeral, run-once): with exit 0 and no restart
    // they need no finding.
    std::vector<std::string> ends_normally;
    std::string source;
};

// The evidence a finding of a cause quotes besides the termination's own lines.
enum class CitedEvidence { memory_limit, probes, subpath_mounts, pod_reason };

struct CauseInfo {
    std::string name;
    std::string title;    // "cgroup OOM"
    std::string summary;  // may use {container} {exit} {limit} {innermost}
    std::vector<std::string> remediation;
    std::vector<std::string> remediation_without_log;  // steps that ask for a log, given when none was read
    bool needs_process = false;  // only a process that ran can die of it: ruled out when none started
    std::vector<CitedEvidence> cites;
    int rank = 2;  // among rival findings, the higher names the report's title (unknown 0, a clean exit 1)
    std::string possible;  // why it may still be the cause, as an alternative nothing rules out
    std::string settle;    // what evidence would settle it ({node} {pod} {container} {finished} filled in)
    // Event rules of which one must have matched when the pod's events were saved; else it is ruled out.
    std::vector<std::string> needs_event;
    // Sentences added to the summary when the exit code is one of the codes.
    std::vector<std::pair<std::vector<long long>, std::string>> exit_notes;
    std::string source;
};

struct RuleExample {
    std::string text;
    std::optional<std::string> expect_innermost;
    std::string source;
};

// Classifies an unwrapped runtime error; first matching rule in file order wins.
struct RuntimeRule {
    std::string id;
    std::string scope = "chain";  // chain: the layers joined with ": "; innermost: the last layer
    LazyRegex pattern;
    std::string cause;
    std::string explain;
    std::vector<std::string> remediation;
    std::vector<RuleExample> examples;
    std::string source;
};

// What an event says about a cause: `confirms` settles it, `supports` raises it, `seen` only cites.
struct EventRule {
    std::string id;
    LazyRegex reason;   // full match on the event reason
    LazyRegex pattern;  // searched in the message; (?P<container>…) names the container
    std::string cause;
    EventEffect effect = EventEffect::supports;
    std::vector<std::string> outranks;  // causes this event explains away: they drop below its own
    std::string explain;
    std::vector<RuleExample> examples;  // "Reason: message"
    std::string source;
};

// A setting in the container's own spec that bears on a cause (`-XX:MaxRAMPercentage=90` with a
// limit, a liveness probe with timeout=1s and #failure=1): raises or lowers that cause, and the
// report says so, citing the line.
struct ClueRule {
    std::string id;
    std::vector<std::string> where;  // command, args, env, probe: what the pattern is searched in
    LazyRegex pattern;
    std::string cause;
    bool raises = true;  // false: lowers
    bool needs_limit = false;  // only with a memory limit (a heap share means nothing without one)
    std::string explain;
    std::vector<RuleExample> examples;  // texts the pattern must find
    std::string source;
};

// An application's last words in its log (formats.md §10): the literals a line must hold for it to
// be tried (the scanner's prefilter), the pattern that confirms it, the lines that continue its trace.
struct CrashRule {
    std::string id;
    std::vector<std::string> literals;  // at least one is in every line the pattern can match
    LazyRegex pattern;                  // searched in the line without its log prefix; (?P<what>…) names it
    std::optional<LazyRegex> trace;     // a following line that belongs to its trace (frames, Caused by)
    std::optional<LazyRegex> detail;    // a trace line that names it ({detail}): the last match, or the first
    bool detail_first = false;
    std::string cause;
    bool fatal = true;      // false: context (a handled trace, a refused connection) that a fatal line outranks
    std::string explain;    // {what} is filled in
    // The exit codes the runtime ends with after it (node's abort() after a V8 heap OOM is 134): with
    // one of them, the exit code's own reading (SIGABRT, SIGSEGV) is how the program ended, not why.
    std::vector<long long> exits;
    std::vector<std::string> remediation;  // first steps when it decides ({pod} {container} {namespace})
    std::vector<RuleExample> examples;  // a line the pattern must match (the trace's lines after it, if any)
    std::string source;
};

// What a kernel event says about the container it is tied to (formats.md §3): a memcg OOM kill
// confirms cgroup-oom, a global one system-oom, a segfault segfault, …
struct KernelRule {
    std::string id;
    std::string event;  // the event's kind: oom-kill, segfault, page-allocation-failure, boot, userspace-oom-kill
    std::string scope;  // oom-kill only: memcg or global (empty: any)
    std::string cause;
    std::vector<std::string> outranks;  // causes it explains away: they drop to low
    std::string explain;
    std::vector<RuleExample> examples;  // kernel lines the reader must turn into such an event
    std::string source;
};

struct Grammar {
    std::map<int, SignalInfo> signals;
    std::vector<ExitRule> exits;
    std::map<unsigned long, NtStatusRule> ntstatus;
    std::map<std::string, ReasonRule, std::less<>> reasons;
    std::map<std::string, CauseInfo, std::less<>> causes;
    std::vector<RuntimeRule> runtime_rules;
    std::vector<EventRule> event_rules;
    std::vector<ClueRule> clue_rules;
    std::vector<CrashRule> crash_rules;
    std::vector<KernelRule> kernel_rules;

    // Best exit rule for a normalised code: a single code first, then the narrowest range.
    const ExitRule* exit_rule(long long code) const;
    const SignalInfo* signal(int number) const;
    // The NTSTATUS a printed exit value is, in either sign; nullptr for 0..255 and unknown statuses.
    const NtStatusRule* windows_status(long long printed) const;
    const ReasonRule* reason(std::string_view name) const;
    const CauseInfo* cause(std::string_view name) const;
    const RuntimeRule* runtime_rule(std::string_view id) const;
    // The first kernel rule for an event kind and OOM scope, or nullptr.
    const KernelRule* kernel_rule(std::string_view event, std::string_view scope) const;
};

}  // namespace pm
