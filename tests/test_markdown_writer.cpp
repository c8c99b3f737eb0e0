// Markdown report: untrusted text can never become live Markdown/HTML, tables keep their shape.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/text_safety.hpp"
#include "diagnose/finding_text.hpp"
#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"
#include "report/markdown_writer.hpp"

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
        if (line == "```mermaid") {  // the writer's own diagram: its labels are filtered to plain words
            in_fence = true;
            fence = "```";
            continue;
        }
        if (line.rfind("```", 0) == 0) {
            in_fence = true;
            fence = line;
            CHECK(line.find_first_not_of('`') == std::string::npos);
            continue;
        }
        // The writer's own folding of a long message: these exact lines, never input text.
        if (line == "<details>" || line == "</details>" ||
            (line.rfind("<summary>", 0) == 0 && line.size() > 19 && line.substr(line.size() - 10) == "</summary>" &&
             line.find_first_not_of("0123456789", 9) == line.find(" line"))) {
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

// A report built by hand: an incident whose texts live in its arena, and its diagnoses.
struct TestReport {
    std::unique_ptr<Incident> incident = std::make_unique<Incident>();
    Diagnoses diagnoses;

    Text keep(const std::string& text) { return incident->keep(text); }

    InputId input(const std::string& path, std::string_view kind = "describe", std::uint64_t lines = 0) {
        for (InputId i = 0; i < incident->inputs.size(); ++i) {
            if (incident->inputs[i].path == path) {
                return i;
            }
        }
        InputRecord record;
        record.path = path;
        record.kind = kind;
        record.lines = lines;
        return incident->add_input(std::move(record));
    }

    // "PATH:LINE" (or a bare, possibly hostile, PATH) as a citation.
    Cite cite(const std::string& where) {
        const std::size_t colon = where.rfind(':');
        if (colon != std::string::npos && colon + 1 < where.size() &&
            where.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
            return {input(where.substr(0, colon)), static_cast<std::uint32_t>(std::stoul(where.substr(colon + 1)))};
        }
        return {input(where), 0};
    }

    // Adds a pod whose containers have the given findings (or none).
    void add_pod(Pod pod, const std::vector<std::optional<Finding>>& findings = {}) {
        const auto p = static_cast<std::uint32_t>(incident->pods.size());
        diagnoses.by_container.emplace_back(pod.containers.size(), k_none_index);
        for (std::uint32_t c = 0; c < findings.size() && c < pod.containers.size(); ++c) {
            if (findings[c]) {
                Finding f = *findings[c];
                f.subject = {p, c, std::nullopt};
                diagnoses.by_container[p][c] = static_cast<std::uint32_t>(diagnoses.findings.size());
                f.rank = headline_rank(builtin_grammar(), f);
                if (diagnoses.headline == k_none_index || f.rank > diagnoses.findings[diagnoses.headline].rank) {
                    diagnoses.headline = static_cast<std::uint32_t>(diagnoses.findings.size());
                }
                diagnoses.findings.push_back(std::move(f));
            }
        }
        incident->pods.push_back(std::move(pod));
    }

    std::string render(const RenderOptions& opts) const { return render_markdown(*incident, diagnoses, opts); }
};

TimePoint time_at(const char* rfc3339) {
    return *parse_kube_time(rfc3339)->time;
}

// One pod, one container; `hostile` placed in every field a person would read.
std::unique_ptr<TestReport> hostile_report(const std::string& hostile_text) {
    auto r = std::make_unique<TestReport>();
    const Text hostile = r->keep(hostile_text);
    r->input(hostile_text, "describe", 42);
    Pod pod;
    pod.namespace_ = "prod";
    pod.name = hostile;
    pod.node = hostile;
    pod.status = "Running";
    pod.reason = hostile;
    pod.message = hostile;
    pod.at = r->cite("describe.txt:1");
    Container container;
    container.name = hostile;
    container.image = hostile;
    container.restart_count = 3;
    container.state.status = StateStatus::waiting;
    container.state.reason = hostile;
    container.limits.push_back({"memory", hostile});
    container.environment.push_back({"DB_PASSWORD", hostile});
    container.environment.push_back({hostile, hostile});
    Termination termination;
    termination.reason = hostile;
    termination.exit_code = 137;
    termination.signal = 9;
    termination.signal_name = hostile;
    termination.message = r->keep("panic: " + hostile_text + "\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d");
    termination.at = r->cite("describe.txt:20");
    RuntimeError chain;
    chain.at = r->cite(hostile_text);
    chain.message = hostile;
    chain.chain = {"failed to create containerd task", hostile, r->keep(hostile_text + ": not a directory")};
    chain.innermost = chain.chain.back();
    chain.cause = "oci-start-error";
    chain.explanation = hostile;
    r->incident->runtime_errors.push_back(chain);
    termination.runtime_error = 0;
    container.terminations.push_back(termination);
    Finding finding;
    finding.cause = "cgroup-oom";
    finding.confidence = Confidence::high;
    finding.summary = "The container " + hostile_text + " hit its memory limit.";
    finding.evidence.push_back({r->cite("describe.txt:21"), hostile});
    finding.evidence.push_back({r->cite(hostile_text), "Reason:       OOMKilled"});
    finding.remediation.emplace_back(hostile);
    finding.alternatives.push_back({"external-kill", Confidence::low, hostile_text});
    finding.exit_code_explanation = hostile_text;
    pod.containers.push_back(container);
    Event event;
    event.type = "Warning";
    event.reason = hostile;
    event.from = hostile;
    event.age = hostile;
    event.count = 9;
    event.message = hostile;
    event.at = r->cite(hostile_text);
    pod.events.push_back(event);
    r->add_pod(pod, {finding});
    Finding node_finding = finding;
    node_finding.subject = Subject{};
    node_finding.cause = hostile;
    r->diagnoses.findings.push_back(node_finding);
    RuntimeError error;
    error.at = r->cite(hostile_text);
    error.message = hostile;
    error.chain = {hostile};
    error.innermost = hostile;
    error.cause = "oci-start-error";
    error.explanation = hostile;
    r->incident->runtime_errors.push_back(error);
    KernelEvent kernel;
    kernel.kind = "oom-kill";
    kernel.at = r->cite(hostile_text);
    kernel.process = hostile;
    kernel.cgroup = hostile;
    r->incident->kernel_events.push_back(kernel);
    r->incident->warn_file(hostile_text, 0, hostile_text);
    return r;
}

// The describe example of formats.md §1.5 (OOMKilled api container), as the pipeline rebuilds it.
std::unique_ptr<TestReport> simple_report() {
    auto r = std::make_unique<TestReport>();
    r->input("describe.txt", "describe", 61);
    Pod pod;
    pod.namespace_ = "prod";
    pod.name = "api-7d9f8b6c5d-x2kqp";
    pod.node = "worker-3";
    pod.status = "Running";
    pod.qos_class = "Burstable";
    pod.at = r->cite("describe.txt:1");
    Container container;
    container.name = "api";
    container.image = "registry.example/api:1.4.2";
    container.container_id = "containerd://4f1c0e9a7b2d";
    container.restart_count = 3;
    container.ready = true;
    container.state.status = StateStatus::running;
    container.state.started = time_at("2019-08-27T10:58:31+02:00");
    container.limits.push_back({"memory", "256Mi"});
    Termination last;
    last.reason = "OOMKilled";
    last.exit_code = 137;
    last.signal = 9;
    last.signal_name = "SIGKILL";
    last.started = time_at("2019-08-27T10:51:02+02:00");
    last.finished = time_at("2019-08-27T10:58:27+02:00");
    last.at = r->cite("describe.txt:23");
    container.terminations.push_back(last);
    container.last_termination = 0;
    Finding finding;
    finding.cause = "cgroup-oom";
    finding.confidence = Confidence::high;
    finding.summary = "The container reached its memory limit (256Mi) and was OOM-killed.";
    finding.evidence.push_back({r->cite("describe.txt:24"), "Reason:       OOMKilled"});
    finding.remediation.push_back("Raise `resources.limits.memory` or reduce the working set.");
    finding.alternatives.push_back({"external-kill", Confidence::low, "Something else sent SIGKILL."});
    finding.exit_code_explanation = "Exit code 137 = 128 + 9 (SIGKILL).";
    pod.containers.push_back(container);
    Event event;
    event.type = "Warning";
    event.reason = "BackOff";
    event.age = "61s";
    event.count = 9;
    event.from = "kubelet";
    event.message = "Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)";
    event.at = r->cite("describe.txt:61");
    pod.events.push_back(event);
    r->add_pod(pod, {finding});
    r->incident->warn(r->cite("describe.txt:12"), "unrecognised key `Foo`");
    return r;
}

struct ContainerWithFinding {
    Container container;
    std::optional<Finding> finding;
};

ContainerWithFinding terminated_container(TestReport& r, const std::string& name, long long exit_code) {
    ContainerWithFinding out;
    Container& container = out.container;
    container.name = r.keep(name);
    container.state.status = StateStatus::waiting;
    container.state.reason = "CrashLoopBackOff";
    Termination termination;
    termination.reason = "Error";
    termination.exit_code = exit_code;
    termination.at = r.cite("describe.txt:30");
    container.terminations.push_back(termination);
    Finding finding;
    finding.cause = "app-error";
    finding.confidence = Confidence::medium;
    finding.summary = "The process exited with code " + std::to_string(exit_code) + " by itself.";
    out.finding = finding;
    return out;
}

void add_named_pod(TestReport& r, const std::string& name, std::vector<ContainerWithFinding> containers) {
    Pod pod;
    pod.namespace_ = "prod";
    pod.name = r.keep(name);
    pod.at = r.cite("describe.txt:1");
    std::vector<std::optional<Finding>> findings;
    for (auto& c : containers) {
        pod.containers.push_back(std::move(c.container));
        findings.push_back(std::move(c.finding));
    }
    r.add_pod(std::move(pod), findings);
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
        const std::string md = hostile_report(c.text)->render(render_options(builtin_grammar(), true));
        check_inert(md);
        // The text is still shown (quoted), not dropped.
        if (c.text.find("alert(1)") != std::string::npos) {
            CHECK(md.find("alert(1)") != std::string::npos);
        }
        // Caps keep the document small whatever the input length (~40 quotes of <= 1,000 chars).
        CHECK(md.size() < 150 * 1024);
        CHECK(hostile_report(c.text)->render(render_options(builtin_grammar(), true)) == md);
    }
}

