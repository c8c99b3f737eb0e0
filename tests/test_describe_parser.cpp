// Tests for parse_describe: real `kubectl describe pod` output of every version, the seed guide's
// pastes, paste damage applied to one pod (must parse to the same fields), exit codes, warnings and
// hostile input.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "describe_samples.hpp"
#include "readers/describe/describe_parser.hpp"
#include "readers/describe/describe_values.hpp"
#include "test_support.hpp"

namespace pm {

namespace {

using test::show;

std::string show_cites(const Incident& incident, const std::vector<Quote>& cites) {
    std::string out;
    for (const auto& e : cites) {
        out += (out.empty() ? "" : " | ") + incident.where(e.at) + " " + std::string(e.text);
    }
    return out;
}

void dump_termination(const Incident& incident, std::vector<std::string>& out, const std::string& p,
                      const Termination& t) {
    out.push_back(p + "reason=" + show(t.reason));
    out.push_back(p + "exit_code=" + show(t.exit_code));
    out.push_back(p + "raw_exit_code=" + show(t.raw_exit_code));
    out.push_back(p + "signal=" + show(t.signal));
    out.push_back(p + "signal_name=" + show(t.signal_name));
    out.push_back(p + "started=" + show(t.started));
    out.push_back(p + "finished=" + show(t.finished));
    out.push_back(p + "message=" + show(t.message));
    out.push_back(p + "never_started=" + std::string(t.never_started ? "true" : "false"));
    out.push_back(p + "source=" + incident.where(t.at));
    out.push_back(p + "cites=" + show_cites(incident, t.cites));
}

std::string str(std::string_view v) {
    return std::string(v);
}

// Every parsed field as `path=value` lines, so a case lists exactly what it expects.
std::vector<std::string> dump(const Incident& incident, const std::vector<Pod>& pods) {
    auto where = [&](Cite at) { return incident.where(at); };
    std::vector<std::string> out;
    out.push_back("pods=" + std::to_string(pods.size()));
    for (size_t k = 0; k < pods.size(); ++k) {
        const Pod& pod = pods[k];
        std::string p = "pod[" + std::to_string(k) + "].";
        out.push_back(p + "name=" + show(pod.name));
        out.push_back(p + "namespace=" + show(pod.namespace_));
        out.push_back(p + "node=" + show(pod.node));
        out.push_back(p + "status=" + show(pod.status));
        out.push_back(p + "reason=" + show(pod.reason));
        out.push_back(p + "message=" + show(pod.message));
        out.push_back(p + "start_time=" + show(pod.start_time));
        out.push_back(p + "qos_class=" + show(pod.qos_class));
        out.push_back(p + "controlled_by=" + show(pod.controlled_by));
        out.push_back(p + "source=" + where(pod.at));
        if (pod.status_cite) {
            out.push_back(p + "status_cite=" + where(pod.status_cite->at) + " " + str(pod.status_cite->text));
        }
        for (const auto& [key, value] : pod.labels) {
            out.push_back(p + "label." + str(key) + "=" + str(value));
        }
        for (const auto& [type, status] : pod.conditions) {
            out.push_back(p + "condition." + str(type) + "=" + str(status));
        }
        for (const Volume& v : pod.volumes) {
            out.push_back(p + "volume." + str(v.name) + "=" + str(v.type) + " " + show(v.object_name));
            out.push_back(p + "volume." + str(v.name) + ".source=" + where(v.at));
        }
        out.push_back(p + "events=" + std::to_string(pod.events.size()));
        out.push_back(p + "containers=" + std::to_string(pod.containers.size()));
        for (size_t i = 0; i < pod.containers.size(); ++i) {
            const Container& c = pod.containers[i];
            std::string q = p + "c[" + std::to_string(i) + "].";
            out.push_back(q + "name=" + show(c.name));
            out.push_back(q + "type=" + str(container_type_name(c.type)));
            out.push_back(q + "image=" + show(c.image));
            out.push_back(q + "container_id=" + show(c.container_id));
            out.push_back(q + "ready=" + show(c.ready));
            out.push_back(q + "restart_count=" + show(c.restart_count));
            out.push_back(q + "source=" + where(c.at));
            if (c.restart_cite) {
                out.push_back(q + "restart_cite=" + where(c.restart_cite->at) + " " + str(c.restart_cite->text));
            }
            for (const auto& [name, quantity] : c.limits) {
                out.push_back(q + "limits." + str(name) + "=" + str(quantity));
            }
            for (const auto& [name, quantity] : c.requests) {
                out.push_back(q + "requests." + str(name) + "=" + str(quantity));
            }
            if (c.memory_limit_cite) {
                out.push_back(q + "memory_limit_cite=" + where(c.memory_limit_cite->at) + " " +
                              str(c.memory_limit_cite->text));
            }
            for (const Probe& probe : c.probes) {
                out.push_back(q + "probe." + str(probe.kind) + "=" + str(probe.spec));
                out.push_back(q + "probe." + str(probe.kind) + ".source=" + where(probe.line.at));
            }
            for (const Mount& m : c.mounts) {
                out.push_back(q + "mount." + str(m.path) + "=" + str(m.volume) + " " + str(m.mode) + " " + show(m.sub_path));
                out.push_back(q + "mount." + str(m.path) + ".source=" + where(m.line.at));
            }
            std::string command;
            for (const auto& part : c.command) {
                command += "[" + str(part) + "]";
            }
            out.push_back(q + "command=" + command);
            std::string args;
            for (const auto& part : c.args) {
                args += "[" + str(part) + "]";
            }
            out.push_back(q + "args=" + args);
            for (const auto& [name, value] : c.environment) {
                out.push_back(q + "env." + str(name) + "=" + str(value));
            }
            const State& s = c.state;
            std::string r = q + "state.";
            out.push_back(r + "status=" + str(state_status_name(s.status)));
            out.push_back(r + "reason=" + show(s.reason));
            out.push_back(r + "message=" + show(s.message));
            out.push_back(r + "started=" + show(s.started));
            out.push_back(r + "finished=" + show(s.finished));
            out.push_back(r + "exit_code=" + show(s.exit_code));
            out.push_back(r + "signal=" + show(s.signal));
            out.push_back(r + "source=" + where(s.at));
            out.push_back(r + "cites=" + show_cites(incident, s.cites));
            out.push_back(r + "as_termination=" + std::string(c.current_termination() != nullptr ? "yes" : "no"));
            if (const Termination* last = c.last()) {
                dump_termination(incident, out, q + "last.", *last);
            } else {
                out.push_back(q + "last=null");
            }
            std::string reasons;
            for (const Termination& t : c.terminations) {
                reasons += "[" + show(t.reason) + " " + show(t.exit_code) + "]";
            }
            out.push_back(q + "terminations=" + reasons);
        }
    }
    return out;
}

struct Parsed {
    std::shared_ptr<test::OneInput> input;  // the texts the records point into
    std::vector<Pod> pods;
    std::vector<Diagnostic> warnings;
    std::vector<std::string> lines;
};

Parsed parse_text(std::string_view text) {
    Parsed out;
    out.input = std::make_shared<test::OneInput>("describe.txt", text);
    Incident& incident = *out.input->incident;
    if (!out.input->text->lines.empty()) {
        out.pods = parse_describe(*out.input->text, out.input->id, 0, out.input->last_line(), incident);
    }
    out.warnings = incident.diagnostics;
    out.lines = dump(incident, out.pods);
    out.lines.push_back("warnings=" + std::to_string(out.warnings.size()));
    return out;
}

std::vector<std::string> without_sources(std::vector<std::string> lines) {
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [](const std::string& l) {
                                   return l.find(".source=") != std::string::npos ||
                                          l.find("cite") != std::string::npos;
                               }),
                lines.end());
    return lines;
}

