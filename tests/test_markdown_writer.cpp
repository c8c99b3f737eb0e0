// Markdown report: untrusted text can never become live Markdown/HTML, tables keep their shape.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "analyzer.hpp"
#include "grammar/grammar_loader.hpp"
#include "report/markdown_writer.hpp"
#include "report/text_safety.hpp"

using namespace pm;

namespace {

// Lines of `text`, without their "\n".
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// The live Markdown of a line: code spans become CODE and backslash-escaped characters E, the way
// CommonMark reads them (a span closes at the next backtick run of the same length).
std::string without_code_spans(const std::string& line) {
    std::string out;
    std::size_t i = 0;
    while (i < line.size()) {
        if (line[i] == '\\' && i + 1 < line.size()) {
            out.push_back('E');
            i += 2;
            continue;
        }
        if (line[i] != '`') {
            out.push_back(line[i]);
            ++i;
            continue;
        }
        std::size_t open = 0;
        while (i + open < line.size() && line[i + open] == '`') {
            ++open;
        }
        std::size_t k = i + open;
        std::size_t close = std::string::npos;
        while (k < line.size()) {
            if (line[k] != '`') {
                ++k;
                continue;
            }
            std::size_t run = 0;
            while (k + run < line.size() && line[k + run] == '`') {
                ++run;
            }
            if (run == open) {
                close = k;
                break;
            }
            k += run;
        }
        if (close == std::string::npos) {
            out += line.substr(i, open);
            i += open;
        } else {
            out += "CODE";
            i = close + open;
        }
    }
    return out;
}

// GFM table cell separators: `|` not preceded by a backslash (GFM splits before code spans).
std::size_t cell_pipes(const std::string& line) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) {
            ++count;
        }
    }
    return count;
}

bool valid_utf8(const std::string& text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Step step = decode_utf8(text, pos);
        if (!step.valid) {
            return false;
        }
        pos += step.length;
    }
    return true;
}

// Everything a hostile string must not achieve, checked on the rendered document.
void check_inert(const std::string& md) {
    CHECK(valid_utf8(md));
    CHECK(md.find('\x1b') == std::string::npos);
    CHECK(md.find('\x07') == std::string::npos);
    CHECK(md.find('\r') == std::string::npos);
    CHECK(md.find("\u202E") == std::string::npos);
    CHECK(md.find("\u2066") == std::string::npos);
    CHECK(md.size() >= 1);
    CHECK(md.back() == '\n');
    CHECK(md.find("\n\n\n") == std::string::npos);

    bool in_fence = false;
    std::string fence;
    std::size_t titles = 0;
    std::size_t table_pipes = 0;
    for (const std::string& line : lines_of(md)) {
        CAPTURE(line);
        if (in_fence) {
            // Only our own closing fence may end the block: nothing inside looks like one.
            if (line == fence) {
                in_fence = false;
            } else {
                CHECK(line.rfind(fence, 0) != 0);
            }
            continue;
        }
        if (line.rfind("```", 0) == 0) {
            in_fence = true;
            fence = line;
            CHECK(line.find_first_not_of('`') == std::string::npos);
            continue;
        }
        const std::string outside = without_code_spans(line);
        CAPTURE(outside);
        // No raw HTML, entities only; no link or image syntax; no autolink target outside code.
        CHECK(outside.find('<') == std::string::npos);
        CHECK(outside.find('>') == std::string::npos);
        CHECK(outside.find("](") == std::string::npos);
        CHECK(outside.find("![") == std::string::npos);
        CHECK(outside.find("://") == std::string::npos);
        CHECK(outside.find("www.") == std::string::npos);
        CHECK(outside.find('@') == std::string::npos);
        // Block structure comes from us alone.
        CHECK(line.rfind("~~~", 0) != 0);
        // Indented lines are only our nested chain bullets (never an indented code block).
        if (line.rfind(" ", 0) == 0) {
            const std::size_t text_start = line.find_first_not_of(' ');
            CHECK(text_start != std::string::npos);
            CHECK(line.compare(text_start, 2, "- ") == 0);
        }
        if (line.rfind("# ", 0) == 0) {
            ++titles;
            CHECK(line.rfind("# Post-mortem: ", 0) == 0);
        }
        if (line.rfind("#", 0) == 0) {
            const bool known = line.rfind("# Post-mortem: ", 0) == 0 || line.rfind("## ", 0) == 0 ||
                               line.rfind("### ", 0) == 0;
            CHECK(known);
        }
        // Every row of a table has the header's column count.
        if (line.rfind("|", 0) == 0) {
            if (table_pipes == 0) {
                table_pipes = cell_pipes(line);
            }
            CHECK(cell_pipes(line) == table_pipes);
        } else {
            table_pipes = 0;
        }
    }
    CHECK_FALSE(in_fence);
    CHECK(titles == 1);
}

