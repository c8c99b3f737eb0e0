// The facts podmortem rebuilds from its inputs, as readers append them to the Incident. Text is held as
// views into the kept input text or the incident's arena; times as TimePoints; where a fact came from
// as a Cite. Every termination is stored once, in its container's list.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "base/cite.hpp"
#include "base/time_point.hpp"
#include "base/vocabulary.hpp"

namespace pm {

using Text = std::string_view;
using OptText = std::optional<std::string_view>;
using OptInt = std::optional<long long>;
using OptTime = std::optional<TimePoint>;
using TextPairs = std::vector<std::pair<Text, Text>>;

inline constexpr std::uint32_t k_none_index = static_cast<std::uint32_t>(-1);

struct Termination {
    OptText reason;
    OptInt exit_code;      // normalised 0..255
    OptInt raw_exit_code;  // only when it differs from exit_code
    OptInt signal;
    OptText signal_name;
    OptTime started;
    OptTime finished;
    OptText message;       // exactly as printed, lines joined with \n
    Cite at;               // where the record starts
    Cite message_at;       // its `Message:` line (the runtime error found there is listed under it)
    std::vector<Quote> cites;  // the lines it was read from
    std::uint32_t runtime_error = k_none_index;  // the unwrapped error its message holds, if any
    bool never_started = false;  // Started was the Unix epoch: CRI reported StartedAt=0
    OptText windows_status;      // a Windows exit's NTSTATUS, "0xC000013A STATUS_CONTROL_C_EXIT"
};

struct State {
    StateStatus status = StateStatus::unknown;
    OptText reason;
    OptText message;
    OptTime started;
    OptTime finished;
    OptInt exit_code;
    OptInt signal;
    Cite at;
    Cite message_at;
    std::vector<Quote> cites;
    std::uint32_t termination = k_none_index;   // terminated: its record in Container::terminations
    std::uint32_t runtime_error = k_none_index;  // a Waiting message's unwrapped error
};

struct Mount {
    Text path;
    Text volume;
    Text mode;        // "ro" / "rw"
    OptText sub_path;  // from path="…"
    Quote line;
};

struct Probe {
    Text kind;  // liveness | readiness | startup
    Text spec;  // as printed: "http-get http://:8080/healthz delay=0s …"
    Quote line;
};

struct Event {
    OptText type;
    OptText reason;
    OptText from;
    OptText object;
    Text message;
    OptInt count;
    OptTime first_seen;
    OptTime last_seen;
    OptText age;
    Cite at;
    Text row_text;  // the row's first line as read, for evidence
    std::uint32_t runtime_error = k_none_index;
    OptText container;  // the container it names (set by correlation)
};

struct Container {
    OptText name;
    ContainerType type = ContainerType::app;
    OptText image;
    OptText container_id;
    OptInt restart_count;
    std::optional<bool> ready;
    State state;
    std::uint32_t last_termination = k_none_index;  // `Last State: Terminated`: its record in terminations
    std::vector<Termination> terminations;          // oldest first
    Cite at;
    std::optional<Quote> restart_cite;
    TextPairs limits;  // resource -> quantity, sorted as kubectl prints them
    TextPairs requests;
    std::optional<Quote> memory_limit_cite;
    std::vector<Probe> probes;
    std::vector<Mount> mounts;
    std::vector<Text> command;
    std::vector<Text> args;
    TextPairs environment;  // name, value as printed
    // The spec lines kubectl prints before Environment/Mounts (limits, probes) were all read: only then
    // does a missing probe or limit mean there is none.
    bool spec_complete = false;
    std::vector<std::uint32_t> kernel_events;  // the kernel events tied to it, in order (set by correlation)

