// The records every stage shares: what podmortem rebuilt from its inputs, shaped like the JSON contract v1.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pm {

using OptStr = std::optional<std::string>;
using OptInt = std::optional<long long>;

// "PATH:LINE" (1-based line) or just "PATH" when line is 0.
std::string cite(const std::string& path, int line);

// A line of input quoted as evidence.
struct Evidence {
    std::string source;  // "PATH:LINE"
    std::string text;    // the line as read (trimmed), untrusted
};

struct Warning {
    std::string source;  // "PATH:LINE" or "PATH"
    std::string message;
};

struct Termination {
    OptStr reason;
    OptInt exit_code;      // normalised 0..255
    OptInt raw_exit_code;  // only when it differs from exit_code
    OptInt signal;
    OptStr signal_name;
    OptStr started;  // RFC 3339, offset kept
    OptStr finished;
    OptStr message;  // exactly as printed, lines joined with \n
    std::vector<std::string> message_chain;
    std::string source;
    // Not in the contract: the lines this record was read from, for citing.
    std::vector<Evidence> cites;
    bool never_started = false;  // Started was the Unix epoch: CRI reported StartedAt=0
};

struct State {
    std::string status = "unknown";  // running | waiting | terminated | unknown
    OptStr reason;
    OptStr message;
    OptStr started;
    OptStr finished;
    OptInt exit_code;
    OptInt signal;
    // Not in the contract.
    std::string source;
    std::vector<Evidence> cites;
    std::optional<Termination> as_termination;  // set when status == terminated
};

struct Mount {
    std::string path;
    std::string volume;
    std::string mode;     // "ro" / "rw"
    OptStr sub_path;      // from path="…"
    std::string source;
    std::string line_text;  // not in the contract: the line as read, for evidence
};

struct Probe {
    std::string kind;     // liveness | readiness | startup
    std::string spec;     // as printed: "http-get http://:8080/healthz delay=0s …"
    std::string source;
    std::string line_text;  // not in the contract: the line as read, for evidence
};

struct Alternative {
    std::string cause;
    std::string confidence;
    std::string summary;
};

struct Subject {
    OptStr pod;        // "NS/NAME"
    OptStr container;
    OptStr node;
};

struct Finding {
    Subject subject;
    std::string cause = "unknown";
    std::string confidence = "low";
    std::string summary;
    std::vector<Evidence> evidence;
    std::vector<std::string> remediation;
    std::vector<Alternative> alternatives;
    // Not in the contract (printed in Markdown, and as extra JSON keys): the exit-code sentence.
    OptStr exit_code_explanation;
};

struct Event {
    OptStr type;
    OptStr reason;
    OptStr from;
    OptStr object;
    std::string message;
    std::vector<std::string> message_chain;
    OptInt count;
    OptStr first_seen;
    OptStr last_seen;
    OptStr age;
    std::string source;
    std::string row_text;  // not in the contract: the row's first line as read, for evidence
};

struct Container {
    OptStr name;
    std::string type = "app";  // init | app | ephemeral
    OptStr image;
    OptStr container_id;
    OptInt restart_count;
    std::optional<bool> ready;
    State state;
    std::optional<Termination> last_termination;
    std::vector<Termination> terminations;  // oldest first
    std::optional<Finding> diagnosis;
    // Not in the contract: what the diagnosis and the report lean on.
    std::string source;
    std::optional<Evidence> restart_cite;
    std::map<std::string, std::string> limits;    // resource -> quantity
    std::map<std::string, std::string> requests;
    std::optional<Evidence> memory_limit_cite;
    std::vector<Probe> probes;
    std::vector<Mount> mounts;
    std::vector<std::string> command;
    std::vector<std::string> args;
    std::vector<std::pair<std::string, std::string>> environment;  // name, value as printed
    // The spec lines kubectl prints before Environment/Mounts (limits, probes) were all read: only then
    // does a missing probe or limit mean there is none.
    bool spec_complete = false;
};

struct Volume {
    std::string name;
    std::string type;     // "ConfigMap", "Secret", "Projected", "EmptyDir", …
    OptStr object_name;   // the ConfigMap/Secret name
    std::string source;
};

struct Pod {
    OptStr namespace_;
    OptStr name;
    OptStr uid;
    OptStr node;
    OptStr status;
    std::string source;
    std::vector<Container> containers;  // init first, in input order
    std::vector<Event> events;          // oldest first where the input allows
    // Not in the contract.
    OptStr reason;        // pod-level Reason: (Evicted, DeadlineExceeded, …)
    OptStr message;       // pod-level Message:
    OptStr start_time;
    OptStr qos_class;
    OptStr controlled_by;
    std::optional<Evidence> status_cite;
    std::optional<Evidence> reason_cite;
    std::vector<std::pair<std::string, std::string>> conditions;  // type, status
    std::vector<Volume> volumes;
    std::vector<std::pair<std::string, std::string>> labels;
};

struct RuntimeError {
    std::string source;
    std::string message;
    std::vector<std::string> chain;  // outermost first
    std::string innermost;
    std::string cause;
    // Not in the contract.
    std::string rule;         // the grammar rule that classified it
    std::string explanation;  // the innermost cause in plain words
    bool truncated = false;
    long long occurrences = 1;  // on the first listed copy: how often this chain was found in all
};

struct KernelEvent {
    std::string kind;
    std::string source;
    OptStr time;
    std::optional<double> uptime_s;
    std::string time_basis = "uptime";
    OptStr process;
    OptInt pid;
    OptStr constraint;
    OptStr cgroup;
    OptStr pod_uid;
    OptStr container_id;
    OptStr oom_scope;
    int first_line = 0;
    int last_line = 0;
};

struct InputInfo {
    std::string path;
    std::string kind = "unknown";
    std::string encoding = "UTF-8";
    long long lines = 0;
};

// How many copies of one runtime error chain are listed, and where the first is.
struct RepeatCount {
    std::size_t first = 0;
    std::size_t listed = 0;
};

struct Report {
    std::vector<InputInfo> inputs;
    std::vector<Pod> pods;
    std::vector<Finding> findings;
    std::vector<KernelEvent> kernel_events;
    std::vector<RuntimeError> runtime_errors;
    std::vector<Warning> warnings;
    // Not in the contract: identical runtime errors beyond the cap are counted here, not listed.
    std::unordered_map<std::string, RepeatCount> runtime_error_repeats;
    long long runtime_errors_counted = 0;
};

}  // namespace pm
