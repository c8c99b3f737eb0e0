// JSON report: the v1 contract's keys, order, nulls and escaping, byte-for-byte deterministic.
#include <doctest/doctest.h>

#include <cctype>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/text_safety.hpp"
#include "report/json_writer.hpp"

using namespace pm;

namespace {

// A strict RFC 8259 syntax check (test-only; our documents nest at most 7 deep).
class JsonCheck {
public:
    explicit JsonCheck(const std::string& text) : m_text(text) {}

    bool document() {
        skip_space();
        if (!value(0)) {
            return false;
        }
        skip_space();
        return m_pos == m_text.size();
    }

private:
    void skip_space() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\r')) {
            ++m_pos;
        }
    }
    bool literal(const char* word) {
        const std::string w(word);
        if (m_text.compare(m_pos, w.size(), w) != 0) {
            return false;
        }
        m_pos += w.size();
        return true;
    }
    bool string() {
        if (m_text[m_pos] != '"') {
            return false;
        }
        ++m_pos;
        while (m_pos < m_text.size()) {
            const unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                const char e = m_pos + 1 < m_text.size() ? m_text[m_pos + 1] : '\0';
                if (e == 'u') {
                    for (int i = 2; i < 6; ++i) {
                        if (m_pos + i >= m_text.size() || !std::isxdigit(static_cast<unsigned char>(m_text[m_pos + i]))) {
                            return false;
                        }
                    }
                    m_pos += 6;
                    continue;
                }
                if (std::string("\"\\/bfnrt").find(e) == std::string::npos || e == '\0') {
                    return false;
                }
                m_pos += 2;
                continue;
            }
            const Utf8Step step = decode_utf8(m_text, m_pos);
            if (!step.valid) {
                return false;
            }
            m_pos += step.length;
        }
        return false;
    }
    bool number() {
        const std::size_t start = m_pos;
        if (m_text[m_pos] == '-') {
            ++m_pos;
        }
        while (m_pos < m_text.size() && (std::isdigit(static_cast<unsigned char>(m_text[m_pos])) ||
                                         m_text[m_pos] == '.' || m_text[m_pos] == 'e' || m_text[m_pos] == 'E' ||
                                         m_text[m_pos] == '+' || m_text[m_pos] == '-')) {
            ++m_pos;
        }
        return m_pos > start;
    }
    bool value(int depth) {
        if (m_pos >= m_text.size() || depth > 16) {
            return false;
        }
        const char c = m_text[m_pos];
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++m_pos;
            skip_space();
            if (m_pos < m_text.size() && m_text[m_pos] == close) {
                ++m_pos;
                return true;
            }
            while (true) {
                skip_space();
                if (c == '{') {
                    if (!string()) {
                        return false;
                    }
                    skip_space();
                    if (m_pos >= m_text.size() || m_text[m_pos] != ':') {
                        return false;
                    }
                    ++m_pos;
                    skip_space();
                }
                if (!value(depth + 1)) {
                    return false;
                }
                skip_space();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == close) {
                    ++m_pos;
                    return true;
                }
                return false;
            }
        }
        if (c == '"') {
            return string();
        }
        if (c == 't') {
            return literal("true");
        }
        if (c == 'f') {
            return literal("false");
        }
        if (c == 'n') {
            return literal("null");
        }
        return number();
    }

    const std::string& m_text;
    std::size_t m_pos = 0;
};

// Keys appear in this order (each found after the previous one).
bool in_order(const std::string& text, const std::vector<std::string>& needles, std::size_t from = 0) {
    std::size_t at = from;
    for (const std::string& needle : needles) {
        at = text.find(needle, at);
        if (at == std::string::npos) {
            return false;
        }
        at += needle.size();
    }
    return true;
}

// Every kind of record, with optionals both set and unset: the OOM-killed api container and the
// StartError init container of formats.md §1.5, a dmesg OOM kill and the runtime error.
struct FullReport {
    Incident incident;
    Diagnoses diagnoses;
};

TimePoint at(const char* rfc3339) {
    return *parse_kube_time(rfc3339)->time;
}