// One pod, one container; `hostile` placed in every field a person would read.
Report hostile_report(const std::string& hostile) {
    Report report;
    report.inputs.push_back({hostile, "describe", "UTF-8", 42});
    Pod pod;
    pod.namespace_ = "prod";
    pod.name = hostile;
    pod.node = hostile;
    pod.status = "Running";
    pod.reason = hostile;
    pod.message = hostile;
    pod.source = "describe.txt:1";
    Container container;
    container.name = hostile;
    container.image = hostile;
    container.restart_count = 3;
    container.state.status = "waiting";
    container.state.reason = hostile;
    container.limits["memory"] = hostile;
    container.environment.push_back({"DB_PASSWORD", hostile});
    container.environment.push_back({hostile, hostile});
    Termination termination;
    termination.reason = hostile;
    termination.exit_code = 137;
    termination.signal = 9;
    termination.signal_name = hostile;
    termination.started = hostile;
    termination.message = "panic: " + hostile + "\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d";
    termination.message_chain = {"failed to create containerd task", hostile, hostile + ": not a directory"};
    termination.source = "describe.txt:20";
    container.terminations.push_back(termination);
    Finding finding;
    finding.subject.pod = "prod/" + hostile;
    finding.subject.container = hostile;
    finding.cause = "cgroup-oom";
    finding.confidence = "high";
    finding.summary = "The container " + hostile + " hit its memory limit.";
    finding.evidence.push_back({"describe.txt:21", hostile});
    finding.evidence.push_back({hostile, "Reason:       OOMKilled"});
    finding.remediation.push_back(hostile);
    finding.alternatives.push_back({"external-kill", "low", hostile});
    finding.exit_code_explanation = hostile;
    container.diagnosis = finding;
    pod.containers.push_back(container);
    Event event;
    event.type = "Warning";
    event.reason = hostile;
    event.from = hostile;
    event.age = hostile;
    event.count = 9;
    event.message = hostile;
    event.source = hostile;
    pod.events.push_back(event);
    report.pods.push_back(pod);
    report.findings.push_back(finding);
    Finding node_finding = finding;
    node_finding.subject = Subject{std::nullopt, std::nullopt, hostile};
    node_finding.cause = hostile;
    node_finding.confidence = hostile;
    report.findings.push_back(node_finding);
    RuntimeError error;
    error.source = hostile;
    error.message = hostile;
    error.chain = {hostile};
    error.innermost = hostile;
    error.cause = "oci-start-error";
    error.explanation = hostile;
    report.runtime_errors.push_back(error);
    KernelEvent kernel;
    kernel.kind = "oom-kill";
    kernel.source = hostile;
    kernel.process = hostile;
    kernel.cgroup = hostile;
    report.kernel_events.push_back(kernel);
    report.warnings.push_back({hostile, hostile});
    return report;
}

