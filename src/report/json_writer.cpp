// Renders the incident and its diagnoses as the podmortem/v1 JSON document (see spec/report-json.md).
#include "report/json_writer.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdint>
#include <memory>
#include <string_view>

#include "base/parallel.hpp"
#include "report/json_text.hpp"
#include "report/redact.hpp"
#include "report/timeline.hpp"

namespace pm {

namespace {

// Uptimes come from dmesg's [seconds.micros] stamps: six decimals keep what the kernel printed.
constexpr int k_uptime_decimals = 6;

class ReportJson {
public:
    ReportJson(const Incident& incident, const RenderOptions& opts, OutputSink* sink, unsigned jobs = 1)
        : m_incident(incident), m_opts(opts), m_json(sink, opts.pretty_json), m_jobs(jobs) {
        // Each input's path, redacted and escaped once: every citation of it reuses the text.
        for (const InputRecord& input : incident.inputs) {
            std::string path;
            const std::string_view shown = opts.redact && redact_into(input.path, m_scratch) ? m_scratch : input.path;
            append_json_string(path, shown);
            m_own_paths.push_back(path.substr(1, path.size() - 2));
        }
        m_paths = &m_own_paths;
    }

    // A writer for a batch of another's elements, sharing its escaped paths.
    ReportJson(const ReportJson& whole, std::nullptr_t)
        : m_incident(whole.m_incident),
          m_opts(whole.m_opts),
          m_json(nullptr, whole.m_opts.pretty_json),
          m_paths(whole.m_paths),
          m_diagnoses(whole.m_diagnoses),
          m_unchanged(whole.m_unchanged),
          m_fragments(whole.m_fragments) {}

    std::string render(const Diagnoses& diagnoses);
    // Elements [first, last) of the pods or the findings array, rendered by an emitter of their own.
    std::string render_pods(const Diagnoses& diagnoses, std::size_t first, std::size_t last);
    std::string render_findings(const Diagnoses& diagnoses, std::size_t first, std::size_t last);
    std::string render_runtime_error(const RuntimeError& error, const std::vector<std::string>& remediation);

private:
    // Text that came from input (or may embed it).
    void text(std::string_view key, std::string_view value);
    void opt_text(std::string_view key, const OptText& value);
    void opt_time(std::string_view key, const OptTime& value);
    void source(std::string_view key, Cite at);
    void source_value(Cite at);
    // Our own closed vocabulary (cause, confidence, status, …): never redacted.
    void word(std::string_view key, std::string_view value);
    void chain(std::string_view key, std::uint32_t runtime_error);

    void input(const InputRecord& input);
    void pod(const Diagnoses& diagnoses, std::size_t index);
    void container(const Diagnoses& diagnoses, std::size_t pod, std::size_t index);
    void state(const Container& c);
    void termination(const Termination& termination);
    void event(const Event& event);
    void timeline_entry(const Pod& pod, const TimelineEntry& e);
    void finding(const Finding& finding);
    void finding_fields(const Finding& finding);
    void runtime_error_fields(const RuntimeError& error);
    void kernel_event(const KernelEvent& event);
    void kernel_event_extras(const KernelEvent& event);
    void container_log(const ContainerLog& log);
    void warning(const Diagnostic& warning);

    // Input text as written: redacted when asked, copied only when a secret was replaced.
    void untrusted_value(std::string_view value) {
        if (m_opts.redact && !m_known_clean && m_unchanged_texts.redact_into(value, m_scratch)) {
            ++m_redacted;
            m_json.string_value(m_scratch);
        } else {
            m_json.string_value(value);
        }
    }

    // `namespace/name` (namespace `default` when none was printed), joined in a reused buffer.
    template <typename OptionalText, typename Name>
    void qualified_name(const OptionalText& namespace_, const Name& name) {
        m_joined.assign(namespace_ ? std::string_view(*namespace_) : std::string_view("default"));
        m_joined.push_back('/');
        m_joined.append(std::string_view(name));
        untrusted_value(m_joined);
    }