    const Termination* last() const { return last_termination == k_none_index ? nullptr : &terminations[last_termination]; }
    const Termination* current_termination() const {
        return state.termination == k_none_index ? nullptr : &terminations[state.termination];
    }
    // The most recent termination: a terminated current state, else the Last State, else the newest known.
    const Termination* latest() const;
    OptText limit(Text resource) const;
};

struct Volume {
    Text name;
    Text type;  // "ConfigMap", "Secret", "Projected", "EmptyDir", …
    OptText object_name;
    Cite at;
};

struct Pod {
    OptText namespace_;
    OptText name;
    OptText uid;
    OptText node;
    OptText status;
    Cite at;
    std::vector<Container> containers;  // init first, in input order
    std::vector<Event> events;          // oldest first where the input allows
    OptText reason;   // pod-level Reason: (Evicted, DeadlineExceeded, …)
    OptText message;  // pod-level Message:
    OptTime start_time;
    OptText qos_class;
    OptText controlled_by;
    std::optional<Quote> status_cite;
    std::optional<Quote> reason_cite;
    TextPairs conditions;  // type, status
    std::vector<Volume> volumes;
    TextPairs labels;
    std::uint32_t lone_error = k_none_index;  // a pod made for a pasted runtime error no record holds
    bool listed_only = false;  // known only from a `kubectl get pods` row: a record of it elsewhere wins
};

struct RuntimeError {
    Cite at;
    Text message;
    std::vector<Text> chain;  // outermost first
    Text innermost;
    Text cause;
    Text rule;         // the grammar rule that classified it
    Text explanation;  // the innermost cause in plain words
    bool truncated = false;
    long long occurrences = 1;  // on the first listed copy: how often this chain was found in all
};

// One application signature found in a log (grammars/crash-signatures.rules): the block it heads,
// quoted once, with its lines.
struct LogSignature {
    Text rule;     // the crash rule's id
    Text cause;
    Text explain;  // the rule's sentence with {what} filled in
    Text what;
    bool fatal = true;
    Cite at;                      // the block's first line
    std::uint32_t last_line = 0;  // its last line (same input)
    Text block;                   // its lines, log prefixes removed, joined by \n (bounded)
    OptTime time;                 // the first line's timestamp, when the log has them
};

// A container's log (a `kubectl logs -p` file, a CRI log file, a termination message read as a log
// tail): who it belongs to, what it ended with, its signatures.
struct ContainerLog {
    Cite at;  // where it starts (line 0: the whole input)
    OptText namespace_;
    OptText pod;
    OptText pod_uid;
    OptText container;
    Text attributed_by;   // how the container was known: "its path", "its --prefix", "the only container" ...
    std::uint64_t lines = 0;
    std::optional<Quote> last_line;  // its last line with text, as written (prefix removed)
    OptTime last_time;               // that line's timestamp, when the log has them
    std::vector<LogSignature> signatures;  // the last few, oldest first
    std::uint64_t signatures_seen = 0;     // how many were found in all
    bool from_message = false;             // a termination message read as a log tail
    std::uint32_t pod_index = k_none_index;        // the container it belongs to, once correlation knows
    std::uint32_t container_index = k_none_index;
    // The signature that decides: the last fatal one, else the last one; nullptr when none.
    const LogSignature* decisive() const;
};

struct KernelEvent {
    Text kind;
    Cite at;
    OptTime time;
    std::optional<double> uptime_s;
    TimeBasis time_basis = TimeBasis::uptime;
    OptText process;
    OptInt pid;
    OptText constraint;
    OptText cgroup;
    OptText pod_uid;
    OptText container_id;
    OptText oom_scope;
    std::uint32_t first_line = 0;
    std::uint32_t last_line = 0;
    // An OOM kill's report (formats.md §3.2): the task that invoked it, the allocation, the memcg figures.
    OptText trigger;
    OptText gfp_mask;
    OptInt order;
    OptInt memcg_usage_kb;
    OptInt memcg_limit_kb;
    OptInt memcg_failcnt;
    OptInt kmem_usage_kb;  // cgroup v1 kernel-memory accounting
    OptText oom_memcg;     // the cgroup whose limit was hit (the pod's when the pod-level limit tripped)
    OptInt total_vm_kb;
    OptInt anon_rss_kb;
    OptInt chosen_pid;     // "Kill process A … or sacrifice child" when the kernel killed another
    bool header_lost = false;  // a kill whose report dump_header's ratelimit suppressed
    bool group_kill = false;   // memory.oom.group killed the whole cgroup
    OptText detail;            // a boot's release, a segfault's library, …
    OptInt free_kb;            // a page allocation failure: free memory outside DMA (the buddy lines)
    OptInt largest_free_order; // … and the highest order with a free block there (-1: none)
    std::vector<Quote> quotes;  // the lines that decide it, as read
    // The container it hit, once correlation knows, and how it was matched.
    std::uint32_t pod_index = k_none_index;
    std::uint32_t container_index = k_none_index;
    Text matched_by;
    std::uint32_t boot = 0;  // boots seen before it in its input (uptimes compare within one boot)
    OptText yearless_time;   // a journal or syslog stamp without year or offset (`Mar  5 02:17:44`)
    std::optional<Cite> time_from;  // `time` was put on the wall clock with the boot time this line gave
    std::optional<Cite> year_from;  // a yearless stamp's year came from this record (a termination)
    OptText previous_boot_end;      // a boot: how the boot before it ended (a shutdown line, or none seen)
    OptText host;                   // the machine its journal or syslog envelope names (nullopt: none printed)
    OptText not_matched_because;    // why a kill its time would have tied to a container was not
};

}  // namespace pm