TEST_CASE("pm::render_markdown simple report") {
    const std::string expected = R"MD(# Post-mortem: `prod/api-7d9f8b6c5d-x2kqp` — container `api`: cgroup OOM (container memory limit) (high confidence)

## Summary

**Failing:** container `api` of `prod/api-7d9f8b6c5d-x2kqp`  
**Cause:** cgroup OOM (container memory limit), high confidence. The container reached its memory limit (256Mi) and was OOM-killed.

Decided by:

- `describe.txt:24` — `Reason:       OOMKilled`

**Do now:** Raise `resources.limits.memory` or reduce the working set.

Read 1 input (1 describe; 61 lines). Found 1 pod with 1 container; 1 terminated. In `prod/api-7d9f8b6c5d-x2kqp`: The container reached its memory limit (256Mi) and was OOM-killed.

## Overview

| Pod | Container | Type | Restarts | Last exit | Cause | Confidence |
|---|---|---|---|---|---|---|
| `prod/api-7d9f8b6c5d-x2kqp` | `api` | app | 3 | 137 (SIGKILL) | cgroup OOM (container memory limit) | high |

## Pod `prod/api-7d9f8b6c5d-x2kqp`

**Node:** `worker-3` · **Status:** `Running` · **QoS:** `Burstable` · **Source:** `describe.txt:1`

```mermaid
timeline
    title Clock times (UTC where the offset is known)
    08-27 08.51.02 : api run 1 started
    08-27 08.58.27 : api run 1 ended OOMKilled exit 137
    08-27 08.58.31 : api running again
```

### Container `api` (app)

**Image:** `registry.example/api:1.4.2` · **ID:** `containerd://4f1c0e9a7b2d` · **State:** running · **Restarts:** 3 · **Ready:** yes · **Limits:** `memory=256Mi`

**Cause:** cgroup OOM (container memory limit) (high confidence) — The container reached its memory limit (256Mi) and was OOM-killed.

Exit code 137 = 128 + 9 (SIGKILL).

**Timeline** (clock times first, as printed; then event ages, relative to when the text was saved)

| When | What | Source |
|---|---|---|
| `2019-08-27T10:51:02+02:00` | run 1 started | `describe.txt:23` |
| `2019-08-27T10:58:27+02:00` | run 1 ended: `OOMKilled`, exit 137 (SIGKILL) after 7m25s | `describe.txt:23` |
| `2019-08-27T10:58:31+02:00` | running again (restart 3) | — |
| `61s` before the capture | `Warning` `BackOff` ×9: `Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)` | `describe.txt:61` |

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

## Appendix

### Inputs

| Path | Kind | Encoding | Lines |
|---|---|---|---|
| `describe.txt` | describe | UTF-8 | 61 |

## Warnings

- `describe.txt:12`: unrecognised key `Foo`

_Written by podmortem )MD" PM_VERSION R"MD( from saved files; every claim cites the file:line it rests on._
)MD";
    const std::string md = simple_report()->render(render_options(builtin_grammar(), true));
    CHECK(md == expected);
    check_inert(md);
}