    const Incident& m_incident;
    const RenderOptions& m_opts;
    std::string m_joined;
    JsonText m_json;
    std::string m_scratch;
    // Renders `count` array elements in batches on m_jobs threads, then splices them in order.
    template <typename Render>
    void render_batched(std::size_t count, Render render);

    std::vector<std::string> m_own_paths;  // per input: its path as escaped JSON string content
    const std::vector<std::string>* m_paths = nullptr;
    std::string m_cite;
    std::string m_time;  // a time as RFC 3339, reused for every time written
    std::string m_last_termination;  // a container's last termination as written, reused
    unsigned m_jobs = 1;
    // A finding is written twice (as its container's diagnosis, then in `findings`). Per finding,
    // 1 once a writing of it redacted nothing: the second writing then skips the secret screen
    // (the texts are the same, so the bytes are too). Each finding belongs to one pod, so batches
    // on different threads write different entries; the findings pass reads them after a join.
    const Diagnoses* m_diagnoses = nullptr;
    std::shared_ptr<std::vector<std::uint8_t>> m_unchanged;
    // Compact output: each finding's JSON as written as its container's diagnosis, copied into
    // `findings` instead of being written again. Bounded: past the budget findings are written twice.
    // 128 MiB holds about 80,000 findings: on a 64 MiB describe (42,196 of them) keeping them all
    // rather than 32 MiB's worth took 7% off the CPU time for 32 MiB more peak memory.
    struct Fragments {
        explicit Fragments(std::size_t count) : json(count) {}
        std::vector<std::string> json;  // by finding index; empty: not kept
        std::atomic<std::size_t> bytes{0};
        static constexpr std::size_t k_budget = std::size_t{128} << 20;
    };
    std::shared_ptr<Fragments> m_fragments;
    std::size_t m_redacted = 0;  // texts this writer has changed by redaction
    // Made on the thread that writes with it: each render thread keeps its own across batches.
    UnchangedTexts& m_unchanged_texts = UnchangedTexts::for_this_thread();
    bool m_known_clean = false;  // writing a finding known to hold no secret
};

template <typename Render>
void ReportJson::render_batched(std::size_t count, Render render) {
    constexpr std::size_t k_batch = 256;  // elements one thread renders at a time
    const std::size_t batches = (count + k_batch - 1) / k_batch;
    const auto first_of = [&](std::size_t b) { return b * k_batch; };
    const auto last_of = [&](std::size_t b) { return std::min(count, (b + 1) * k_batch); };
    // Workers render batches ahead while this thread writes the finished ones in order.
    ordered_pipeline(
        batches, m_jobs, 2 * static_cast<std::size_t>(m_jobs),
        [&](std::size_t b) { return render(first_of(b), last_of(b)); },
        [&](std::size_t b, std::string&& text) { m_json.splice(text, last_of(b) - first_of(b)); });
}

// What one element of the pods or findings array takes, about: batches reserve it up front.
constexpr std::size_t k_element_bytes = 6 << 10;

std::string ReportJson::render_pods(const Diagnoses& diagnoses, std::size_t first, std::size_t last) {
    m_json.resume_array(2, first);
    m_json.reserve((last - first) * k_element_bytes);
    for (std::size_t p = first; p < last; ++p) {
        pod(diagnoses, p);
    }
    return m_json.take_text();
}

std::string ReportJson::render_findings(const Diagnoses& diagnoses, std::size_t first, std::size_t last) {
    m_json.resume_array(2, first);
    m_json.reserve((last - first) * k_element_bytes / 2);
    for (std::size_t f = first; f < last; ++f) {
        finding(diagnoses.findings[f]);
    }
    return m_json.take_text();
}

void ReportJson::text(std::string_view key, std::string_view value) {
    m_json.key(key);
    untrusted_value(value);
}

void ReportJson::opt_text(std::string_view key, const OptText& value) {
    m_json.key(key);
    if (value) {
        untrusted_value(*value);
    } else {
        m_json.null_value();
    }
}

void ReportJson::opt_time(std::string_view key, const OptTime& value) {
    m_json.key(key);
    if (value && value->basis != TimeBasis::uptime && value->basis != TimeBasis::relative_to_capture) {
        m_time.clear();
        append_rfc3339(m_time, *value);
        m_json.raw_string_value(m_time);  // digits and ASCII marks: nothing to escape
    } else {
        m_json.null_value();
    }
}

void ReportJson::source(std::string_view key, Cite at) {
    m_json.key(key);
    source_value(at);
}

void ReportJson::source_value(Cite at) {
    if (!at.known() || at.input >= m_paths->size()) {
        m_json.string_value("");
        return;
    }
    m_cite = (*m_paths)[at.input];
    if (at.line != 0) {
        char digits[16];
        const auto end = std::to_chars(digits, digits + sizeof digits, at.line).ptr;
        m_cite.push_back(':');
        m_cite.append(digits, static_cast<std::size_t>(end - digits));
    }
    m_json.raw_string_value(m_cite);
}

void ReportJson::word(std::string_view key, std::string_view value) {
    m_json.key(key);
    m_json.string_value(value);
}

// message_chain: the unwrapped layers when the message held a nested runtime error, else [].
void ReportJson::chain(std::string_view key, std::uint32_t runtime_error) {
    m_json.key(key);
    m_json.begin_array();
    if (runtime_error != k_none_index) {
        const RuntimeError& e = m_incident.runtime_errors[runtime_error];
        if (e.chain.size() > 1) {
            for (const Text layer : e.chain) {
                untrusted_value(layer);
            }
        }
    }
    m_json.end_array();
}

std::string ReportJson::render(const Diagnoses& diagnoses) {
    m_diagnoses = &diagnoses;
    if (m_opts.redact) {
        m_unchanged = std::make_shared<std::vector<std::uint8_t>>(diagnoses.findings.size(), 0);
    }
    if (!m_opts.pretty_json) {
        m_fragments = std::make_shared<Fragments>(diagnoses.findings.size());
    }
    m_json.begin_object();
    word("schema", "podmortem/v1");
    m_json.key("tool");
    m_json.begin_object();
    word("name", "podmortem");
    word("version", PM_VERSION);
    m_json.end_object();

    m_json.key("inputs");
    m_json.begin_array();
    for (const InputRecord& item : m_incident.inputs) {
        input(item);
    }
    m_json.end_array();

    // Pods and findings are most of a large report: rendered in batches, in parallel, spliced in order.
    m_json.key("pods");
    m_json.begin_array();
    render_batched(m_incident.pods.size(), [&](std::size_t first, std::size_t last) {
        ReportJson part(*this, nullptr);
        return part.render_pods(diagnoses, first, last);
    });
    m_json.end_array();

    m_json.key("findings");
    m_json.begin_array();
    render_batched(diagnoses.findings.size(), [&](std::size_t first, std::size_t last) {
        ReportJson part(*this, nullptr);
        return part.render_findings(diagnoses, first, last);
    });
    m_json.end_array();

    m_json.key("kernel_events");
    m_json.begin_array();
    for (const KernelEvent& item : m_incident.kernel_events) {
        kernel_event(item);
    }
    m_json.end_array();

    m_json.key("runtime_errors");
    m_json.begin_array();
    for (const RuntimeError& item : m_incident.runtime_errors) {
        m_json.begin_object();
        runtime_error_fields(item);
        m_json.end_object();
    }
    m_json.end_array();

    // Extra key: the container logs read, with the signatures found in them.
    if (!m_incident.container_logs.empty()) {
        m_json.key("container_logs");
        m_json.begin_array();
        for (const ContainerLog& item : m_incident.container_logs) {
            container_log(item);
        }
        m_json.end_array();
    }

    m_json.key("warnings");
    m_json.begin_array();
    for (const Diagnostic& item : m_incident.diagnostics) {
        warning(item);
    }
    m_json.end_array();
    m_json.end_object();
    return m_json.finish();
}

std::string ReportJson::render_runtime_error(const RuntimeError& error, const std::vector<std::string>& remediation) {
    m_json.begin_object();
    runtime_error_fields(error);
    m_json.key("remediation");
    m_json.begin_array();
    for (const auto& step : remediation) {
        m_json.string_value(step);
    }
    m_json.end_array();
    m_json.end_object();
    return m_json.finish();
}

void ReportJson::input(const InputRecord& input) {
    m_json.begin_object();
    text("path", input.path);
    word("kind", in_vocabulary(input.kind, contract_input_kinds(), "unknown"));
    word("encoding", input.encoding);
    m_json.key("lines");
    m_json.int_value(static_cast<long long>(input.lines));
    // Extra key: the runs of lines of one kind the input was split into, when it has more than one.
    if (input.regions.size() > 1) {
        m_json.key("regions");
        m_json.begin_array();
        for (const RegionRecord& region : input.regions) {
            m_json.begin_object();
            word("kind", in_vocabulary(region.kind, contract_input_kinds(), "unknown"));
            word("reader", region.reader);
            m_json.key("lines");
            m_json.begin_array();
            m_json.int_value(static_cast<long long>(region.first_line));
            m_json.int_value(static_cast<long long>(region.last_line));
            m_json.end_array();
            m_json.end_object();
        }
        m_json.end_array();
    }
    m_json.end_object();
}

void ReportJson::pod(const Diagnoses& diagnoses, std::size_t index) {
    const Pod& pod = m_incident.pods[index];
    m_json.begin_object();
    opt_text("namespace", pod.namespace_);
    opt_text("name", pod.name);
    opt_text("uid", pod.uid);
    opt_text("node", pod.node);
    opt_text("status", pod.status);
    source("source", pod.at);
    m_json.key("containers");
    m_json.begin_array();
    for (std::size_t c = 0; c < pod.containers.size(); ++c) {
        container(diagnoses, index, c);
    }
    m_json.end_array();
    m_json.key("events");
    m_json.begin_array();
    for (const Event& item : pod.events) {
        event(item);
    }
    m_json.end_array();
    // Extra key: the pod's story in time order (terminations, events, log words, kernel events).
    m_json.key("timeline");
    m_json.begin_array();
    for (const TimelineEntry& e : pod_timeline(m_incident, index)) {
        timeline_entry(pod, e);
    }
    m_json.end_array();
    m_json.end_object();
}

void ReportJson::timeline_entry(const Pod& pod, const TimelineEntry& e) {
    m_json.begin_object();
    word("kind", timeline_kind_name(e.kind));
    opt_time("time", e.time);
    m_json.key("age");
    if (e.group == 1) {
        untrusted_value(*e.event->age);
    } else {
        m_json.null_value();
    }
    opt_text("container", e.container == k_none_index ? std::nullopt : pod.containers[e.container].name);
    text("text", timeline_text(e, pod));
    source("source", e.at);
    m_json.end_object();
}

void ReportJson::container(const Diagnoses& diagnoses, std::size_t pod, std::size_t index) {
    const Container& container = m_incident.pods[pod].containers[index];
    m_json.begin_object();
    opt_text("name", container.name);
    word("type", container_type_name(container.type));
    opt_text("image", container.image);
    opt_text("container_id", container.container_id);
    m_json.key("restart_count");
    m_json.int_value(container.restart_count);
    m_json.key("ready");
    m_json.bool_value(container.ready);
    m_json.key("state");
    state(container);
    m_json.key("last_termination");
    const Termination* last = container.last();
    bool last_kept = false;  // its JSON is in m_last_termination, for `terminations` to copy
    if (last != nullptr) {
        const std::size_t start = m_json.written();
        termination(*last);
        if (m_json.buffered() && !m_opts.pretty_json) {  // pretty output indents the copy differently
            m_last_termination.assign(m_json.text_since(start));
            last_kept = true;
        }
    } else {
        m_json.null_value();
    }
    m_json.key("terminations");
    m_json.begin_array();
    for (const Termination& item : container.terminations) {
        if (&item == last && last_kept) {
            m_json.encoded_value(m_last_termination);  // the same record, so the same bytes
        } else {
            termination(item);
        }
    }
    m_json.end_array();
    m_json.key("diagnosis");
    if (const Finding* diagnosis = diagnoses.of(pod, index)) {
        finding(*diagnosis);
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
        m_json.string_value(m_opts.redact ? redact_env_value(name, value) : std::string(value));
        m_json.end_object();
    }
    m_json.end_array();
    m_json.end_object();
}

void ReportJson::state(const Container& c) {
    const State& state = c.state;
    // A terminated state is its termination record: one copy, read from there.
    const Termination* t = c.current_termination();
    m_json.begin_object();
    word("status", state_status_name(state.status));
    opt_text("reason", state.reason);
    opt_text("message", state.message);
    opt_time("started", state.started);
    opt_time("finished", state.finished);
    m_json.key("exit_code");
    m_json.int_value(t != nullptr ? t->exit_code : state.exit_code);
    m_json.key("signal");
    m_json.int_value(t != nullptr ? t->signal : state.signal);
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
    opt_time("started", termination.started);
    opt_time("finished", termination.finished);
    opt_text("message", termination.message);
    chain("message_chain", termination.runtime_error);
    source("source", termination.at);
    if (termination.never_started) {
        m_json.key("never_started");
        m_json.bool_value(true);
    }
    // Extra key: a Windows exit's NTSTATUS by hex value and name.
    if (termination.windows_status) {
        text("windows_status", *termination.windows_status);
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
    chain("message_chain", event.runtime_error);
    m_json.key("count");
    m_json.int_value(event.count);
    opt_time("first_seen", event.first_seen);
    opt_time("last_seen", event.last_seen);
    opt_text("age", event.age);
    source("source", event.at);
    m_json.end_object();
}

void ReportJson::finding(const Finding& finding) {
    const Finding* first = m_diagnoses == nullptr ? nullptr : m_diagnoses->findings.data();
    const bool indexed = first != nullptr && &finding >= first &&
                         &finding < first + static_cast<std::ptrdiff_t>(m_diagnoses->findings.size());
    if (!indexed) {
        finding_fields(finding);
        return;
    }
    const auto index = static_cast<std::size_t>(&finding - first);
    if (m_fragments && !m_fragments->json[index].empty()) {
        m_json.encoded_value(m_fragments->json[index]);  // written before, as its container's diagnosis
        return;
    }
    const std::size_t start = m_json.written();
    if (m_unchanged) {
        std::uint8_t& unchanged = (*m_unchanged)[index];
        m_known_clean = unchanged != 0;
        const std::size_t before = m_redacted;
        finding_fields(finding);
        unchanged = m_redacted == before ? 1 : 0;
        m_known_clean = false;
    } else {
        finding_fields(finding);
    }
    if (m_fragments && m_json.buffered()) {
        const std::string_view text = m_json.text_since(start);
        if (m_fragments->bytes.fetch_add(text.size()) + text.size() <= Fragments::k_budget) {
            m_fragments->json[index].assign(text);
        }
    }
}

void ReportJson::finding_fields(const Finding& finding) {
    const Pod* pod = finding.subject.pod == k_none_index ? nullptr : &m_incident.pods[finding.subject.pod];
    const Container* c =
        pod == nullptr || finding.subject.container == k_none_index ? nullptr : &pod->containers[finding.subject.container];
    m_json.begin_object();
    m_json.key("subject");
    m_json.begin_object();
    m_json.key("pod");
    if (pod != nullptr && pod->name) {
        qualified_name(pod->namespace_, *pod->name);
    } else {
        m_json.null_value();
    }
    opt_text("container", c != nullptr ? c->name : std::nullopt);
    opt_text("node", pod != nullptr ? pod->node : finding.subject.node);
    m_json.end_object();
    word("cause", in_vocabulary(finding.cause, contract_causes(), "unknown"));
    word("confidence", confidence_name(finding.confidence));
    text("summary", finding.summary);
    m_json.key("evidence");
    m_json.begin_array();
    for (const Quote& item : finding.evidence) {
        m_json.begin_object();
        source("source", item.at);
        text("text", item.text);
        m_json.end_object();
    }
    m_json.end_array();
    m_json.key("remediation");
    m_json.begin_array();
    for (const Text step : finding.remediation) {
        untrusted_value(step);
    }
    m_json.end_array();
    m_json.key("alternatives");
    m_json.begin_array();
    for (const Alternative& item : finding.alternatives) {
        m_json.begin_object();
        word("cause", in_vocabulary(item.cause, contract_causes(), "unknown"));
        word("confidence", confidence_name(item.confidence));
        text("summary", item.summary);
        m_json.end_object();
    }
    m_json.end_array();
    if (finding.exit_code_explanation) {
        text("exit_code_explanation", *finding.exit_code_explanation);
    }
    m_json.end_object();
}

void ReportJson::container_log(const ContainerLog& log) {
    m_json.begin_object();
    source("source", log.at);
    m_json.key("pod");
    if (log.pod_index != k_none_index && m_incident.pods[log.pod_index].name) {
        const Pod& pod = m_incident.pods[log.pod_index];
        qualified_name(pod.namespace_, *pod.name);
    } else if (log.pod) {
        qualified_name(log.namespace_, *log.pod);
    } else {
        m_json.null_value();
    }
    const OptText container = log.pod_index != k_none_index && log.container_index != k_none_index
                                  ? m_incident.pods[log.pod_index].containers[log.container_index].name
                                  : log.container;
    opt_text("container", container);
    text("attributed_by", log.attributed_by);
    m_json.key("from_message");
    m_json.bool_value(log.from_message);
    m_json.key("lines");
    m_json.int_value(static_cast<long long>(log.lines));
    m_json.key("last_line");
    if (log.last_line) {
        m_json.begin_object();
        source("source", log.last_line->at);
        text("text", log.last_line->text);
        opt_time("time", log.last_time);
        m_json.end_object();
    } else {
        m_json.null_value();
    }
    m_json.key("signatures_seen");
    m_json.int_value(static_cast<long long>(log.signatures_seen));
    m_json.key("signatures");
    m_json.begin_array();
    for (const LogSignature& sig : log.signatures) {
        m_json.begin_object();
        word("rule", sig.rule);
        word("cause", in_vocabulary(sig.cause, contract_causes(), "unknown"));
        m_json.key("fatal");
        m_json.bool_value(sig.fatal);
        text("what", sig.what);
        text("explain", sig.explain);
        source("source", sig.at);
        m_json.key("lines");
        m_json.begin_array();
        m_json.int_value(static_cast<long long>(sig.at.line));
        m_json.int_value(static_cast<long long>(sig.last_line));
        m_json.end_array();
        text("text", sig.block);
        opt_time("time", sig.time);
        m_json.end_object();
    }
    m_json.end_array();
    m_json.end_object();
}

void ReportJson::runtime_error_fields(const RuntimeError& error) {
    source("source", error.at);
    text("message", error.message);
    m_json.key("chain");
    m_json.begin_array();
    for (const Text layer : error.chain) {
        untrusted_value(layer);
    }
    m_json.end_array();
    text("innermost", error.innermost);
    word("cause", in_vocabulary(error.cause, contract_causes(), "unknown"));
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
}

void ReportJson::kernel_event(const KernelEvent& event) {
    m_json.begin_object();
    word("kind", event.kind);
    source("source", event.at);
    opt_time("time", event.time);
    m_json.key("uptime_s");
    if (event.uptime_s) {
        m_json.double_value(*event.uptime_s, k_uptime_decimals);
    } else {
        m_json.null_value();
    }
    word("time_basis", in_vocabulary(time_basis_name(event.time_basis), contract_time_bases(), "uptime"));
    opt_text("process", event.process);
    m_json.key("pid");
    m_json.int_value(event.pid);
    opt_text("constraint", event.constraint);
    opt_text("cgroup", event.cgroup);
    opt_text("pod_uid", event.pod_uid);
    opt_text("container_id", event.container_id);
    m_json.key("oom_scope");
    if (event.oom_scope && !in_vocabulary(*event.oom_scope, contract_oom_scopes(), "").empty()) {
        m_json.string_value(*event.oom_scope);
    } else {
        m_json.null_value();
    }
    m_json.key("lines");
    m_json.begin_array();
    m_json.int_value(static_cast<long long>(event.first_line));
    m_json.int_value(static_cast<long long>(event.last_line));
    m_json.end_array();
    kernel_event_extras(event);
    m_json.end_object();
}

// Added keys (never renamed or dropped ones): the OOM report's figures, the container it was tied
// to and how, and every line that cites it (one event saved in several captures keeps them all).
void ReportJson::kernel_event_extras(const KernelEvent& event) {
    const auto opt_int = [&](std::string_view key, const OptInt& value) {
        if (value) {
            m_json.key(key);
            m_json.int_value(*value);
        }
    };
    if (event.trigger) {
        opt_text("trigger", event.trigger);
    }
    if (event.gfp_mask) {
        opt_text("gfp_mask", event.gfp_mask);
    }
    opt_int("order", event.order);
    if (event.oom_memcg) {
        opt_text("oom_memcg", event.oom_memcg);
    }
    opt_int("memcg_usage_kb", event.memcg_usage_kb);
    opt_int("memcg_limit_kb", event.memcg_limit_kb);
    opt_int("memcg_failcnt", event.memcg_failcnt);
    opt_int("kmem_usage_kb", event.kmem_usage_kb);
    opt_int("total_vm_kb", event.total_vm_kb);
    opt_int("anon_rss_kb", event.anon_rss_kb);
    opt_int("chosen_pid", event.chosen_pid);
    opt_int("free_kb", event.free_kb);
    opt_int("largest_free_order", event.largest_free_order);
    if (event.header_lost) {
        m_json.key("header_lost");
        m_json.bool_value(true);
    }
    if (event.group_kill) {
        m_json.key("group_kill");
        m_json.bool_value(true);
    }
    if (event.detail) {
        opt_text("detail", event.detail);
    }
    if (!event.matched_by.empty()) {
        word("matched_by", event.matched_by);
    }
    if (event.time_from) {
        source("time_from", *event.time_from);  // time = this line's boot time + the event's uptime
    }
    if (event.previous_boot_end) {
        word("previous_boot_end", *event.previous_boot_end);
    }
    if (event.year_from) {
        source("year_from", *event.year_from);  // the yearless stamp was read in this record's year
    }
    if (event.host) {
        opt_text("host", event.host);  // the machine the journal or syslog envelope names
    }
    if (event.not_matched_because) {
        opt_text("not_matched_because", event.not_matched_because);  // its time pointed at a container of another node
    }
    if (!event.quotes.empty()) {
        m_json.key("citations");
        m_json.begin_array();
        for (const Quote& q : event.quotes) {
            source_value(q.at);
        }
        m_json.end_array();
    }
}

void ReportJson::warning(const Diagnostic& warning) {
    m_json.begin_object();
    text("source", diagnostic_where(warning));
    text("message", warning.message);
    if (!warning.help.empty()) {
        text("help", warning.help);  // extra key: what to do about it
    }
    m_json.end_object();
}

}  // namespace

void render_json(const Incident& incident, const Diagnoses& diagnoses, const RenderOptions& opts, OutputSink& out) {
    ReportJson writer(incident, opts, &out, opts.jobs);
    writer.render(diagnoses);
}

std::string render_json(const Incident& incident, const Diagnoses& diagnoses, const RenderOptions& opts) {
    ReportJson writer(incident, opts, nullptr);
    return writer.render(diagnoses);
}

std::string render_runtime_error_json(const Incident& incident, const RuntimeError& error,
                                      const std::vector<std::string>& remediation, const RenderOptions& opts) {
    ReportJson writer(incident, opts, nullptr);
    return writer.render_runtime_error(error, remediation);
}

}  // namespace pm