// The describe example of formats.md §1.5 (OOMKilled api container), as the pipeline rebuilds it.
Report simple_report() {
    Report report;
    report.inputs.push_back({"describe.txt", "describe", "UTF-8", 61});
    Pod pod;
    pod.namespace_ = "prod";
    pod.name = "api-7d9f8b6c5d-x2kqp";
    pod.node = "worker-3";
    pod.status = "Running";
    pod.qos_class = "Burstable";
    pod.source = "describe.txt:1";
    Container container;
    container.name = "api";
    container.image = "registry.example/api:1.4.2";
    container.container_id = "containerd://4f1c0e9a7b2d";
    container.restart_count = 3;
    container.ready = true;
    container.state.status = "running";
    container.state.started = "2019-08-27T10:58:31+02:00";
    container.limits["memory"] = "256Mi";
    Termination last;
    last.reason = "OOMKilled";
    last.exit_code = 137;
    last.signal = 9;
    last.signal_name = "SIGKILL";
    last.started = "2019-08-27T10:51:02+02:00";
    last.finished = "2019-08-27T10:58:27+02:00";
    last.source = "describe.txt:23";
    container.last_termination = last;
    container.terminations.push_back(last);
    Finding finding;
    finding.subject = Subject{"prod/api-7d9f8b6c5d-x2kqp", "api", "worker-3"};
    finding.cause = "cgroup-oom";
    finding.confidence = "high";
    finding.summary = "The container reached its memory limit (256Mi) and was OOM-killed.";
    finding.evidence.push_back({"describe.txt:24", "Reason:       OOMKilled"});
    finding.remediation.push_back("Raise `resources.limits.memory` or reduce the working set.");
    finding.alternatives.push_back({"external-kill", "low", "Something else sent SIGKILL."});
    finding.exit_code_explanation = "Exit code 137 = 128 + 9 (SIGKILL).";
    container.diagnosis = finding;
    pod.containers.push_back(container);
    Event event;
    event.type = "Warning";
    event.reason = "BackOff";
    event.age = "61s";
    event.count = 9;
    event.from = "kubelet";
    event.message = "Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)";
    event.source = "describe.txt:61";
    pod.events.push_back(event);
    report.pods.push_back(pod);
    report.findings.push_back(finding);
    report.warnings.push_back({"describe.txt:12", "unrecognised key `Foo`"});
    return report;
}

Container terminated_container(const std::string& name, long long exit_code) {
    Container container;
    container.name = name;
    container.state.status = "waiting";
    container.state.reason = "CrashLoopBackOff";
    Termination termination;
    termination.reason = "Error";
    termination.exit_code = exit_code;
    termination.source = "describe.txt:30";
    container.terminations.push_back(termination);
    Finding finding;
    finding.subject = Subject{"prod/" + name, name, std::nullopt};
    finding.cause = "app-error";
    finding.confidence = "medium";
    finding.summary = "The process exited with code " + std::to_string(exit_code) + " by itself.";
    container.diagnosis = finding;
    return container;
}

Pod named_pod(const std::string& name, std::vector<Container> containers) {
    Pod pod;
    pod.namespace_ = "prod";
    pod.name = name;
    pod.source = "describe.txt:1";
    pod.containers = std::move(containers);
    return pod;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

}  // namespace