std::unique_ptr<FullReport> full_report() {
    auto out = std::make_unique<FullReport>();
    Incident& incident = out->incident;
    InputRecord describe;
    describe.path = "describe.txt";
    describe.kind = "describe";
    describe.lines = 88;
    const InputId d = incident.add_input(describe);
    InputRecord dmesg;
    dmesg.path = "logs/dmesg.txt";
    dmesg.kind = "kernel-log";
    dmesg.encoding = "UTF-16LE";
    dmesg.lines = 14;
    const InputId k = incident.add_input(dmesg);
    Pod pod;
    pod.namespace_ = "prod";
    pod.name = "api-7d9f8b6c5d-x2kqp";
    pod.node = "worker-3";
    pod.status = "Running";
    pod.at = {d, 1};
    pod.qos_class = "Burstable";  // not in the contract: must not appear

    RuntimeError error;
    error.at = {d, 52};
    error.message =
        "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: "
        "unable to start container process: exec: \"/bin/migrate\": stat /bin/migrate: no such file or directory: unknown";
    error.chain = {"failed to create containerd task", "failed to create shim task", "OCI runtime create failed",
                   "runc create failed", "unable to start container process",
                   "exec: \"/bin/migrate\": stat /bin/migrate: no such file or directory"};
    error.innermost = error.chain.back();
    error.cause = "exec-not-found";
    error.rule = "exec_stat_enoent";
    error.explanation = "the entrypoint /bin/migrate is not in the image";
    incident.runtime_errors.push_back(error);

    Container init;
    init.name = "init-db";
    init.type = ContainerType::init;
    init.image = "busybox:1.36";
    init.container_id = "containerd://1b7f3c20";
    init.restart_count = 2;
    init.ready = false;
    init.state.status = StateStatus::waiting;
    init.state.reason = "RunContainerError";
    Termination start_error;
    start_error.reason = "StartError";
    start_error.exit_code = 128;
    start_error.finished = at("2019-08-27T10:58:02+02:00");
    start_error.message = error.message;
    start_error.runtime_error = 0;
    start_error.at = {d, 52};
    start_error.never_started = true;
    init.terminations.push_back(start_error);
    init.last_termination = 0;
    pod.containers.push_back(init);

    Container api;
    api.name = "api";
    api.state.status = StateStatus::running;
    api.state.started = at("2019-08-27T10:58:31+02:00");
    api.environment.push_back({"DB_PASSWORD", "hunter2"});  // extra key: must be redacted by name
    Termination oom;
    oom.reason = "OOMKilled";
    oom.exit_code = 137;
    oom.signal = 9;
    oom.signal_name = "SIGKILL";
    oom.started = at("2019-08-27T10:51:02+02:00");
    oom.finished = at("2019-08-27T10:58:27+02:00");
    oom.at = {d, 23};
    api.terminations.push_back(oom);
    pod.containers.push_back(api);

    Event event;
    event.type = "Warning";
    event.reason = "BackOff";
    event.from = "kubelet";
    event.message = "Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)";
    event.count = 9;
    event.age = "61s";
    event.at = {d, 88};
    pod.events.push_back(event);
    incident.pods.push_back(pod);

    Finding finding;
    finding.subject = Subject{0, 1, std::nullopt};
    finding.cause = "cgroup-oom";
    finding.confidence = Confidence::high;
    finding.summary = "The container reached its memory limit and was OOM-killed.";
    finding.evidence.push_back({{d, 24}, "Reason:       OOMKilled"});
    finding.evidence.push_back(
        {{k, 9}, "[ 8123.402117] Memory cgroup out of memory: Killed process 4242 (java) total-vm:2097152kB"});
    finding.remediation.push_back("Raise resources.limits.memory.");
    finding.alternatives.push_back({"external-kill", Confidence::low, "Something else sent SIGKILL."});
    finding.exit_code_explanation = "137 = 128 + 9: killed by SIGKILL.";
    out->diagnoses.findings.push_back(finding);
    Finding node_finding;
    node_finding.subject.node = "worker-3";
    node_finding.cause = "system-oom";
    node_finding.confidence = Confidence::medium;
    node_finding.summary = "The node ran out of memory.";
    out->diagnoses.findings.push_back(node_finding);
    out->diagnoses.by_container = {{k_none_index, 0}};
    out->diagnoses.headline = 0;

    KernelEvent kernel;
    kernel.kind = "oom-kill";
    kernel.at = {k, 9};
    kernel.uptime_s = 8123.402117;
    kernel.time_basis = TimeBasis::uptime;
    kernel.process = "java";
    kernel.pid = 4242;
    kernel.constraint = "CONSTRAINT_MEMCG";
    kernel.cgroup = "/kubepods/burstable/pod5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77/4f1c0e9a7b2d";
    kernel.pod_uid = "5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77";
    kernel.container_id = "4f1c0e9a7b2d";
    kernel.oom_scope = "memcg";
    kernel.first_line = 1;
    kernel.last_line = 9;
    incident.kernel_events.push_back(kernel);

    incident.warn({d, 7}, "unrecognised line");
    incident.warn({k, 0}, "no timestamps");
    return out;
}

}  // namespace