bool contains(const std::vector<std::string>& lines, const std::string& wanted) {
    return std::find(lines.begin(), lines.end(), wanted) != lines.end();
}

std::string show_warnings(const std::vector<Diagnostic>& warnings) {
    std::string out;
    for (const Diagnostic& w : warnings) {
        out += diagnostic_where(w) + " " + w.message + "\n";
    }
    return out;
}

// Paste damage, applied line by line or to the whole text.
std::string map_lines(std::string_view text, std::string (*change)(std::string_view)) {
    std::string out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        size_t end = nl == std::string_view::npos ? text.size() : nl;
        out += change(text.substr(pos, end - pos));
        out += '\n';
        pos = end + 1;
    }
    return out;
}

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    for (char c : text) {
        bool blank = c == ' ' || c == '\t' || c == '\n';
        if (!blank) {
            out += c;
        } else if (!out.empty() && out.back() != ' ') {
            out += ' ';
        }
    }
    return out;
}

std::string expand_tabs(std::string_view text) {
    std::string out;
    size_t column = 0;
    for (char c : text) {
        if (c == '\t') {
            size_t n = 8 - column % 8;
            out.append(n, ' ');
            column += n;
        } else {
            out += c;
            column = c == '\n' ? 0 : column + 1;
        }
    }
    return out;
}

std::string repeat(std::string_view piece, size_t times) {
    std::string out;
    out.reserve(piece.size() * times);
    for (size_t i = 0; i < times; ++i) {
        out += piece;
    }
    return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
    return text;
}

// A current-format pod whose Last State block a case fills in ({state} is replaced).
constexpr std::string_view k_state_template = R"TXT(Name:         demo-7d4b9c-abcde
Namespace:    shop
Priority:     0
Node:         node-1/10.0.0.3
Start Time:   Tue, 27 Aug 2019 10:30:00 +0800
Labels:       app=demo
Annotations:  <none>
Status:       Running
IP:           10.244.1.7
IPs:
  IP:  10.244.1.7
Containers:
  app:
    Container ID:   containerd://5fb8acf9ee62
    Image:          registry.example/demo:1.4.2
    Image ID:       registry.example/demo@sha256:4079
    Port:           8080/TCP
    Host Port:      0/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
{state}    Ready:          False
    Restart Count:  7
    Environment:    <none>
    Mounts:         <none>
Conditions:
  Type              Status
  Initialized       True 
  Ready             False 
  ContainersReady   False 
  PodScheduled      True 
Volumes:            <none>
QoS Class:          BestEffort
Node-Selectors:     <none>
Tolerations:        <none>
Events:             <none>
)TXT";

std::string with_state(std::string_view state) {
    return replace_all(std::string(k_state_template), "{state}", state);
}

}  // namespace