TEST_SUITE("markdown_writer") {

TEST_CASE("pm::render_markdown hostile text") {
    struct HostileCase {
        const char* name;
        std::string text;
    };
    std::string big;
    while (big.size() < 100 * 1024) {
        big += "<script>alert(1)</script>|`";
    }
    const HostileCase cases[] = {
        {"script", "<script>alert(1)</script>"},
        {"close code", "</code><img src=x onerror=alert(1)>"},
        {"link", "[click](javascript:alert(1))"},
        {"image", "![x](http://evil/x.png)"},
        {"heading and table", "line1\n# Heading\n| a | b |"},
        {"fence", "```\nfence"},
        {"tilde fence", "~~~\nfence"},
        {"pipe", "a|b"},
        {"backticks", "``` `` `"},
        {"comment", "<!-- x"},
        {"escape sequences", "\x1b[2J\x1b]8;;http://evil\x07click\x1b]8;;\x07"},
        {"bidi", "user\u202Egnp.exe\u2066x\u2069"},
        {"thematic break and list", "---\n- item\n1. one\n> quote"},
        {"crlf", "a\r\n## b\rc"},
        {"autolinks", "www.evil.com http://evil.com a@evil.com"},
        {"backslash before pipe", "a\\|b\\"},
        {"invalid utf-8", std::string("\xff\xfe<b>\xed\xa0\x80")},
        {"100 KB", big},
    };
    for (const HostileCase& c : cases) {
        INFO("case: " << std::string(c.name));
        const std::string md = render_markdown(hostile_report(c.text), render_options(builtin_grammar(), true));
        check_inert(md);
        // The text is still shown (quoted), not dropped.
        if (c.text.find("alert(1)") != std::string::npos) {
            CHECK(md.find("alert(1)") != std::string::npos);
        }
        // Caps keep the document small whatever the input length (~40 quotes of <= 1,000 chars).
        CHECK(md.size() < 150 * 1024);
        CHECK(render_markdown(hostile_report(c.text), render_options(builtin_grammar(), true)) == md);
    }
}

TEST_CASE("pm::render_markdown simple report") {
    const std::string expected = R"MD(# Post-mortem: `prod/api-7d9f8b6c5d-x2kqp` — container `api`: cgroup OOM (container memory limit) (high confidence)

Read 1 input (1 describe; 61 lines). Found 1 pod with 1 container; 1 terminated. In `prod/api-7d9f8b6c5d-x2kqp`: The container reached its memory limit (256Mi) and was OOM-killed.

## Overview

| Pod | Container | Type | Restarts | Last exit | Cause | Confidence |
|---|---|---|---|---|---|---|
| `prod/api-7d9f8b6c5d-x2kqp` | `api` | app | 3 | 137 (SIGKILL) | cgroup OOM (container memory limit) | high |

## Pod `prod/api-7d9f8b6c5d-x2kqp`

**Node:** `worker-3` · **Status:** `Running` · **QoS:** `Burstable` · **Source:** `describe.txt:1`

### Container `api` (app)

**Image:** `registry.example/api:1.4.2` · **ID:** `containerd://4f1c0e9a7b2d` · **State:** running · **Restarts:** 3 · **Ready:** yes · **Limits:** `memory=256Mi`

**Cause:** cgroup OOM (container memory limit) (high confidence) — The container reached its memory limit (256Mi) and was OOM-killed.

Exit code 137 = 128 + 9 (SIGKILL).

| # | Reason | Exit | Signal | Started | Finished | Source |
|---|---|---|---|---|---|---|
| 1 | `OOMKilled` | 137 (SIGKILL) | 9 (SIGKILL) | `2019-08-27T10:51:02+02:00` | `2019-08-27T10:58:27+02:00` | `describe.txt:23` |

**Evidence**

- `describe.txt:24` — `Reason:       OOMKilled`

**Remediation**

- Raise `resources.limits.memory` or reduce the working set.

**Alternatives**

- killed by a signal from outside (low confidence): Something else sent SIGKILL.

### Events of `prod/api-7d9f8b6c5d-x2kqp`

| Type | Reason | Age | Count | From | Message | Source |
|---|---|---|---|---|---|---|
| `Warning` | `BackOff` | `61s` | 9 | `kubelet` | `Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)` | `describe.txt:61` |

## Inputs

| Path | Kind | Encoding | Lines |
|---|---|---|---|
| `describe.txt` | describe | UTF-8 | 61 |

## Warnings

- `describe.txt:12`: unrecognised key `Foo`

_Written by podmortem )MD" PM_VERSION R"MD( from saved files; every claim cites the file:line it rests on._
)MD";
    const std::string md = render_markdown(simple_report(), render_options(builtin_grammar(), true));
    CHECK(md == expected);
    check_inert(md);
}