// The layout these cases spell out: the pretty one (the compact default is tested on the goldens).
RenderOptions pretty_options() {
    RenderOptions opts;
    opts.pretty_json = true;
    return opts;
}

TEST_SUITE("json_writer") {

TEST_CASE("pm::render_json") {
    const auto report = full_report();
    const std::string json = render_json(report->incident, report->diagnoses, pretty_options());
    REQUIRE(JsonCheck(json).document());
    CHECK(json == render_json(report->incident, report->diagnoses, pretty_options()));
    CHECK(json.size() >= 2);
    CHECK(json.substr(json.size() - 2) == "}\n");

    struct ShapeCase {
        const char* name;
        std::vector<std::string> in_order;  // substrings that must appear in this order
    };
    const ShapeCase shapes[] = {
        {"document keys",
         {"{\n  \"schema\": \"podmortem/v1\",\n  \"tool\": {\n    \"name\": \"podmortem\",\n    \"version\": \"" PM_VERSION
          "\"\n  },\n  \"inputs\": [",
          "\n  \"pods\": [", "\n  \"findings\": [", "\n  \"kernel_events\": [", "\n  \"runtime_errors\": [",
          "\n  \"warnings\": ["}},
        {"input",
         {"{\n      \"path\": \"logs/dmesg.txt\",\n      \"kind\": \"kernel-log\",\n      \"encoding\": \"UTF-16LE\",\n"
          "      \"lines\": 14\n    }"}},
        {"pod keys and nulls",
         {"\"namespace\": \"prod\",\n      \"name\": \"api-7d9f8b6c5d-x2kqp\",\n      \"uid\": null,\n"
          "      \"node\": \"worker-3\",\n      \"status\": \"Running\",\n      \"source\": \"describe.txt:1\",\n"
          "      \"containers\": [",
          "\n      \"events\": ["}},
        {"container keys",
         {"\"name\": \"init-db\",\n          \"type\": \"init\",\n          \"image\": \"busybox:1.36\",\n"
          "          \"container_id\": \"containerd://1b7f3c20\",\n          \"restart_count\": 2,\n"
          "          \"ready\": false,\n          \"state\": {",
          "\"last_termination\": {", "\"terminations\": [", "\"diagnosis\": null"}},
        {"unset container fields",
         {"\"name\": \"api\",\n          \"type\": \"app\",\n          \"image\": null,\n"
          "          \"container_id\": null,\n          \"restart_count\": null,\n          \"ready\": null,\n"
          "          \"state\": {\n            \"status\": \"running\",\n            \"reason\": null,\n"
          "            \"message\": null,\n            \"started\": \"2019-08-27T10:58:31+02:00\",\n"
          "            \"finished\": null,\n            \"exit_code\": null,\n            \"signal\": null\n"
          "          },\n          \"last_termination\": null,\n          \"terminations\": [",
          "\"diagnosis\": {\n            \"subject\": {"}},
        {"termination with never_started",
         {"\"reason\": \"StartError\",\n            \"exit_code\": 128,\n            \"raw_exit_code\": null,\n"
          "            \"signal\": null,\n            \"signal_name\": null,\n            \"started\": null,\n"
          "            \"finished\": \"2019-08-27T10:58:02+02:00\",\n            \"message\": \"failed to create",
          "\"message_chain\": [\n              \"failed to create containerd task\",",
          "\"exec: \\\"/bin/migrate\\\": stat /bin/migrate: no such file or directory\"\n            ],\n"
          "            \"source\": \"describe.txt:52\",\n            \"never_started\": true\n          }"}},
        {"termination without never_started",
         {"\"signal_name\": \"SIGKILL\",", "\"message\": null,\n              \"message_chain\": [],\n"
                                          "              \"source\": \"describe.txt:23\"\n            }"}},
        {"event",
         {"{\n          \"type\": \"Warning\",\n          \"reason\": \"BackOff\",\n          \"from\": \"kubelet\",\n"
          "          \"object\": null,\n          \"message\": \"Back-off restarting",
          "\"message_chain\": [],\n          \"count\": 9,\n          \"first_seen\": null,\n"
          "          \"last_seen\": null,\n          \"age\": \"61s\",\n          \"source\": \"describe.txt:88\"\n        }"}},
        {"finding with extras",
         {"\n  \"findings\": [\n    {\n      \"subject\": {\n        \"pod\": \"prod/api-7d9f8b6c5d-x2kqp\",\n"
          "        \"container\": \"api\",\n        \"node\": \"worker-3\"\n      },\n      \"cause\": \"cgroup-oom\",\n"
          "      \"confidence\": \"high\",\n      \"summary\": \"The container reached its memory limit and was OOM-killed.\",\n"
          "      \"evidence\": [\n        {\n          \"source\": \"describe.txt:24\",\n"
          "          \"text\": \"Reason:       OOMKilled\"\n        },",
          "      \"remediation\": [\n        \"Raise resources.limits.memory.\"\n      ],\n      \"alternatives\": [\n"
          "        {\n          \"cause\": \"external-kill\",\n          \"confidence\": \"low\",\n"
          "          \"summary\": \"Something else sent SIGKILL.\"\n        }\n      ],\n"
          "      \"exit_code_explanation\": \"137 = 128 + 9: killed by SIGKILL.\"\n    },"}},
        {"finding without extras and empty lists",
         {"\"subject\": {\n        \"pod\": null,\n        \"container\": null,\n        \"node\": \"worker-3\"\n      },",
          "\"summary\": \"The node ran out of memory.\",\n      \"evidence\": [],\n      \"remediation\": [],\n"
          "      \"alternatives\": []\n    }\n  ],"}},
        {"kernel event",
         {"\n  \"kernel_events\": [\n    {\n      \"kind\": \"oom-kill\",\n      \"source\": \"logs/dmesg.txt:9\",\n"
          "      \"time\": null,\n      \"uptime_s\": 8123.402117,\n      \"time_basis\": \"uptime\",\n"
          "      \"process\": \"java\",\n      \"pid\": 4242,\n      \"constraint\": \"CONSTRAINT_MEMCG\",\n"
          "      \"cgroup\": \"/kubepods/burstable/pod5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77/4f1c0e9a7b2d\",\n"
          "      \"pod_uid\": \"5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77\",\n      \"container_id\": \"4f1c0e9a7b2d\",\n"
          "      \"oom_scope\": \"memcg\",\n      \"lines\": [\n        1,\n        9\n      ]\n    }\n  ],"}},
        {"runtime error with extras",
         {"\n  \"runtime_errors\": [\n    {\n      \"source\": \"describe.txt:52\",\n      \"message\": \"failed",
          "\"chain\": [", "\"innermost\": \"exec: \\\"/bin/migrate\\\": stat /bin/migrate: no such file or directory\",\n"
                          "      \"cause\": \"exec-not-found\",\n"
                          "      \"explanation\": \"the entrypoint /bin/migrate is not in the image\",\n"
                          "      \"rule\": \"exec_stat_enoent\",\n      \"truncated\": false\n    }\n  ],"}},
        {"warnings",
         {"\n  \"warnings\": [\n    {\n      \"source\": \"describe.txt:7\",\n      \"message\": \"unrecognised line\"\n"
          "    },\n    {\n      \"source\": \"logs/dmesg.txt\",\n      \"message\": \"no timestamps\"\n    }\n  ]\n}\n"}},
    };
    for (const ShapeCase& c : shapes) {
        INFO("case: " << std::string(c.name));
        CHECK(in_order(json, c.in_order));
    }

    // Internal fields stay internal.
    CHECK(json.find("Burstable") == std::string::npos);
    // The environment is an extra key: names kept, secret-looking values redacted by name.
    CHECK(json.find("hunter2") == std::string::npos);
    CHECK(json.find("\"name\": \"DB_PASSWORD\",\n              \"value\": \"***REDACTED***\"") != std::string::npos);
    // never_started only where true (one termination listed twice: last_termination + terminations).
    std::size_t never = 0;
    for (std::size_t at = json.find("never_started"); at != std::string::npos; at = json.find("never_started", at + 1)) {
        ++never;
    }
    CHECK(never == 2);
    std::size_t explanations = 0;
    for (std::size_t at = json.find("exit_code_explanation"); at != std::string::npos;
         at = json.find("exit_code_explanation", at + 1)) {
        ++explanations;
    }
    CHECK(explanations == 2);  // the diagnosis and its copy in findings; not the node finding
}

TEST_CASE("pm::render_json empty report") {
    const std::string expected =
        "{\n  \"schema\": \"podmortem/v1\",\n  \"tool\": {\n    \"name\": \"podmortem\",\n    \"version\": \"" PM_VERSION
        "\"\n  },\n  \"inputs\": [],\n  \"pods\": [],\n  \"findings\": [],\n  \"kernel_events\": [],\n"
        "  \"runtime_errors\": [],\n  \"warnings\": []\n}\n";
    CHECK(render_json(Incident{}, Diagnoses{}, pretty_options()) == expected);
}

TEST_CASE("pm::render_json closed vocabularies") {
    // Confidences, container types and statuses are typed; what is text is checked on the way out.
    struct VocabularyCase {
        const char* name;
        std::function<void(FullReport&)> spoil;
        std::string expected;
    };
    const VocabularyCase cases[] = {
        {"cause", [](FullReport& r) { r.diagnoses.findings[1].cause = "oom"; },
         "\"cause\": \"unknown\",\n      \"confidence\": \"medium\""},
        {"input kind", [](FullReport& r) { r.incident.inputs[1].kind = "dmesg"; },
         "\"path\": \"logs/dmesg.txt\",\n      \"kind\": \"unknown\""},
        {"time basis outside the contract", [](FullReport& r) { r.incident.kernel_events[0].time_basis = TimeBasis::relative_to_capture; },
         "\"time_basis\": \"uptime\""},
        {"oom scope", [](FullReport& r) { r.incident.kernel_events[0].oom_scope = "cgroup"; }, "\"oom_scope\": null"},
    };
    for (const VocabularyCase& c : cases) {
        INFO("case: " << std::string(c.name));
        auto report = full_report();
        c.spoil(*report);
        CHECK(render_json(report->incident, report->diagnoses, pretty_options()).find(c.expected) != std::string::npos);
    }
}

TEST_CASE("pm::render_json hostile text") {
    struct HostileCase {
        const char* name;
        std::string text;
        std::string expected_literal;  // how the text must appear in the document
        bool redact;
    };
    const HostileCase cases[] = {
        {"control characters", std::string("panic\x1b[2J\x07\nline2\r\tx\0y", 21),
         "\"panic\\u001b[2J\\u0007\\nline2\\r\\tx\\u0000y\"", true},
        {"invalid utf-8 from a binary file", std::string("\xff\xfe" "a\xc3(b\xed\xa0\x80"),
         "\"\uFFFD\uFFFDa\uFFFD(b\uFFFD\uFFFD\uFFFD\"", true},
        {"bidi override", "x\u202Eevil", "\"x\\u202eevil\"", true},
        {"quotes of a Go %q layer", "caused \\\"not a directory\\\"\"",
         "\"caused \\\\\\\"not a directory\\\\\\\"\\\"\"", true},
        {"secret redacted", "connect failed: password=hunter2 host=db", "\"connect failed: password=***REDACTED*** host=db\"",
         true},
        {"secret split by a terminal wrap", "curl -H \"Authorization: Bearer eyJhbGciOiJSUzI1\nNiIsImtpZCI6IjEyMyJ9\" -v\nexit 1",
         "\"curl -H \\\"Authorization: Bearer ***REDACTED***\\\" -v\\nexit 1\"", true},
        {"secret kept with --no-redact", "connect failed: password=hunter2 host=db",
         "\"connect failed: password=hunter2 host=db\"", false},
    };
    for (const HostileCase& c : cases) {
        INFO("case: " << std::string(c.name));
        auto report = full_report();
        report->incident.pods[0].containers[1].terminations[0].message = c.text;
        report->incident.pods[0].events[0].message = c.text;
        report->incident.diagnostics[0].message = c.text;
        report->diagnoses.findings[0].evidence[0].text = c.text;
        RenderOptions opts = pretty_options();
        opts.redact = c.redact;
        const std::string json = render_json(report->incident, report->diagnoses, opts);
        CHECK(JsonCheck(json).document());
        std::size_t hits = 0;
        for (std::size_t at = json.find(c.expected_literal); at != std::string::npos;
             at = json.find(c.expected_literal, at + 1)) {
            ++hits;
        }
        // A termination message, an event message, a warning, and the evidence of the one finding
        // (printed twice: as the container's diagnosis and in findings).
        CHECK(hits == 5);
    }
}

}  // TEST_SUITE