TEST_CASE("pm::render_markdown titles and caps") {
    using Report = std::unique_ptr<TestReport>;
    struct ShapeCase {
        const char* name;
        std::function<Report()> build;
        bool redact;
        std::vector<std::string> present;
        std::vector<std::string> absent;
    };
    auto fresh = [] { return std::make_unique<TestReport>(); };
    const ShapeCase cases[] = {
        {"several pods",
         [&] {
             Report r = fresh();
             add_named_pod(*r, "a", {terminated_container(*r, "a", 1), terminated_container(*r, "b", 2)});
             add_named_pod(*r, "b", {terminated_container(*r, "c", 3)});
             ContainerWithFinding running;
             running.container.name = "web";
             running.container.state.status = StateStatus::running;
             add_named_pod(*r, "c", {running});
             return r;
         },
         true,
         {"# Post-mortem: 3 pods, 3 containers terminated \u2014 worst: ",
          "| `prod/c` | `web` | app | \u2014 | \u2014 | \u2014 | \u2014 |"},
         // A healthy pod of a many-pod file: its overview row, no section.
         {"## Pod `prod/c`"}},
        {"a running container beside a failing one: one line",
         [&] {
             Report r = fresh();
             ContainerWithFinding running;
             running.container.name = "sidecar";
             running.container.state.status = StateStatus::running;
             add_named_pod(*r, "a", {terminated_container(*r, "a", 1), running});
             return r;
         },
         true,
         {"Container `sidecar` (app): running; it did not terminate.", "### Container `a` (app)"},
         {"### Container `sidecar`"}},
        {"one pod without a diagnosis",
         [&] {
             Report r = fresh();
             ContainerWithFinding container = terminated_container(*r, "api", 2);
             container.finding.reset();
             add_named_pod(*r, "api", {container});
             return r;
         },
         true,
         {"# Post-mortem: `prod/api` \u2014 1 container terminated, no diagnosis\n",
          "**Cause:** no diagnosis was made for this container."},
         {}},
        {"unnamed pod from a kernel log",
         [&] {
             Report r = fresh();
             r->input("dmesg.txt", "kernel-log", 40);
             Pod pod;
             pod.uid = "5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77";
             pod.at = r->cite("dmesg.txt:7");
             ContainerWithFinding container = terminated_container(*r, "x", 137);
             container.container.name.reset();
             pod.containers.push_back(container.container);
             r->add_pod(pod, {container.finding});
             return r;
         },
         true,
         {"# Post-mortem: (unnamed, from `dmesg.txt:7`) \u2014 container (unnamed): application error (medium confidence)\n",
          "## Pod (unnamed, from `dmesg.txt:7`)\n", "**UID:** `5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77`",
          "| (unnamed) | (unnamed) | app | \u2014 | 137 | application error | medium |"},
         {}},
        {"no pods",
         [&] {
             Report r = fresh();
             r->input("notes.txt", "unknown", 3);
             return r;
         },
         true,
         {"# Post-mortem: no pod found in 1 input\n", "Read 1 input (1 unknown; 3 lines). Found 0 pods with 0 containers; 0 terminated.\n"},
         {"## Pod"}},
        {"events capped at 50, newest kept",
         [&] {
             Report r = fresh();
             Pod pod;
             pod.namespace_ = "prod";
             pod.name = "api";
             pod.at = r->cite("describe.txt:1");
             for (int i = 1; i <= 120; ++i) {
                 Event event;
                 event.type = "Warning";
                 event.reason = "Unhealthy";
                 event.message =
                     r->keep("Liveness probe failed: HTTP probe failed with statuscode: 503 #" + std::to_string(i));
                 event.at = r->cite("events.txt:" + std::to_string(i));
                 pod.events.push_back(event);
             }
             r->add_pod(pod);
             return r;
         },
         true,
         {"_70 earlier events not shown (`events.txt:1` to `events.txt:70`; all are in the JSON report)._",
          "statuscode: 503 #71`", "statuscode: 503 #120`"},
         {"statuscode: 503 #70`"}},
        {"warnings capped at 200",
         [&] {
             Report r = fresh();
             for (int i = 1; i <= 250; ++i) {
                 r->incident->warn_file("describe.txt", static_cast<std::uint32_t>(i), "unrecognised line");
             }
             return r;
         },
         true,
         {"- `describe.txt:200`: unrecognised line\n- \u2026 and 50 more warnings (all are in the JSON report)\n"},
         {"`describe.txt:201`"}},
        {"deep runtime error chain",
         [&] {
             Report r = fresh();
             ContainerWithFinding container = terminated_container(*r, "api", 128);
             RuntimeError deep;
             for (int i = 0; i < 1000; ++i) {
                 deep.chain.push_back(r->keep("layer " + std::to_string(i)));
             }
             deep.chain.push_back("not a directory");
             deep.innermost = deep.chain.back();
             deep.cause = "oci-start-error";
             r->incident->runtime_errors.push_back(deep);
             container.container.terminations[0].runtime_error = 0;
             add_named_pod(*r, "api", {container});
             return r;
         },
         true,
         {"- `layer 0`\n  - `layer 1`\n", "\n              - `layer 7`\n                - \u2026 992 more layers \u2026\n"
                                          "                  - `not a directory`\n"},
         {"`layer 8`", "`layer 999`"}},
        {"summary names five containers, then counts",
         [&] {
             Report r = fresh();
             std::vector<ContainerWithFinding> containers;
             for (int i = 1; i <= 7; ++i) {
                 containers.push_back(terminated_container(*r, "c" + std::to_string(i), i));
             }
             add_named_pod(*r, "api", containers);
             return r;
         },
         true,
         {"In `prod/api`: The process exited with code 5 by itself. And 2 more (see below).\n"},
         {"Container `c6` of"}},
        {"summary paragraph takes the first sentence",
         [&] {
             Report r = fresh();
             ContainerWithFinding container = terminated_container(*r, "api", 128);
             container.finding->summary = "Container api could not start. Its start time is the Unix epoch.";
             add_named_pod(*r, "api", {container});
             return r;
         },
         true,
         {"In `prod/api`: Container api could not start.\n\n## Overview\n",
          "**Cause:** application error (medium confidence) \u2014 Container api could not start. Its start time is the "
          "Unix epoch.\n"},
         {}},
        {"raw exit code",
         [&] {
             Report r = fresh();
             ContainerWithFinding container = terminated_container(*r, "api", 255);
             container.container.terminations[0].raw_exit_code = -1;
             add_named_pod(*r, "api", {container});
             return r;
         },
         true,
         {"| 255 (raw -1) | application error |", "| 1 | `Error` | 255 (raw -1) | \u2014 |"},
         {}},
        {"runtime error shown with its termination is not repeated",
         [&] {
             Report r = fresh();
             ContainerWithFinding container = terminated_container(*r, "init-db", 128);
             RuntimeError shown;
             shown.at = r->cite("describe.txt:30");
             shown.chain = {"failed to create shim task", "exec: \"/bin/migrate\": stat /bin/migrate: no such file or directory"};
             shown.innermost = shown.chain.back();
             shown.cause = "exec-not-found";
             shown.explanation = "the entrypoint is missing from the image";
             r->incident->runtime_errors.push_back(shown);
             container.container.terminations[0].runtime_error = 0;
             add_named_pod(*r, "api", {container});
             RuntimeError other = shown;
             other.at = r->cite("events.txt:4");
             other.chain = {"exec: \"./agent\": stat ./agent: no such file or directory"};
             other.innermost = other.chain.back();
             r->incident->runtime_errors.push_back(other);
             return r;
         },
         true,
         {" \u2014 innermost cause: the entrypoint is missing from the image\n",
          "## Runtime errors\n\n- `events.txt:4` \u2014 entrypoint not found: innermost `exec: \"./agent\": stat ./agent: no such file or directory`"},
         {"- `describe.txt:30` \u2014 entrypoint not found"}},
        {"environment redacted by name",
         [&] {
             Report r = fresh();
             ContainerWithFinding container = terminated_container(*r, "api", 1);
             container.container.environment = {{"DB_PASSWORD", "hunter2"}, {"JAVA_OPTS", "-Xmx512m"}};
             container.container.terminations[0].message = "dial tcp: password=hunter2 rejected";
             add_named_pod(*r, "api", {container});
             return r;
         },
         true,
         {"- `DB_PASSWORD` = `***REDACTED***`\n- `JAVA_OPTS` = `-Xmx512m`\n", "password=***REDACTED*** rejected"},
         {"hunter2"}},
        {"values a terminal wrapped are redacted whole",
         [&] {
             Report r = fresh();
             ContainerWithFinding container = terminated_container(*r, "api", 1);
             container.container.environment = {
                 {"JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxM\njM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0"},
                 {"SLACK_WEBHOOK", "https://hooks.slack.com/services/T00000000/B000000\n00/XXXXXXXXXXXXXXXXXXXXXXXX"}};
             container.container.terminations[0].message =
                 "curl -H \"Authorization: Bearer eyJhbGciOiJSUzI1\nNiIsImtpZCI6IjEyMyJ9.c2lnbmF0dXJl\" https://api\nexit";
             add_named_pod(*r, "api", {container});
             return r;
         },
         true,
         {"- `JWT` = `***REDACTED***`\n- `SLACK_WEBHOOK` = `https://hooks.slack.com/services/***REDACTED***`\n",
          "curl -H \"Authorization: Bearer ***REDACTED***\" https://api\nexit\n"},
         {"jM0NTY3", "00/XXXX", "NiIsImtpZCI6"}},
        {"--no-redact keeps values",
         [&] {
             Report r = fresh();
             ContainerWithFinding container = terminated_container(*r, "api", 1);
             container.container.environment = {{"DB_PASSWORD", "hunter2"}};
             add_named_pod(*r, "api", {container});
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
        const std::string md = c.build()->render(opts);
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
            CHECK(count_of(c.build()->render(render_options(builtin_grammar(), true)), "\n| `Warning` | `Unhealthy` |") == 50);
        }
    }
}

}  // TEST_SUITE
