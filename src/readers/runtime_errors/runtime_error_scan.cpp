#include "readers/runtime_errors/runtime_error_scan.hpp"

#include <optional>

#include <re2/re2.h>

#include "base/exit_code.hpp"
#include "base/text.hpp"
#include "oci/classify.hpp"
#include "oci/unwrap.hpp"

namespace pm {

namespace {

constexpr size_t k_max_wrapped_lines = 64;  // a runtime message is capped at 4 KiB; 64 wrapped lines hold more

// A line that opens a message of its own (an outermost wrapper, a log stamp, a JSON record), not one
// that continues a wrapped message mid-chain (`unable to start container process: …`).
bool starts_new_error(std::string_view line) {
    static const RE2 opener(R"(^[\s>]*(?:[0-9{\[]|[EIWF][0-9]{4} |(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3][0-9] )"
                            R"(|Error|error:|failed to (?:create|start)|Failed to )"
                            R"(|OCI runtime|oci runtime|rpc error|time=|level=|docker:|container create failed|)"
                            R"(Container creation error|Warning|Normal))");
    return looks_like_runtime_error(line) && RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), opener);
}

// `StartError (exit code 128): failed to create containerd task: …`, as `kubectl get pod` and
// dashboards print a terminated state: its reason and exit code make a termination record.
std::optional<Termination> termination_heading(Text message, std::uint32_t runtime_error, Cite at) {
    static const RE2 heading(R"(^[\s>]*([A-Z][A-Za-z]{2,40}) \(exit code (-?[0-9]{1,11})\): )");
    re2::StringPiece reason;
    long long code = 0;
    re2::StringPiece input(message.data(), message.size());
    if (!RE2::Consume(&input, heading, &reason, &code)) {
        return std::nullopt;
    }
    Termination t;
    t.reason = Text(reason.data(), reason.size());
    const NormalisedExit exit = normalise_exit_code(code);
    t.exit_code = exit.code;
    t.raw_exit_code = exit.raw;
    if (const std::optional<int> signal = signal_from_exit_code(exit.code)) {
        t.signal = *signal;
    }
    t.message = Text(input.data(), input.size());
    t.at = at;
    t.message_at = at;
    t.cites.push_back({at, message.substr(0, message.find('\n'))});
    t.runtime_error = runtime_error;
    return t;
}

// `ImagePullBackOff: Back-off pulling image "web:1.2"`, as dashboards, k9s and `kubectl get pod -o
// jsonpath` print a waiting container: a reason the grammar knows as a waiting one, then its message.
std::optional<State> waiting_heading(const Grammar& g, Text line, Cite at) {
    static const RE2 heading(R"(^[\s>]*([A-Z][A-Za-z]{2,40}): +(\S.*)$)");
    re2::StringPiece reason;
    re2::StringPiece message;
    if (line.empty() || !RE2::FullMatch(re2::StringPiece(line.data(), line.size()), heading, &reason, &message)) {
        return std::nullopt;
    }
    const ReasonRule* rule = g.reason(std::string_view(reason.data(), reason.size()));
    if (rule == nullptr || rule->state != "waiting") {
        return std::nullopt;
    }
    State s;
    s.status = StateStatus::waiting;
    s.reason = Text(reason.data(), reason.size());
    s.message = Text(message.data(), message.size());
    s.at = at;
    s.message_at = at;
    s.cites.push_back({at, line});
    return s;
}

bool is_blank_continuation(std::string_view line) {
    return line.find_first_not_of(" \t>") == std::string_view::npos;
}

// containerd ends every error it returns over gRPC with the code's name (`…: unknown`): a line that
// ends so is the whole message, and the next line (a tool's `[FAIL] Operation failed.`) is not part of it.
bool ends_message(std::string_view line) {
    const std::string_view t = trim(line);
    return t.ends_with(": unknown") || t.ends_with(": unknown\"") || t.ends_with(": unknown.");
}

}  // namespace

void read_pasted_errors(ReadContext& context) {
    const LineIndex& lines = context.text.body_lines();
    Incident& incident = context.incident;
    size_t i = context.region.first;
    const size_t end = context.region.last + 1;
    std::uint32_t heading_pod = k_none_index;  // the pod the waiting heading just above made
    while (i < end) {
        if (std::optional<State> waiting = waiting_heading(context.grammar, lines[i], context.cite(i))) {
            if (heading_pod != k_none_index) {
                // The next state of the same container (ImagePullBackOff, then ErrImagePull): its line is evidence.
                incident.pods[heading_pod].containers[0].state.cites.push_back(waiting->cites.front());
            } else {
                Pod pod;
                pod.at = context.cite(i);
                Container c;
                c.at = pod.at;
                c.state = std::move(*waiting);
                pod.containers.push_back(std::move(c));
                heading_pod = static_cast<std::uint32_t>(incident.pods.size());
                incident.pods.push_back(std::move(pod));
            }
            ++i;
            continue;
        }
        heading_pod = k_none_index;
        if (!looks_like_runtime_error(lines[i])) {
            ++i;
            continue;
        }
        // A pasted message may be wrapped over several lines: it runs on until a blank line or the
        // start of the next error.
        size_t stop = i + 1;
        while (stop < end && stop - i < k_max_wrapped_lines && !ends_message(lines[stop - 1]) &&
               !is_blank_continuation(lines[stop]) && !starts_new_error(lines[stop])) {
            ++stop;
        }
        Text message = lines[i];
        if (stop > i + 1) {
            std::string joined(lines[i]);
            for (size_t j = i + 1; j < stop; ++j) {
                joined += '\n';
                joined += lines[j];
            }
            message = incident.keep(joined);
        }
        bool listed = false;
        const std::uint32_t index =
            incident.list_runtime_error(analyse_runtime_error(context.grammar, message, context.cite(i), incident), &listed);
        // A copy beyond the listing cap makes no entry of its own.
        if (listed) {
            Pod pod;
            pod.at = context.cite(i);
            pod.lone_error = index;
            Container c;
            c.at = pod.at;
            if (std::optional<Termination> t = termination_heading(message, index, pod.at)) {
                c.terminations.push_back(std::move(*t));
                c.last_termination = 0;
            }
            pod.containers.push_back(std::move(c));
            incident.pods.push_back(std::move(pod));
        }
        i = stop;
    }
}

void read_runtime_errors_only(ReadContext& context) {
    const LineIndex& lines = context.text.body_lines();
    Incident& incident = context.incident;
    size_t found = 0;
    for (size_t i = context.region.first; i <= context.region.last; ++i) {
        const std::string_view line = lines[i];
        if (!looks_like_runtime_error(line)) {
            continue;
        }
        incident.list_runtime_error(analyse_runtime_error(context.grammar, line, context.cite(i), incident));
        ++found;
    }
    // A file read whole is named as a whole; a region of a file by its first line.
    const Cite at{context.input, context.whole_input ? 0 : static_cast<std::uint32_t>(context.region.first + 1)};
    incident.warn(at, "read as " + std::string(context.kind) + ": this version correlates only runtime errors from it (" +
                          std::to_string(found) + " found); its other evidence is not yet used");
}

}  // namespace pm