TEST_CASE("pm::render_markdown titles and caps") {
    struct ShapeCase {
        const char* name;
        std::function<Report()> build;
        bool redact;
        std::vector<std::string> present;
        std::vector<std::string> absent;
    };
    const ShapeCase cases[] = {
        {"several pods",
         [] {
             Report r;
             r.pods.push_back(named_pod("a", {terminated_container("a", 1), terminated_container("b", 2)}));
             r.pods.push_back(named_pod("b", {terminated_container("c", 3)}));
             Pod healthy = named_pod("c", {});
             Container running;
             running.name = "web";
             running.state.status = "running";
             healthy.containers.push_back(running);
             r.pods.push_back(healthy);
             return r;
         },
         true,
         {"# Post-mortem: 3 pods, 3 containers terminated\n",
          "| `prod/c` | `web` | app | \u2014 | \u2014 | \u2014 | \u2014 |",
          "**Cause:** none; the container did not terminate."},
         {}},
        {"one pod without a diagnosis",
         [] {
             Report r;
             Container container = terminated_container("api", 2);
             container.diagnosis.reset();
             r.pods.push_back(named_pod("api", {container}));
             return r;
         },
         true,
         {"# Post-mortem: `prod/api` \u2014 1 container terminated, no diagnosis\n",
          "**Cause:** no diagnosis was made for this container."},
         {}},
        {"unnamed pod from a kernel log",
         [] {
             Report r;
             r.inputs.push_back({"dmesg.txt", "kernel-log", "UTF-8", 40});
             Pod pod;
             pod.uid = "5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77";
             pod.source = "dmesg.txt:7";
             Container container = terminated_container("x", 137);
             container.name.reset();
             pod.containers.push_back(container);
             r.pods.push_back(pod);
             return r;
         },
         true,
         {"# Post-mortem: (unnamed, from `dmesg.txt:7`) \u2014 container (unnamed): application error (medium confidence)\n",
          "## Pod (unnamed, from `dmesg.txt:7`)\n", "**UID:** `5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77`",
          "| (unnamed) | (unnamed) | app | \u2014 | 137 | application error | medium |"},
         {}},
        {"no pods",
         [] {
             Report r;
             r.inputs.push_back({"notes.txt", "unknown", "UTF-8", 3});
             return r;
         },
         true,
         {"# Post-mortem: no pod found in 1 input\n", "Read 1 input (1 unknown; 3 lines). Found 0 pods with 0 containers; 0 terminated.\n"},
         {"## Pod"}},
        {"events capped at 50, newest kept",
         [] {
             Report r;
             Pod pod = named_pod("api", {});
             for (int i = 1; i <= 120; ++i) {
                 Event event;
                 event.type = "Warning";
                 event.reason = "Unhealthy";
                 event.message = "Liveness probe failed: HTTP probe failed with statuscode: 503 #" + std::to_string(i);
                 event.source = "events.txt:" + std::to_string(i);
                 pod.events.push_back(event);
             }
             r.pods.push_back(pod);
             return r;
         },
         true,
         {"_70 earlier events not shown (`events.txt:1` to `events.txt:70`; all are in the JSON report)._",
          "statuscode: 503 #71`", "statuscode: 503 #120`"},
         {"statuscode: 503 #70`"}},
        {"warnings capped at 200",
         [] {
             Report r;
             for (int i = 1; i <= 250; ++i) {
                 r.warnings.push_back({"describe.txt:" + std::to_string(i), "unrecognised line"});
             }
             return r;
         },
         true,
         {"- `describe.txt:200`: unrecognised line\n- \u2026 and 50 more warnings (all are in the JSON report)\n"},
         {"`describe.txt:201`"}},
        {"deep runtime error chain",
         [] {
             Report r;
             Container container = terminated_container("api", 128);
             for (int i = 0; i < 1000; ++i) {
                 container.terminations[0].message_chain.push_back("layer " + std::to_string(i));
             }
             container.terminations[0].message_chain.push_back("not a directory");
             r.pods.push_back(named_pod("api", {container}));
             return r;
         },
         true,
         {"- `layer 0`\n  - `layer 1`\n", "\n              - `layer 7`\n                - \u2026 992 more layers \u2026\n"
                                          "                  - `not a directory`\n"},
         {"`layer 8`", "`layer 999`"}},
        {"summary names five containers, then counts",
         [] {
             Report r;
             std::vector<Container> containers;
             for (int i = 1; i <= 7; ++i) {
                 containers.push_back(terminated_container("c" + std::to_string(i), i));
             }
             r.pods.push_back(named_pod("api", containers));
             return r;
         },
         true,
         {"In `prod/api`: The process exited with code 5 by itself. And 2 more (see below).\n"},
         {"Container `c6` of"}},
        {"summary paragraph takes the first sentence",
         [] {
             Report r;
             Container container = terminated_container("api", 128);
             container.diagnosis->summary = "Container api could not start. Its start time is the Unix epoch.";
             r.pods.push_back(named_pod("api", {container}));
             return r;
         },
         true,
         {"In `prod/api`: Container api could not start.\n\n## Overview\n",
          "**Cause:** application error (medium confidence) \u2014 Container api could not start. Its start time is the "
          "Unix epoch.\n"},
         {}},
        {"raw exit code",
         [] {
             Report r;
             Container container = terminated_container("api", 255);
             container.terminations[0].raw_exit_code = -1;
             r.pods.push_back(named_pod("api", {container}));
             return r;
         },
         true,
         {"| 255 (raw -1) | application error |", "| 1 | `Error` | 255 (raw -1) | \u2014 |"},
         {}},
        {"runtime error shown with its termination is not repeated",
         [] {
             Report r;
             Container container = terminated_container("init-db", 128);
             container.terminations[0].message_chain = {"failed to create shim task", "exec: \"/bin/migrate\": stat /bin/migrate: no such file or directory"};
             r.pods.push_back(named_pod("api", {container}));
             RuntimeError shown;
             shown.source = "describe.txt:30";
             shown.chain = container.terminations[0].message_chain;
             shown.innermost = shown.chain.back();
             shown.cause = "exec-not-found";
             shown.explanation = "the entrypoint is missing from the image";
             r.runtime_errors.push_back(shown);
             RuntimeError other = shown;
             other.source = "events.txt:4";
             other.chain = {"exec: \"./agent\": stat ./agent: no such file or directory"};
             other.innermost = other.chain.back();
             r.runtime_errors.push_back(other);
             return r;
         },
         true,
         {" \u2014 innermost cause: the entrypoint is missing from the image\n",
          "## Runtime errors\n\n- `events.txt:4` \u2014 entrypoint not found: innermost `exec: \"./agent\": stat ./agent: no such file or directory`"},
         {"- `describe.txt:30` \u2014 entrypoint not found"}},
        {"environment redacted by name",
         [] {
             Report r;
             Container container = terminated_container("api", 1);
             container.environment = {{"DB_PASSWORD", "hunter2"}, {"JAVA_OPTS", "-Xmx512m"}};
             container.terminations[0].message = "dial tcp: password=hunter2 rejected";
             r.pods.push_back(named_pod("api", {container}));
             return r;
         },
         true,
         {"- `DB_PASSWORD` = `***REDACTED***`\n- `JAVA_OPTS` = `-Xmx512m`\n", "password=***REDACTED*** rejected"},
         {"hunter2"}},
        {"--no-redact keeps values",
         [] {
             Report r;
             Container container = terminated_container("api", 1);
             container.environment = {{"DB_PASSWORD", "hunter2"}};
             r.pods.push_back(named_pod("api", {container}));
             return r;
         },
         false,
         {"- `DB_PASSWORD` = `hunter2`\n"},
         {"REDACTED"}},
    };
    for (const ShapeCase& c : cases) {
        INFO("case: " << std::string(c.name));
        RenderOptions opts = render_options(builtin_grammar(), true);
        opts.redact = c.redact;
        const std::string md = render_markdown(c.build(), opts);
        for (const std::string& text : c.present) {
            INFO("present: " << text);
            CHECK(md.find(text) != std::string::npos);
        }
        for (const std::string& text : c.absent) {
            INFO("absent: " << text);
            CHECK(md.find(text) == std::string::npos);
        }
        check_inert(md);
    }
    // Exactly 50 rows in a capped events table.
    for (const ShapeCase& c : cases) {
        if (std::string(c.name) == "events capped at 50, newest kept") {
            CHECK(count_of(render_markdown(c.build(), render_options(builtin_grammar(), true)), "\n| `Warning` | `Unhealthy` |") == 50);
        }
    }
}

}  // TEST_SUITE
