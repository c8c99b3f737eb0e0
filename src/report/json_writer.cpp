// Renders a Report as the podmortem/v1 JSON document (see spec/report-json.md).
#include "report/json_writer.hpp"

#include <span>
#include <string_view>

#include "report/json_text.hpp"
#include "report/redact.hpp"

namespace pm {

namespace {

// Uptimes come from dmesg's [seconds.micros] stamps: six decimals keep what the kernel printed.
constexpr int k_uptime_decimals = 6;

// The contract's closed vocabularies. A value outside one (an upstream bug) is written as the
// list's "don't know" value so the document always validates against report.schema.json.
constexpr std::string_view k_causes[] = {
    "cgroup-oom",        "system-oom",        "liveness-probe-kill", "external-kill",  "app-error",
    "app-exit-normal",   "segfault",          "abort",               "node-reboot",    "memory-fragmentation",
    "configmap-subpath", "exec-not-found",    "permission-denied",   "exec-format-error",
    "oci-start-error",   "config-error",      "image-pull",          "evicted",        "unknown"};
constexpr std::string_view k_confidences[] = {"high", "medium", "low"};
constexpr std::string_view k_container_types[] = {"init", "app", "ephemeral"};
constexpr std::string_view k_state_statuses[] = {"running", "waiting", "terminated", "unknown"};
constexpr std::string_view k_input_kinds[] = {"describe", "events",  "container-log", "kernel-log", "pod-json",
                                              "pod-yaml", "bundle", "oci-message",   "unknown"};
constexpr std::string_view k_time_bases[] = {"wall-clock-with-offset", "wall-clock-no-offset", "uptime"};
constexpr std::string_view k_oom_scopes[] = {"memcg", "global"};

std::string_view in_vocabulary(std::string_view value, std::span<const std::string_view> allowed,
                               std::string_view fallback) {
    for (const std::string_view word : allowed) {
        if (word == value) {
            return value;
        }
    }
    return fallback;
}

class ReportJson {
public:
    explicit ReportJson(const RenderOptions& opts) : m_opts(opts) {}

    std::string render(const Report& report);

private:
    // Text that came from input (or may embed it).
    void text(std::string_view key, std::string_view value);
    void opt_text(std::string_view key, const OptStr& value);
    // Our own closed vocabulary (cause, confidence, status, …): never redacted.
    void word(std::string_view key, std::string_view value);
    void text_list(std::string_view key, const std::vector<std::string>& values);

    void input(const InputInfo& input);
    void pod(const Pod& pod);
    void container(const Container& container);
    void state(const State& state);
    void termination(const Termination& termination);
    void event(const Event& event);
    void finding(const Finding& finding);
    void runtime_error(const RuntimeError& error);
    void kernel_event(const KernelEvent& event);
    void warning(const Warning& warning);

    // Input text as written: redacted when asked, copied only when a secret was replaced.
    void untrusted_value(std::string_view value) {
        if (m_opts.redact && redact_into(value, m_scratch)) {
            m_json.string_value(m_scratch);
        } else {
            m_json.string_value(value);
        }
    }

