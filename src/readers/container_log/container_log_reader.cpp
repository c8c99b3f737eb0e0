#include "readers/container_log/container_log_reader.hpp"

#include "base/text.hpp"
#include "oci/classify.hpp"
#include "oci/unwrap.hpp"
#include "readers/container_log/log_owner.hpp"
#include "readers/log_scan/log_scanner.hpp"
#include "regions/splitter.hpp"
#include "regions/typed_command.hpp"

namespace pm {

namespace {

OptText kept(Incident& incident, const std::optional<std::string>& value) {
    return value ? OptText(incident.keep(*value)) : std::nullopt;
}

// The `kubectl logs …` typed just above the region (past a fence or a blank line), when there is one:
// in a notes file it says whose log this is.
std::optional<LogsCommand> typed_above(const SourceText& source, const Region& region) {
    for (std::size_t back = 1; back <= 3 && back <= region.first; ++back) {
        const std::string_view line = source.lines[region.first - back];
        if (const auto command = prompt_command(line)) {
            return read_logs_command(*command);
        }
        const std::string_view t = trim(line);
        if (!t.empty() && !t.starts_with("```") && !t.starts_with("~~~")) {
            return std::nullopt;  // text between: the prompt, if any, is not this region's
        }
    }
    return std::nullopt;
}

}  // namespace

void read_container_log(ReadContext& context) {
    const SourceText& source = context.text;
    Incident& incident = context.incident;
    const Region& region = context.region;
    if (source.lines.empty()) {
        return;
    }
    // The region's bytes as written (prefixes included: timestamps are the log's own).
    const std::string_view first = source.lines[region.first];
    const std::string_view last = source.lines[region.last];
    const std::size_t begin = static_cast<std::size_t>(first.data() - source.text.data());
    const std::size_t end = static_cast<std::size_t>(last.data() + last.size() - source.text.data());
    LogScanner scanner(CrashScanner::of(context.grammar), incident, context.input,
                       static_cast<std::uint32_t>(region.first + 1));
    const LogOwner owner = log_owner_of(source.path, source.log_container);
    const auto typed = typed_above(source, region);
    if (owner.container || owner.pod || owner.pod_uid) {
        scanner.attribute(kept(incident, owner.namespace_), kept(incident, owner.pod), kept(incident, owner.pod_uid),
                          kept(incident, owner.container), incident.keep(owner.how));
    } else if (typed && (typed->pod || typed->container)) {
        // Views into the input's text, which the incident keeps.
        scanner.attribute(typed->namespace_, typed->pod, std::nullopt, typed->container,
                          "the `kubectl logs` command typed above it");
    }
    scanner.feed(std::string_view(source.text).substr(begin, end - begin));
    for (ContainerLog& log : scanner.finish()) {
        if (!context.whole_input) {
            log.at = context.cite(region.first);
        }
        incident.container_logs.push_back(std::move(log));
    }
    // Runtime errors a log line holds (a kubelet or runtime line captured with the output).
    const LineIndex& lines = source.body_lines();
    for (std::size_t i = region.first; i <= region.last; ++i) {
        if (looks_like_runtime_error(lines[i])) {
            incident.list_runtime_error(analyse_runtime_error(context.grammar, lines[i], context.cite(i), incident));
        }
    }
}

}  // namespace pm