TEST_SUITE("describe_parser") {

TEST_CASE("parse_describe real output") {
    struct Case {
        std::string name;
        std::string text;
        std::vector<std::string> expected;  // dump lines that must all be present
    };
    const Case cases[] = {
        {"formats.md §1.5: current kubectl, OOM-killed container",
         std::string(test::k_current_oom),
         {"pods=1", "pod[0].name=api-7d9f8b6c5d-x2kqp", "pod[0].namespace=prod", "pod[0].node=worker-3",
          "pod[0].status=Running", "pod[0].start_time=2019-08-27T10:40:12+02:00", "pod[0].qos_class=Burstable",
          "pod[0].controlled_by=ReplicaSet/api-7d9f8b6c5d", "pod[0].source=describe.txt:1",
          "pod[0].status_cite=describe.txt:10 Status:           Running", "pod[0].label.app=api",
          "pod[0].label.pod-template-hash=7d9f8b6c5d", "pod[0].condition.Initialized=True",
          "pod[0].condition.PodScheduled=True", "pod[0].volume.kube-api-access-8xk2p=Projected null",
          "pod[0].volume.kube-api-access-8xk2p.source=describe.txt:47", "pod[0].events=3", "pod[0].containers=1",
          "pod[0].c[0].name=api", "pod[0].c[0].type=app", "pod[0].c[0].image=registry.example/api:1.4.2",
          "pod[0].c[0].container_id=containerd://4f1c0e9a7b2d", "pod[0].c[0].ready=true",
          "pod[0].c[0].restart_count=3", "pod[0].c[0].source=describe.txt:16",
          "pod[0].c[0].restart_cite=describe.txt:30 Restart Count:  3", "pod[0].c[0].limits.memory=256Mi",
          "pod[0].c[0].requests.cpu=100m", "pod[0].c[0].requests.memory=256Mi",
          "pod[0].c[0].memory_limit_cite=describe.txt:32 memory:  256Mi",
          "pod[0].c[0].probe.liveness=http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 "
          "#failure=3",
          "pod[0].c[0].probe.liveness.source=describe.txt:36",
          "pod[0].c[0].mount./var/run/secrets/kubernetes.io/serviceaccount=kube-api-access-8xk2p ro null",
          "pod[0].c[0].state.status=running", "pod[0].c[0].state.started=2019-08-27T10:58:31+02:00",
          "pod[0].c[0].state.source=describe.txt:22", "pod[0].c[0].state.exit_code=null",
          "pod[0].c[0].last.reason=OOMKilled", "pod[0].c[0].last.exit_code=137",
          "pod[0].c[0].last.raw_exit_code=null", "pod[0].c[0].last.signal=9", "pod[0].c[0].last.signal_name=null",
          "pod[0].c[0].last.started=2019-08-27T10:51:02+02:00", "pod[0].c[0].last.finished=2019-08-27T10:58:27+02:00",
          "pod[0].c[0].last.message=null", "pod[0].c[0].last.never_started=false",
          "pod[0].c[0].last.source=describe.txt:24",
          "pod[0].c[0].last.cites=describe.txt:25 Reason:       OOMKilled | describe.txt:26 Exit Code:    137 | "
          "describe.txt:27 Started:      Tue, 27 Aug 2019 10:51:02 +0200 | describe.txt:28 Finished:     Tue, 27 Aug "
          "2019 10:58:27 +0200",
          "pod[0].c[0].terminations=[OOMKilled 137]"}},
        {"formats.md §1.5: fragment, multi-line Message with a TAB cell, StartError at the epoch",
         std::string(test::k_excerpt_multiline),
         {"pods=1", "pod[0].name=null", "pod[0].namespace=null", "pod[0].source=describe.txt:1",
          "pod[0].containers=2", "pod[0].c[0].name=worker", "pod[0].c[0].source=describe.txt:2",
          "pod[0].c[0].state.status=waiting", "pod[0].c[0].state.reason=CrashLoopBackOff",
          "pod[0].c[0].state.source=describe.txt:8", "pod[0].c[0].last.reason=Error",
          "pod[0].c[0].last.message=panic: runtime error: invalid memory address or nil pointer dereference\\n\\n"
          "goroutine 1 [running]:\\nmain.main()\\n                    /app/main.go:12 +0x1d",
          "pod[0].c[0].last.exit_code=2", "pod[0].c[0].last.signal=null",
          "pod[0].c[0].last.started=2019-08-27T10:57:58+02:00", "pod[0].c[0].last.source=describe.txt:10",
          "pod[0].c[0].last.cites=describe.txt:11 Reason:      Error | describe.txt:12 Message:     panic: runtime "
          "error: invalid memory address or nil pointer dereference | describe.txt:17 Exit Code:    2 | "
          "describe.txt:18 Started:      Tue, 27 Aug 2019 10:57:58 +0200 | describe.txt:19 Finished:     Tue, 27 Aug "
          "2019 10:57:59 +0200",
          "pod[0].c[0].ready=false", "pod[0].c[0].restart_count=6",
          "pod[0].c[0].restart_cite=describe.txt:21 Restart Count:  6", "pod[0].c[1].name=init-db",
          "pod[0].c[1].type=app", "pod[0].c[1].command=[/bin/migrate]", "pod[0].c[1].state.reason=RunContainerError",
          "pod[0].c[1].last.reason=StartError", "pod[0].c[1].last.exit_code=128", "pod[0].c[1].last.signal=null",
          "pod[0].c[1].last.started=1970-01-01T01:00:00+01:00", "pod[0].c[1].last.never_started=true",
          "pod[0].c[1].last.finished=2019-08-27T10:58:02+02:00", "pod[0].c[1].last.source=describe.txt:32",
          "pod[0].c[1].last.message=failed to create containerd task: failed to create shim task: OCI runtime create "
          "failed: runc create failed: unable to start container process: exec: \"/bin/migrate\": stat "
          "/bin/migrate: no such file or directory: unknown",
          "pod[0].c[1].restart_count=2", "pod[0].c[1].terminations=[StartError 128]"}},
        {"seed guide: indentation lost",
         std::string(test::k_seed_lost_indent),
         {"pods=1", "pod[0].name=null", "pod[0].source=describe.txt:1", "pod[0].containers=1",
          "pod[0].c[0].name=kubedns", "pod[0].c[0].source=describe.txt:2",
          "pod[0].c[0].image=ccr.ccs.tencentyun.com/library/kubedns-amd64:1.14.4",
          "pod[0].c[0].container_id=docker://5fb8adf9ee62afc6d3f6f3d9590041818750b392dff015d7091eaaf99cf1c945",
          "pod[0].c[0].args=[--domain=cluster.local.][--dns-port=10053][--config-dir=/kube-dns-config][--v=2]",
          "pod[0].c[0].state.status=running", "pod[0].c[0].state.started=2019-08-27T10:58:49+08:00",
          "pod[0].c[0].state.source=describe.txt:13", "pod[0].c[0].last.reason=Error",
          "pod[0].c[0].last.exit_code=255", "pod[0].c[0].last.raw_exit_code=null", "pod[0].c[0].last.signal=null",
          "pod[0].c[0].last.started=2019-08-27T10:40:42+08:00", "pod[0].c[0].last.finished=2019-08-27T10:58:27+08:00",
          "pod[0].c[0].last.source=describe.txt:15", "pod[0].c[0].ready=true", "pod[0].c[0].restart_count=1",
          "pod[0].c[0].restart_cite=describe.txt:21 Restart Count: 1"}},
        {"seed guide: a lone Last State block",
         std::string(test::k_seed_last_state),
         {"pods=1", "pod[0].name=null", "pod[0].namespace=null", "pod[0].containers=1", "pod[0].c[0].name=null",
          "pod[0].c[0].source=describe.txt:1", "pod[0].c[0].state.status=unknown", "pod[0].c[0].last.reason=StartError",
          "pod[0].c[0].last.exit_code=128", "pod[0].c[0].last.source=describe.txt:1",
          "pod[0].c[0].terminations=[StartError 128]"}},
        {"kubectl <=1.5, TAB padding",
         std::string(test::k_kubectl_15),
         {"pods=1", "pod[0].name=web-1", "pod[0].namespace=default", "pod[0].node=node-a",
          "pod[0].start_time=2016-03-24T01:39:49+00:00", "pod[0].controlled_by=ReplicaSet/web-1006230814",
          "pod[0].label.app=web", "pod[0].label.pod-template-hash=1006230814", "pod[0].condition.Ready=True",
          "pod[0].volume.nginx-conf=ConfigMap nginx-conf", "pod[0].qos_class=Burstable", "pod[0].events=0",
          "pod[0].c[0].name=web", "pod[0].c[0].limits.memory=128Mi", "pod[0].c[0].requests.cpu=100m",
          "pod[0].c[0].memory_limit_cite=describe.txt:16 memory:\t128Mi", "pod[0].c[0].state.status=running",
          "pod[0].c[0].state.started=2016-03-24T01:45:02+00:00", "pod[0].c[0].last.reason=OOMKilled",
          "pod[0].c[0].last.exit_code=137", "pod[0].c[0].last.signal=9", "pod[0].c[0].last.source=describe.txt:22",
          "pod[0].c[0].last.finished=2016-03-24T01:44:58+00:00", "pod[0].c[0].restart_count=1",
          "pod[0].c[0].mount./etc/nginx/conf.d=nginx-conf ro null", "pod[0].c[0].env.WORKERS=4"}},
        {"kubectl 1.7, TAB padding and TAB-led continuation lines",
         std::string(test::k_kubectl_17),
         {"pods=1", "pod[0].name=api-5c7b9-4kq2x", "pod[0].node=node-b", "pod[0].controlled_by=ReplicaSet/api-5c7b9",
          "pod[0].label.pod-template-hash=5c7b9", "pod[0].condition.Ready=False",
          "pod[0].volume.config=ConfigMap api-config", "pod[0].volume.default-token-7xk2p=Secret default-token-7xk2p",
          "pod[0].c[0].state.status=waiting", "pod[0].c[0].state.reason=CrashLoopBackOff",
          "pod[0].c[0].last.reason=Error", "pod[0].c[0].last.exit_code=1",
          "pod[0].c[0].last.started=2017-10-02T09:20:01+02:00", "pod[0].c[0].restart_count=5",
          "pod[0].c[0].limits.memory=512Mi", "pod[0].c[0].requests.cpu=250m",
          "pod[0].c[0].probe.liveness=http-get http://:8080/healthz delay=5s timeout=1s period=10s #success=1 "
          "#failure=3",
          "pod[0].c[0].env.LOG_LEVEL=debug", "pod[0].c[0].mount./etc/api=config ro null"}},
        {"init, app and ephemeral containers",
         std::string(test::k_init_app_ephemeral),
         {"pod[0].containers=3", "pod[0].c[0].name=migrate", "pod[0].c[0].type=init",
          "pod[0].c[0].command=[/bin/sh][-c][/app/migrate --to latest]", "pod[0].c[0].state.status=terminated",
          "pod[0].c[0].state.reason=Completed", "pod[0].c[0].state.exit_code=0", "pod[0].c[0].state.as_termination=yes",
          "pod[0].c[0].terminations=[Completed 0]", "pod[0].c[1].name=shop", "pod[0].c[1].type=app",
          "pod[0].c[1].args=[--port=8080][--config=/etc/shop/app.yaml]", "pod[0].c[1].last.exit_code=143",
          "pod[0].c[1].last.signal=15", "pod[0].c[1].limits.cpu=500m",
          "pod[0].c[1].probe.readiness=tcp-socket :8080 delay=5s timeout=1s period=5s #success=1 #failure=3",
          "pod[0].c[1].probe.startup=exec [cat /tmp/ready] delay=0s timeout=1s period=2s #success=1 #failure=30",
          "pod[0].c[1].probe.startup.source=describe.txt:62",
          "pod[0].c[1].mount./etc/shop/app.yaml=config ro app.yaml",
          "pod[0].c[1].mount./etc/shop/app.yaml.source=describe.txt:67",
          "pod[0].c[1].env.DB_PASSWORD=<set to the key 'password' in secret 'shop-db'>  Optional: false",
          "pod[0].c[2].name=debugger-7xq2k", "pod[0].c[2].type=ephemeral", "pod[0].c[2].source=describe.txt:70",
          "pod[0].c[2].state.status=terminated", "pod[0].c[2].state.exit_code=130", "pod[0].c[2].state.signal=2",
          "pod[0].c[2].state.source=describe.txt:78", "pod[0].c[2].terminations=[Error 130]",
          "pod[0].condition.PodReadyToStartContainers=True", "pod[0].volume.config=ConfigMap shop-config"}},
        {"eviction: pod-level Status, Reason and Message",
         "Name:           web-6f9c8d7b5-x2kqp\nNamespace:      default\nPriority:       0\n"
         "Node:           worker-1/10.0.0.11\nStart Time:     Mon, 04 Mar 2024 09:00:00 +0100\n"
         "Labels:         app=web\nAnnotations:    <none>\nStatus:         Failed\nReason:         Evicted\n"
         "Message:        The node was low on resource: memory. Threshold quantity: 100Mi, available: 91228Ki. "
         "Container web was using 1540Mi, request is 512Mi, has larger consumption of memory. \n"
         "IP:             10.244.1.9\nIPs:\n  IP:           10.244.1.9\nContainers:\n  web:\n"
         "    Image:          nginx:1.25\n    Port:           80/TCP\n    Host Port:      0/TCP\n"
         "    State:          Terminated\n      Reason:       ContainerStatusUnknown\n"
         "      Message:      The container could not be located when the pod was terminated\n"
         "      Exit Code:    137\n      Started:      Mon, 01 Jan 0001 00:00:00 +0000\n"
         "      Finished:     Mon, 01 Jan 0001 00:00:00 +0000\n    Ready:          False\n"
         "    Restart Count:  0\nVolumes:        <none>\nQoS Class:      Burstable\nEvents:         <none>\n",
         {"pod[0].status=Failed", "pod[0].reason=Evicted",
          "pod[0].message=The node was low on resource: memory. Threshold quantity: 100Mi, available: 91228Ki. "
          "Container web was using 1540Mi, request is 512Mi, has larger consumption of memory.",
          "pod[0].c[0].container_id=null", "pod[0].c[0].state.status=terminated",
          "pod[0].c[0].state.reason=ContainerStatusUnknown",
          "pod[0].c[0].state.message=The container could not be located when the pod was terminated",
          "pod[0].c[0].state.exit_code=137", "pod[0].c[0].state.signal=9", "pod[0].c[0].state.started=null",
          "pod[0].c[0].state.finished=null", "pod[0].c[0].last=null",
          "pod[0].c[0].terminations=[ContainerStatusUnknown 137]"}},
        {"Terminating (lasts …) and a multi-line pod Message",
         "Name:                      web-0\nNamespace:                 default\nNode:                      <none>\n"
         "Status:                    Terminating (lasts 2m3s)\nTermination Grace Period:  30s\n"
         "Message:                   first line\ncontinued at column 0\nIP:                        \n"
         "Containers:                <none>\nVolumes:                   <none>\nEvents:                    <none>\n",
         {"pod[0].status=Terminating", "pod[0].node=null", "pod[0].message=first line\\ncontinued at column 0",
          "pod[0].containers=0"}},
        {"kubectl 1.26+ escapes stay as text",
         with_state("    Last State:     Terminated\n      Reason:       Error\n"
                    "      Message:      ^[[31mfatal^[[0m: config missing\\r\n      Exit Code:    1\n"
                    "      Started:      Tue, 27 Aug 2019 10:40:42 +0800\n"
                    "      Finished:     Tue, 27 Aug 2019 10:40:43 +0800\n"),
         {"pod[0].c[0].last.message=^[[31mfatal^[[0m: config missing\\r", "pod[0].c[0].last.exit_code=1"}},
        {"kubectl <=1.5 `No volumes.` and `No events.`",
         "Name:\t\tweb-2\nNamespace:\tdefault\nNode:\t\tnode-a/10.240.0.9\nStatus:\t\tPending\nIP:\t\t\n"
         "Controllers:\tReplicaSet/web-1006230814\nContainers:\n  web:\n    Image:\tnginx:1.9\n    Port:\t80/TCP\n"
         "    Volume Mounts:\t<none>\n    Environment Variables:\t<none>\nConditions:\n  Type\t\tStatus\n"
         "  PodScheduled \tFalse \nNo volumes.\nQoS Class:\tBestEffort\nNo events.\n",
         {"pod[0].name=web-2", "pod[0].status=Pending", "pod[0].condition.PodScheduled=False", "pod[0].c[0].name=web",
          "pod[0].c[0].state.status=unknown", "pod[0].c[0].last=null", "pod[0].qos_class=BestEffort"}},
        {"kubectl 1.11-1.13 `PriorityClassName:`",
         "Name:               api-0\nNamespace:          shop\nPriority:           0\nPriorityClassName:  <none>\n"
         "Node:               node-a/10.240.0.9\nStatus:             Running\nContainers:\n  api:\n"
         "    Image:          registry.example/api:1.2\n    State:          Running\nEvents:             <none>\n",
         {"pod[0].name=api-0", "pod[0].c[0].name=api"}},
        {"kubectl 1.0 `Image(s):` and `Replication Controllers:`",
         "Name:\t\t\t\tsimmemleak-hra99\nNamespace:\t\t\tdefault\nImage(s):\t\t\tsaadali/simmemleak\n"
         "Node:\t\t\t\tkubernetes-minion-tf0f/10.240.216.66\nLabels:\t\t\t\tname=simmemleak\n"
         "Status:\t\t\t\tRunning\nReason:\t\t\t\t\nMessage:\t\t\t\t\nIP:\t\t\t\t10.244.2.75\n"
         "Replication Controllers:\tsimmemleak (1/1 replicas created)\nContainers:\n  simmemleak:\n"
         "    Image:  saadali/simmemleak\nEvents:\n"
         "  FirstSeen\t\t\t\tLastSeen\t\t\tCount\tFrom\t\t\t\tSubobjectPath\tReason\t\tMessage\n"
         "  Tue, 07 Jul 2015 12:53:51 -0700\tTue, 07 Jul 2015 12:53:51 -0700\t1\t{scheduler }\t\t\t\tscheduled\t"
         "Successfully assigned simmemleak-hra99 to kubernetes-minion-tf0f\n",
         {"pod[0].name=simmemleak-hra99", "pod[0].c[0].name=simmemleak"}},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        Parsed parsed = parse_text(c.text);
        for (const std::string& wanted : c.expected) {
            CAPTURE(wanted);
            CHECK(contains(parsed.lines, wanted));
        }
        std::string warning_text = show_warnings(parsed.warnings);
        INFO(warning_text);
        CHECK(parsed.warnings.empty());
    }
}

TEST_CASE("parse_describe paste damage") {
    struct Case {
        std::string name;
        std::string (*damage)(std::string_view);
        bool same_lines;  // the damage keeps every field on its own line number
    };
    const Case cases[] = {
        {"CRLF", [](std::string_view t) { return replace_all(std::string(t), "\n", "\r\n"); }, true},
        {"indentation lost", [](std::string_view t) {
             return map_lines(t, [](std::string_view l) { return std::string(l.substr(std::min(l.find_first_not_of(" \t"), l.size()))); });
         }, true},
        {"`- ` bullets", [](std::string_view t) { return map_lines(t, [](std::string_view l) { return "- " + std::string(l); }); }, true},
        {"`> ` quotes", [](std::string_view t) { return map_lines(t, [](std::string_view l) { return "> " + std::string(l); }); }, true},
        {"`>` quotes without a space", [](std::string_view t) { return map_lines(t, [](std::string_view l) { return ">" + std::string(l); }); }, true},
        {"nested `> > ` quotes", [](std::string_view t) { return map_lines(t, [](std::string_view l) { return "> > " + std::string(l); }); }, true},
        {"quoted and flattened", [](std::string_view t) {
             return map_lines(t, [](std::string_view l) { return "> " + std::string(l.substr(std::min(l.find_first_not_of(" \t"), l.size()))); });
         }, true},
        {"code fence glued to the first line", [](std::string_view t) { return "```" + std::string(t) + "```\n"; }, true},
        {"4-space Markdown code block", [](std::string_view t) { return map_lines(t, [](std::string_view l) { return "    " + std::string(l); }); }, true},
        {"whitespace collapsed onto one line", [](std::string_view t) { return collapse_whitespace(t); }, false},
    };
    const std::pair<std::string, std::string_view> pods[] = {
        {"init+app+ephemeral", test::k_init_app_ephemeral},
        {"seed paste", test::k_seed_lost_indent},
        {"OOM pod with an Events table", test::k_current_oom},
    };
    for (const auto& pod : pods) {
        // Named copies, not a structured binding: clang 14 cannot capture bindings in INFO's lambda.
        const std::string& pod_name = pod.first;
        const std::string_view text = pod.second;
        Parsed clean = parse_text(text);
        REQUIRE(clean.warnings.empty());
        for (const Case& c : cases) {
            INFO(pod_name);
            INFO(c.name);
            Parsed damaged = parse_text(c.damage(text));
            std::vector<std::string> expected = without_sources(clean.lines);
            std::vector<std::string> got = without_sources(damaged.lines);
            if (!c.same_lines) {
                // Line breaks are gone: multi-word Command elements and the Events table cannot come back.
                auto lossy = [](const std::string& l) {
                    return l.find("].command=") != std::string::npos || l.find("].events=") != std::string::npos ||
                           l.rfind("warnings=", 0) == 0 ||
                           l.find(".env.DB_PASSWORD=") != std::string::npos;
                };
                expected.erase(std::remove_if(expected.begin(), expected.end(), lossy), expected.end());
                got.erase(std::remove_if(got.begin(), got.end(), lossy), got.end());
            }
            CHECK(got == expected);
            if (c.same_lines) {
                CHECK(damaged.lines.size() == clean.lines.size());
                for (const std::string& line : clean.lines) {
                    bool is_source = line.find(".source=") != std::string::npos;
                    if (is_source) {
                        CAPTURE(line);
                        CHECK(contains(damaged.lines, line));
                    }
                }
            }
        }
    }
}

TEST_CASE("parse_describe TAB padding turned into spaces") {
    struct Case {
        std::string name;
        std::string_view text;
    };
    const Case cases[] = {{"kubectl <=1.5", test::k_kubectl_15}, {"kubectl 1.7", test::k_kubectl_17}};
    for (const Case& c : cases) {
        INFO(c.name);
        Parsed clean = parse_text(c.text);
        for (const std::string& damaged : {expand_tabs(c.text), replace_all(std::string(c.text), "\t", " ")}) {
            Parsed parsed = parse_text(damaged);
            CHECK(without_sources(parsed.lines) == without_sources(clean.lines));
            CHECK(parsed.warnings.empty());
        }
    }
}

TEST_CASE("parse_describe exit codes and signals") {
    struct Case {
        std::string printed;      // the Exit Code value as printed
        std::string signal_line;  // an optional `Signal:` line
        const char* exit_code;
        const char* raw_exit_code;
        const char* signal;
    };
    const Case cases[] = {
        {"137", "", "137", "null", "9"},
        {"143", "", "143", "null", "15"},
        {"139", "", "139", "null", "11"},
        {"130", "", "130", "null", "2"},
        {"128", "", "128", "null", "null"},
        {"0", "", "0", "null", "null"},
        {"255", "", "255", "null", "null"},
        {"-1", "", "255", "-1", "null"},
        {"257", "", "1", "257", "null"},
        {"-9", "", "247", "-9", "null"},
        {"0", "      Signal:       15\n", "0", "null", "15"},
        {"137", "      Signal:       9\n", "137", "null", "9"},
        {"2", "      Signal:       0\n", "2", "null", "null"},
    };
    for (const Case& c : cases) {
        INFO(c.printed);
        INFO(c.signal_line);
        Parsed parsed = parse_text(with_state(std::string("    Last State:     Terminated\n      Reason:       Error\n") +
                                              "      Exit Code:    " + c.printed + "\n" + c.signal_line +
                                              "      Started:      Tue, 27 Aug 2019 10:40:42 +0800\n"
                                              "      Finished:     Tue, 27 Aug 2019 10:58:27 +0800\n"));
        CHECK(contains(parsed.lines, std::string("pod[0].c[0].last.exit_code=") + c.exit_code));
        CHECK(contains(parsed.lines, std::string("pod[0].c[0].last.raw_exit_code=") + c.raw_exit_code));
        CHECK(contains(parsed.lines, std::string("pod[0].c[0].last.signal=") + c.signal));
        CHECK(contains(parsed.lines, "pod[0].c[0].last.signal_name=null"));
        CHECK(contains(parsed.lines, "pod[0].c[0].last.source=describe.txt:21"));
        CHECK(contains(parsed.lines, "pod[0].c[0].last.finished=2019-08-27T10:58:27+08:00"));
        CHECK(parsed.warnings.empty());
    }
}

TEST_CASE("parse_describe warnings") {
    struct Case {
        std::string name;
        std::string text;
        std::string warning_source;
        std::string warning_text;    // a part of the message
        std::string expected_field;  // what is still parsed
    };
    const std::string oom = std::string(test::k_current_oom);
    const Case cases[] = {
        {"a note typed after the exit code",
         replace_all(oom, "Exit Code:    137", "Exit Code:    137   <- this is the OOM"), "describe.txt:26",
         "ignored `<- this is the OOM` after an exit code 137", "pod[0].c[0].last.exit_code=137"},
        {"a note after a time", replace_all(oom, "10:51:02 +0200", "10:51:02 +0200 (UTC+2)"), "describe.txt:27",
         "ignored the text after the time", "pod[0].c[0].last.started=2019-08-27T10:51:02+02:00"},
        {"an unparsable time", replace_all(oom, "Tue, 27 Aug 2019 10:58:27 +0200", "yesterday"), "describe.txt:28",
         "expected a time like `Mon, 02 Jan 2006 15:04:05 -0700` after `Finished:`, got `yesterday`",
         "pod[0].c[0].last.finished=null"},
        {"an unparsable exit code", replace_all(oom, "Exit Code:    137", "Exit Code:    n/a"), "describe.txt:26",
         "expected an exit code (an integer) after `Exit Code:`, got `n/a`", "pod[0].c[0].last.exit_code=null"},
        {"an unknown key inside a container",
         replace_all(oom, "    Ready:          True\n", "    Ready:          True\n    Frobnicate:     yes\n"),
         "describe.txt:30", "unknown field `Frobnicate:` in container `api`", "pod[0].c[0].restart_count=3"},
        {"truncated mid-line", oom.substr(0, oom.find("10:58:27 +0200") + 5), "describe.txt:28",
         "the description stops in the middle of a line, before `Events:`", "pod[0].c[0].last.exit_code=137"},
        {"truncated after a line", oom.substr(0, oom.find("    Ready:")), "describe.txt:28",
         "the description stops before `Events:`", "pod[0].c[0].last.reason=OOMKilled"},
        {"terminated without an exit code", oom.substr(0, oom.find("      Exit Code:")), "describe.txt:24",
         "a terminated state without an `Exit Code:` line", "pod[0].c[0].last.reason=OOMKilled"},
        {"an unknown state", replace_all(oom, "State:          Running", "State:          Sleeping"),
         "describe.txt:22", "expected `Running`, `Waiting` or `Terminated` as the state, got `Sleeping`",
         "pod[0].c[0].state.status=unknown"},
        {"a collapsed Events table", collapse_whitespace(oom), "describe.txt:1",
         "the Events table was collapsed onto the `Events:` line", "pod[0].c[0].last.exit_code=137"},
        {"a list longer than any real pod",
         replace_all(with_state(""), "    Mounts:         <none>\n",
                     "    Mounts:         <none>\n    Args:\n" + repeat("      --flag\n", 10005)),
         "describe.txt", "5 list entries beyond 10000 per list", "pod[0].c[0].restart_count=7"},
        {"a Message with no Exit Code after it",
         with_state("    Last State:     Terminated\n      Reason:       Error\n      Message:      boom\n"
                    "      Finished:     Tue, 27 Aug 2019 10:58:27 +0800\n"),
         "describe.txt:23", "no `Exit Code:` line follows this `Message:`", "pod[0].c[0].last.message=boom"},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        Parsed parsed = parse_text(c.text);
        std::string warning_text = show_warnings(parsed.warnings);
        INFO(warning_text);
        bool found = std::any_of(parsed.warnings.begin(), parsed.warnings.end(), [&](const Diagnostic& w) {
            return diagnostic_where(w) == c.warning_source && w.message.find(c.warning_text) != std::string::npos;
        });
        CHECK(found);
        CAPTURE(c.expected_field);
        CHECK(contains(parsed.lines, c.expected_field));
    }
}

TEST_CASE("parse_describe several pods in one file") {
    struct Case {
        std::string name;
        std::string text;
        std::vector<std::string> expected;
    };
    const std::string first(test::k_current_oom);
    const std::string second(test::k_init_app_ephemeral);
    const Case cases[] = {
        {"kubectl describe pods: two blank lines", first + "\n\n" + second,
         {"pods=2", "pod[0].name=api-7d9f8b6c5d-x2kqp", "pod[0].events=3", "pod[0].containers=1",
          "pod[1].name=shop-5f6d7c8b9-q4w2e", "pod[1].source=describe.txt:65", "pod[1].containers=3",
          "pod[1].c[0].source=describe.txt:80"}},
        {"prefix match: one blank line", first + "\n" + second,
         {"pods=2", "pod[0].events=3", "pod[1].source=describe.txt:64", "pod[1].events=0"}},
        {"a volume's Name: is no new pod", with_state("") + "\n\n" + with_state(""),
         {"pods=2", "pod[1].source=describe.txt:38"}},
        {"the seed guide: prose around two pastes",
         "使用 kubectl describe pod <pod name> 查看异常 pod 的状态:\n\n" + std::string(test::k_seed_lost_indent) +
             "\n在容器列表里看 Last State 字段,其中 ExitCode 即程序上次退出时的状态码。\n\n" +
             std::string(test::k_seed_last_state) + "\n有些平台实现了原地重启的能力。\n",
         {"pods=2", "pod[0].source=describe.txt:3", "pod[0].c[0].name=kubedns", "pod[0].c[0].last.exit_code=255",
          "pod[1].source=describe.txt:27", "pod[1].c[0].name=null", "pod[1].c[0].last.exit_code=128", "warnings=0"}},
        {"the seed paste twice, flattened", std::string(test::k_seed_lost_indent) + std::string(test::k_seed_last_state),
         {"pods=1", "pod[0].containers=2", "pod[0].c[0].name=kubedns", "pod[0].c[1].name=null",
          "pod[0].c[1].last.reason=StartError", "pod[0].c[1].source=describe.txt:22"}},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        Parsed parsed = parse_text(c.text);
        for (const std::string& wanted : c.expected) {
            CAPTURE(wanted);
            CHECK(contains(parsed.lines, wanted));
        }
    }
}

TEST_CASE("parse_describe hostile input") {
    struct Case {
        std::string name;
        std::string text;
        size_t max_pods;
    };
    std::string garbage;
    unsigned state = 12345;
    for (size_t i = 0; i < (2u << 20); ++i) {
        state = state * 1103515245u + 12345u;
        char c = static_cast<char>(32 + (state >> 16) % 95);
        garbage += (state >> 8) % 37 == 0 ? '\n' : c;
    }
    std::string deep_indent;
    for (int i = 0; i < 5000; ++i) {
        deep_indent += std::string(static_cast<size_t>(i), ' ') + "k" + std::to_string(i) + ": v\n";
    }
    std::string many_collapsed;
    for (int i = 0; i < 100000; ++i) {
        many_collapsed += "Name: p" + std::to_string(i) + " Namespace: n ";
    }
    const Case cases[] = {
        {"20 MB single line", "Last State: Terminated " + std::string(20u << 20, 'x'), 1},
        {"200,000 nested quotes in a message",
         "    Last State: Terminated\n      Message: " + repeat("caused \\\"", 200000) + "x" + repeat("\\\"", 200000) +
             "\n",
         1},
        {"8 MB of backslashes", "      Message: " + std::string(8u << 20, '\\') + "\n", 1},
        {"garbage text", garbage, 1000},
        {"ever-growing indentation", deep_indent, 0},
        {"100,000 pods collapsed onto one line", many_collapsed, 100000},
        {"a Message: line repeated without Exit Code",
         "    Last State: Terminated\n" + repeat("      Message: x\n", 20000), 1},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        Parsed parsed = parse_text(c.text);  // speed: bench/bench_pipeline, never asserted here
        CHECK(parsed.pods.size() <= c.max_pods);
        CHECK(parsed.warnings.size() <= 51);
        for (const Diagnostic& w : parsed.warnings) {
            CHECK(w.message.size() < 400);
        }
    }
}

TEST_CASE("parse_describe 20,000 pods in one file") {
    std::string one = with_state("    Last State:     Terminated\n      Reason:       OOMKilled\n"
                                 "      Exit Code:    137\n"
                                 "      Started:      Tue, 27 Aug 2019 10:40:42 +0800\n"
                                 "      Finished:     Tue, 27 Aug 2019 10:58:27 +0800\n");
    std::string text;
    text.reserve((one.size() + 1) * 20000);
    for (int i = 0; i < 20000; ++i) {
        text += one;
        text += '\n';
    }
    Parsed parsed = parse_text(text);
    REQUIRE(parsed.pods.size() == 20000);
    CHECK(parsed.warnings.empty());
    CHECK(parsed.pods.back().containers.at(0).last()->exit_code == 137);
    CHECK(parsed.input->incident->where(parsed.pods.back().at) == "describe.txt:" + std::to_string(19999 * 41 + 1));
}

TEST_CASE("parse_mount") {
    struct Case {
        std::string text;
        const char* path;
        const char* volume;
        const char* mode;
        std::optional<std::string> sub_path;
    };
    const Case cases[] = {
        {"/var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8xk2p (ro)",
         "/var/run/secrets/kubernetes.io/serviceaccount", "kube-api-access-8xk2p", "ro", std::nullopt},
        {"/etc/x from vol (ro,path=\"app.yaml\")", "/etc/x", "vol", "ro", "app.yaml"},
        {"/data from data (rw)", "/data", "data", "rw", std::nullopt},
        {"/etc/q from cfg (rw,path=\"dir/a \\\"b\\\".conf\")", "/etc/q", "cfg", "rw", "dir/a \"b\".conf"},
        {"/old/style from token", "/old/style", "token", "", std::nullopt},
    };
    Incident incident;
    for (const Case& c : cases) {
        INFO(c.text);
        std::optional<Mount> mount = parse_mount(c.text, incident);
        REQUIRE(mount);
        CHECK(mount->path == c.path);
        CHECK(mount->volume == c.volume);
        CHECK(mount->mode == c.mode);
        CHECK(mount->sub_path.has_value() == c.sub_path.has_value());
        if (c.sub_path) {
            CHECK(*mount->sub_path == *c.sub_path);
        }
    }
    CHECK_FALSE(parse_mount("<none>", incident));
    CHECK_FALSE(parse_mount("goroutine 1 [running]:", incident));
}

TEST_CASE("parse_describe_time") {
    struct Case {
        std::string text;
        bool parsed;
        std::optional<std::string> rfc3339;
        TimeSentinel sentinel;
        bool had_note;
    };
    const Case cases[] = {
        {"Tue, 27 Aug 2019 10:58:27 +0200", true, "2019-08-27T10:58:27+02:00", TimeSentinel::none, false},
        {"Mon, 01 Jan 0001 00:00:00 +0000", true, std::nullopt, TimeSentinel::zero_time, false},
        {"Thu, 01 Jan 1970 01:00:00 +0100", true, "1970-01-01T01:00:00+01:00", TimeSentinel::unix_epoch, false},
        {"Tue, 27 Aug 2019 10:58:27 +0800   <- crashed here", true, "2019-08-27T10:58:27+08:00", TimeSentinel::none,
         true},
        {"2019-08-27T10:58:27+08:00", true, "2019-08-27T10:58:27+08:00", TimeSentinel::none, false},
        {"yesterday", false, std::nullopt, TimeSentinel::none, false},
        {"", false, std::nullopt, TimeSentinel::none, false},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        DescribeTime time = parse_describe_time(c.text);
        REQUIRE(time.parsed.has_value() == c.parsed);
        if (c.parsed) {
            CHECK(test::show(time.parsed->time) == c.rfc3339.value_or("null"));
            CHECK(time.parsed->sentinel == c.sentinel);
            CHECK(time.had_note == c.had_note);
        }
    }
}

TEST_CASE("parse_leading_int") {
    struct Case {
        std::string text;
        std::optional<long long> value;
        const char* rest;
    };
    const Case cases[] = {
        {"137", 137, ""},          {"  -1 ", -1, ""},          {"137   <- this is the OOM", 137, "<- this is the OOM"},
        {"n/a", std::nullopt, ""}, {"-", std::nullopt, ""},    {"9999999999999999999999", std::nullopt, ""},
        {"+3", 3, ""},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        LeadingInt parsed = parse_leading_int(c.text);
        CHECK(parsed.value == c.value);
        if (parsed.value) {
            CHECK(parsed.rest == c.rest);
        }
    }
}

}  // TEST_SUITE

}  // namespace pm