    const RenderOptions& m_opts;
    JsonText m_json;
    std::string m_scratch;
};

void ReportJson::text(std::string_view key, std::string_view value) {
    m_json.key(key);
    untrusted_value(value);
}

void ReportJson::opt_text(std::string_view key, const OptStr& value) {
    m_json.key(key);
    if (value) {
        untrusted_value(*value);
    } else {
        m_json.null_value();
    }
}

void ReportJson::word(std::string_view key, std::string_view value) {
    m_json.key(key);
    m_json.string_value(value);
}

void ReportJson::text_list(std::string_view key, const std::vector<std::string>& values) {
    m_json.key(key);
    m_json.begin_array();
    for (const std::string& value : values) {
        untrusted_value(value);
    }
    m_json.end_array();
}

std::string ReportJson::render(const Report& report) {
    m_json.begin_object();
    word("schema", "podmortem/v1");
    m_json.key("tool");
    m_json.begin_object();
    word("name", "podmortem");
    word("version", PM_VERSION);
    m_json.end_object();

    m_json.key("inputs");
    m_json.begin_array();
    for (const InputInfo& item : report.inputs) {
        input(item);
    }
    m_json.end_array();

    m_json.key("pods");
    m_json.begin_array();
    for (const Pod& item : report.pods) {
        pod(item);
    }
    m_json.end_array();

    m_json.key("findings");
    m_json.begin_array();
    for (const Finding& item : report.findings) {
        finding(item);
    }
    m_json.end_array();

    m_json.key("kernel_events");
    m_json.begin_array();
    for (const KernelEvent& item : report.kernel_events) {
        kernel_event(item);
    }
    m_json.end_array();

    m_json.key("runtime_errors");
    m_json.begin_array();
    for (const RuntimeError& item : report.runtime_errors) {
        runtime_error(item);
    }
    m_json.end_array();

    m_json.key("warnings");
    m_json.begin_array();
    for (const Warning& item : report.warnings) {
        warning(item);
    }
    m_json.end_array();
    m_json.end_object();
    return m_json.finish();
}

void ReportJson::input(const InputInfo& input) {
    m_json.begin_object();
    text("path", input.path);
    word("kind", in_vocabulary(input.kind, k_input_kinds, "unknown"));
    word("encoding", input.encoding);
    m_json.key("lines");
    m_json.int_value(input.lines);
    m_json.end_object();
}

void ReportJson::pod(const Pod& pod) {
    m_json.begin_object();
    opt_text("namespace", pod.namespace_);
    opt_text("name", pod.name);
    opt_text("uid", pod.uid);
    opt_text("node", pod.node);
    opt_text("status", pod.status);
    text("source", pod.source);
    m_json.key("containers");
    m_json.begin_array();
    for (const Container& item : pod.containers) {
        container(item);
    }
    m_json.end_array();
    m_json.key("events");
    m_json.begin_array();
    for (const Event& item : pod.events) {
        event(item);
    }
    m_json.end_array();
    m_json.end_object();
}

void ReportJson::container(const Container& container) {
    m_json.begin_object();
    opt_text("name", container.name);
    word("type", in_vocabulary(container.type, k_container_types, "app"));
    opt_text("image", container.image);
    opt_text("container_id", container.container_id);
    m_json.key("restart_count");
    m_json.int_value(container.restart_count);
    m_json.key("ready");
    m_json.bool_value(container.ready);
    m_json.key("state");
    state(container.state);
    m_json.key("last_termination");
    if (container.last_termination) {
        termination(*container.last_termination);
    } else {
        m_json.null_value();
    }
    m_json.key("terminations");
    m_json.begin_array();
    for (const Termination& item : container.terminations) {
        termination(item);
    }
    m_json.end_array();
    m_json.key("diagnosis");
    if (container.diagnosis) {
        finding(*container.diagnosis);
    } else {
        m_json.null_value();
    }
    // Extra key: the environment as describe printed it, secret-looking values redacted by name.
    m_json.key("environment");
    m_json.begin_array();
    for (const auto& [name, value] : container.environment) {
        m_json.begin_object();
        text("name", name);
        m_json.key("value");
        m_json.string_value(m_opts.redact ? redact_env_value(name, value) : value);
        m_json.end_object();
    }
    m_json.end_array();
    m_json.end_object();
}

void ReportJson::state(const State& state) {
    m_json.begin_object();
    word("status", in_vocabulary(state.status, k_state_statuses, "unknown"));
    opt_text("reason", state.reason);
    opt_text("message", state.message);
    opt_text("started", state.started);
    opt_text("finished", state.finished);
    m_json.key("exit_code");
    m_json.int_value(state.exit_code);
    m_json.key("signal");
    m_json.int_value(state.signal);
    m_json.end_object();
}

void ReportJson::termination(const Termination& termination) {
    m_json.begin_object();
    opt_text("reason", termination.reason);
    m_json.key("exit_code");
    m_json.int_value(termination.exit_code);
    m_json.key("raw_exit_code");
    m_json.int_value(termination.raw_exit_code);
    m_json.key("signal");
    m_json.int_value(termination.signal);
    opt_text("signal_name", termination.signal_name);
    opt_text("started", termination.started);
    opt_text("finished", termination.finished);
    opt_text("message", termination.message);
    text_list("message_chain", termination.message_chain);
    text("source", termination.source);
    if (termination.never_started) {
        m_json.key("never_started");
        m_json.bool_value(true);
    }
    m_json.end_object();
}

void ReportJson::event(const Event& event) {
    m_json.begin_object();
    opt_text("type", event.type);
    opt_text("reason", event.reason);
    opt_text("from", event.from);
    opt_text("object", event.object);
    text("message", event.message);
    text_list("message_chain", event.message_chain);
    m_json.key("count");
    m_json.int_value(event.count);
    opt_text("first_seen", event.first_seen);
    opt_text("last_seen", event.last_seen);
    opt_text("age", event.age);
    text("source", event.source);
    m_json.end_object();
}

void ReportJson::finding(const Finding& finding) {
    m_json.begin_object();
    m_json.key("subject");
    m_json.begin_object();
    opt_text("pod", finding.subject.pod);
    opt_text("container", finding.subject.container);
    opt_text("node", finding.subject.node);
    m_json.end_object();
    word("cause", in_vocabulary(finding.cause, k_causes, "unknown"));
    word("confidence", in_vocabulary(finding.confidence, k_confidences, "low"));
    text("summary", finding.summary);
    m_json.key("evidence");
    m_json.begin_array();
    for (const Evidence& item : finding.evidence) {
        m_json.begin_object();
        text("source", item.source);
        text("text", item.text);
        m_json.end_object();
    }
    m_json.end_array();
    text_list("remediation", finding.remediation);
    m_json.key("alternatives");
    m_json.begin_array();
    for (const Alternative& item : finding.alternatives) {
        m_json.begin_object();
        word("cause", in_vocabulary(item.cause, k_causes, "unknown"));
        word("confidence", in_vocabulary(item.confidence, k_confidences, "low"));
        text("summary", item.summary);
        m_json.end_object();
    }
    m_json.end_array();
    if (finding.exit_code_explanation) {
        opt_text("exit_code_explanation", finding.exit_code_explanation);
    }
    m_json.end_object();
}

void ReportJson::runtime_error(const RuntimeError& error) {
    m_json.begin_object();
    text("source", error.source);
    text("message", error.message);
    text_list("chain", error.chain);
    text("innermost", error.innermost);
    word("cause", in_vocabulary(error.cause, k_causes, "unknown"));
    m_json.key("explanation");
    if (error.explanation.empty()) {
        m_json.null_value();
    } else {
        untrusted_value(error.explanation);
    }
    m_json.key("rule");
    if (error.rule.empty()) {
        m_json.null_value();
    } else {
        m_json.string_value(error.rule);
    }
    m_json.key("truncated");
    m_json.bool_value(error.truncated);
    if (error.occurrences > 1) {
        m_json.key("occurrences");  // identical copies found in all, listed or only counted
        m_json.int_value(error.occurrences);
    }
    m_json.end_object();
}

void ReportJson::kernel_event(const KernelEvent& event) {
    m_json.begin_object();
    word("kind", event.kind);
    text("source", event.source);
    opt_text("time", event.time);
    m_json.key("uptime_s");
    if (event.uptime_s) {
        m_json.double_value(*event.uptime_s, k_uptime_decimals);
    } else {
        m_json.null_value();
    }
    word("time_basis", in_vocabulary(event.time_basis, k_time_bases, "uptime"));
    opt_text("process", event.process);
    m_json.key("pid");
    m_json.int_value(event.pid);
    opt_text("constraint", event.constraint);
    opt_text("cgroup", event.cgroup);
    opt_text("pod_uid", event.pod_uid);
    opt_text("container_id", event.container_id);
    m_json.key("oom_scope");
    if (event.oom_scope && !in_vocabulary(*event.oom_scope, k_oom_scopes, "").empty()) {
        m_json.string_value(*event.oom_scope);
    } else {
        m_json.null_value();
    }
    m_json.key("lines");
    m_json.begin_array();
    m_json.int_value(static_cast<long long>(event.first_line));
    m_json.int_value(static_cast<long long>(event.last_line));
    m_json.end_array();
    m_json.end_object();
}

void ReportJson::warning(const Warning& warning) {
    m_json.begin_object();
    text("source", warning.source);
    text("message", warning.message);
    m_json.end_object();
}

}  // namespace

std::string render_json(const Report& report, const RenderOptions& opts) {
    ReportJson writer(opts);
    return writer.render(report);
}

}  // namespace pm
