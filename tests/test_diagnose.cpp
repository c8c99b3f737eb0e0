// Diagnosis from describe alone: the cause and an honest confidence for each kind of termination.
#include <doctest/doctest.h>

#include <memory>
#include <set>

#include "correlate/event_targets.hpp"
#include "diagnose/event_evidence.hpp"
#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"

using namespace pm;

namespace {

// A current-format describe of one container; the state block and extras are spliced in.
std::string describe_pod(const std::string& last_state, const std::string& extras = "",
                         const std::string& events = "Events:                      <none>\n") {
    return "Name:             api-7d9f8b6c5d-x2kqp\n"
           "Namespace:        prod\n"
           "Priority:         0\n"
           "Node:             worker-3/10.0.1.23\n"
           "Start Time:       Tue, 27 Aug 2019 10:40:12 +0200\n"
           "Status:           Running\n"
           "IP:               10.244.2.17\n"
           "Containers:\n"
           "  api:\n"
           "    Container ID:   containerd://4f1c0e9a7b2d5e6f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f\n"
           "    Image:          registry.example/api:1.4.2\n"
           "    Image ID:       registry.example/api@sha256:9a1e\n"
           "    Port:           8080/TCP\n"
           "    Host Port:      0/TCP\n"
           "    State:          Waiting\n"
           "      Reason:       CrashLoopBackOff\n" +
           last_state +
           "    Ready:          False\n"
           "    Restart Count:  4\n" +
           extras +
           "    Environment:    <none>\n"
           "    Mounts:\n"
           "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8xk2p (ro)\n"
           "Conditions:\n"
           "  Type              Status\n"
           "  Ready             False \n"
           "Volumes:\n"
           "  kube-api-access-8xk2p:\n"
           "    Type:                    Projected (a volume that contains injected data from multiple sources)\n"
           "QoS Class:                   Burstable\n"
           "Node-Selectors:              <none>\n"
           "Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n" +
           events;
}

std::string terminated(const std::string& reason, const std::string& code, const std::string& message = "") {
    return "    Last State:     Terminated\n"
           "      Reason:       " + reason + "\n" + message +
           "      Exit Code:    " + code + "\n"
           "      Started:      Tue, 27 Aug 2019 10:51:02 +0200\n"
           "      Finished:     Tue, 27 Aug 2019 10:58:27 +0200\n";
}

const std::string k_memory_limit =
    "    Limits:\n"
    "      memory:  256Mi\n"
    "    Requests:\n"
    "      cpu:        100m\n"
    "      memory:     256Mi\n";

const std::string k_liveness =
    "    Liveness:     http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3\n";

const std::string k_probe_kill_events =
    "Events:\n"
    "  Type     Reason     Age                 From     Message\n"
    "  ----     ------     ----                ----     -------\n"
    "  Warning  Unhealthy  3m (x9 over 10m)    kubelet  Liveness probe failed: HTTP probe failed with statuscode: 503\n"
    "  Normal   Killing    3m (x3 over 9m)     kubelet  Container api failed liveness probe, will be restarted\n"
    "  Warning  BackOff    61s (x9 over 7m40s) kubelet  Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)\n";

const std::string k_readiness_events =
    "Events:\n"
    "  Type     Reason     Age                 From     Message\n"
    "  ----     ------     ----                ----     -------\n"
    "  Warning  Unhealthy  3m (x9 over 10m)    kubelet  Readiness probe failed: HTTP probe failed with statuscode: 503\n";

const std::string k_node_lost_events =
    "Events:\n"
    "  Type     Reason        Age   From             Message\n"
    "  ----     ------        ----  ----             -------\n"
    "  Warning  NodeNotReady  25m   node-controller  Node is not ready\n";

// The analysis of one file `describe.txt` holding `text`.
Analysis analyse_text(const std::string& text) {
    Analysis analysis;
    auto file = std::make_unique<SourceText>();
    load_source_text(*file, "describe.txt", text, analysis.incident.diagnostics);
    read_source(builtin_grammar(), std::move(file), analysis);
    finish_analysis(builtin_grammar(), analysis);
    return analysis;
}

std::string confidence(const Finding& f) {
    return std::string(confidence_name(f.confidence));
}

}  // namespace

TEST_SUITE("diagnose") {

TEST_CASE("pm::diagnose_report: cause and confidence per termination") {
    struct Case {
        const char* name;
        std::string text;
        const char* cause;
        const char* confidence;
        std::vector<std::string> alternatives;  // in order
    };
    const std::string subpath_message =
        "      Message:      failed to create containerd task: OCI runtime create failed: container_linux.go:349: "
        "starting container process caused \"process_linux.go:449: container init caused \\\"rootfs_linux.go:58: "
        "mounting \\\\\\\"/data/kubelet/pods/d6f90d2b-a5c4-11ec-8b09-5254009e5e2e/volume-subpaths/conf/demo/2\\\\\\\" "
        "to rootfs \\\\\\\"/run/containerd/rootfs\\\\\\\" at \\\\\\\"/run/containerd/rootfs/app/conf/server.yaml\\\\\\\" "
        "caused \\\\\\\"no such file or directory\\\\\\\"\\\"\": unknown\n";
    const Case cases[] = {
        {"OOMKilled 137 with a limit", describe_pod(terminated("OOMKilled", "137"), k_memory_limit), "cgroup-oom",
         "high", {"external-kill", "system-oom"}},
        {"OOMKilled with exit 0", describe_pod(terminated("OOMKilled", "0"), k_memory_limit), "cgroup-oom", "medium",
         {"app-exit-normal"}},
        {"Error 137, nothing else: no probe, no limit", describe_pod(terminated("Error", "137")), "external-kill",
         "low", {"system-oom"}},
        {"Error 137 with limit and probe", describe_pod(terminated("Error", "137"), k_memory_limit + k_liveness),
         "external-kill", "low", {"cgroup-oom", "system-oom", "liveness-probe-kill"}},
        {"Error 137 with probe-kill events", describe_pod(terminated("Error", "137"), k_liveness, k_probe_kill_events),
         "liveness-probe-kill", "high", {"external-kill", "system-oom"}},
        {"Error 143 with probe-kill events", describe_pod(terminated("Error", "143"), k_liveness, k_probe_kill_events),
         "liveness-probe-kill", "high", {"external-kill", "app-error"}},
        {"Error 1: the exit code alone", describe_pod(terminated("Error", "1")), "app-error", "medium", {}},
        {"Error 1 with the log tail kubelet copied",
         describe_pod(terminated("Error", "1", "      Message:      panic: cannot reach db: i/o timeout\n")), "app-error",
         "high", {}},
        {"exit 0 after a liveness Killing", describe_pod(terminated("Completed", "0"), k_liveness, k_probe_kill_events),
         "liveness-probe-kill", "high", {"app-exit-normal"}},
        {"Unknown 255: the runtime lost the container", describe_pod(terminated("Unknown", "255")), "unknown", "medium",
         {"node-reboot", "app-error"}},
        {"Unknown 255 with NodeNotReady", describe_pod(terminated("Unknown", "255"), "", k_node_lost_events),
         "node-reboot", "medium", {"app-error"}},
        {"OOMKilled with readiness failures only: no liveness kill",
         describe_pod(terminated("OOMKilled", "137"), k_memory_limit + k_liveness, k_readiness_events), "cgroup-oom",
         "high", {"external-kill", "system-oom"}},
        {"Error -1 is 255", describe_pod(terminated("Error", "-1")), "app-error", "medium", {"node-reboot"}},
        {"Error 139", describe_pod(terminated("Error", "139")), "segfault", "high", {}},
        {"Error 134", describe_pod(terminated("Error", "134")), "abort", "high", {"app-error"}},
        {"Error 127", describe_pod(terminated("Error", "127")), "exec-not-found", "medium", {"app-error"}},
        {"Completed with restarts", describe_pod(terminated("Completed", "0")), "app-exit-normal", "high", {}},
        {"Completed with a liveness probe", describe_pod(terminated("Completed", "0"), k_liveness), "app-exit-normal",
         "high", {"liveness-probe-kill"}},
        {"ContainerStatusUnknown's made-up 137",
         describe_pod(terminated("ContainerStatusUnknown", "137",
                                 "      Message:      The container could not be located when the pod was terminated\n")),
         "unknown", "medium", {"node-reboot", "evicted"}},
        {"StartError with a subPath runtime error", describe_pod(terminated("StartError", "128", subpath_message)),
         "configmap-subpath", "high", {}},
        {"NTSTATUS Ctrl-C exit", describe_pod(terminated("Error", "-1073741510")), "external-kill", "medium",
         {"app-error"}},
        {"NTSTATUS Ctrl-C exit printed unsigned", describe_pod(terminated("Error", "3221225786")), "external-kill",
         "medium", {"app-error"}},
        {"NTSTATUS access violation", describe_pod(terminated("Error", "-1073741819")), "segfault", "high", {}},
        {"NTSTATUS access violation printed unsigned", describe_pod(terminated("Error", "3221225477")), "segfault",
         "high", {}},
        {".NET unhandled exception", describe_pod(terminated("Error", "-532462766")), "app-error", "high", {}},
        {".NET unhandled exception printed unsigned", describe_pod(terminated("Error", "3762504530")), "app-error",
         "high", {}},
        {"a killed Windows container", describe_pod(terminated("Error", "1073807364")), "external-kill", "medium", {}},
    };
    for (const auto& c : cases) {
        INFO("case: " << std::string(c.name));
        Analysis report = analyse_text(c.text);
        REQUIRE(report.incident.pods.size() == 1);
        REQUIRE(report.incident.pods[0].containers.size() == 1);
        const Finding* d = report.diagnoses.of(0, 0);
        REQUIRE(d != nullptr);
        CHECK(d->cause == c.cause);
        CHECK(confidence(*d) == c.confidence);
        std::vector<std::string> alternatives;
        for (const auto& a : d->alternatives) {
            alternatives.emplace_back(a.cause);
        }
        CHECK(alternatives == c.alternatives);
        CHECK_FALSE(d->evidence.empty());
        CHECK_FALSE(d->remediation.empty());
        for (const auto& e : d->evidence) {
            CHECK(report.incident.where(e.at).rfind("describe.txt:", 0) == 0);
        }
        CHECK(report.diagnoses.findings.size() == 1);
    }
}

TEST_CASE("containers that ended the way their kind ends get no finding") {
    // The describe's container block is renamed into an init / ephemeral section, or its pod made a Job's.
    auto as_section = [](std::string text, const std::string& header) {
        const std::string section = "Containers:\n";
        text.replace(text.find(section), section.size(), header);
        return text;
    };
    const std::string completed = "    Last State:     Terminated\n"
                                  "      Reason:       Completed\n"
                                  "      Exit Code:    0\n"
                                  "      Started:      Tue, 27 Aug 2019 10:51:02 +0200\n"
                                  "      Finished:     Tue, 27 Aug 2019 10:58:27 +0200\n";
    auto no_restarts = [](std::string text) {
        const std::string restarts = "Restart Count:  4";
        text.replace(text.find(restarts), restarts.size(), "Restart Count:  0");
        const std::string waiting = "    State:          Waiting\n      Reason:       CrashLoopBackOff\n";
        text.replace(text.find(waiting), waiting.size(), "");
        return text;
    };
    const struct {
        const char* name;
        std::string text;
        bool finding;
    } cases[] = {
        {"an init container that completed", as_section(no_restarts(describe_pod(completed)), "Init Containers:\n"), false},
        {"an ephemeral debug container that ended", as_section(no_restarts(describe_pod(completed)), "Ephemeral Containers:\n"),
         false},
        {"a Job's container that completed",
         [&] {
             std::string t = no_restarts(describe_pod(completed));
             t.insert(t.find("Containers:\n"), "Controlled By:  Job/nightly-report-28461930\n");
             return t;
         }(),
         false},
        {"an init container that completed but was restarted", as_section(describe_pod(completed), "Init Containers:\n"), true},
        {"an init container that failed", as_section(no_restarts(describe_pod(terminated("Error", "1"))), "Init Containers:\n"),
         true},
        {"a Deployment's container that exits 0 and is restarted", describe_pod(completed), true},
    };
    for (const auto& c : cases) {
        INFO("case: " << std::string(c.name));
        const Analysis a = analyse_text(c.text);
        REQUIRE(a.incident.pods.size() == 1);
        REQUIRE(a.incident.pods[0].containers.size() == 1);
        CHECK((a.diagnoses.of(0, 0) != nullptr) == c.finding);
    }
}

TEST_CASE("clues in the container's own spec") {
    const std::string jvm_args = "    Args:\n      -XX:MaxRAMPercentage=90.0\n      -jar\n      /app/app.jar\n";
    const std::string exit_on_oom = "    Environment:\n      JAVA_TOOL_OPTIONS:  -XX:+ExitOnOutOfMemoryError\n";
    const std::string twitchy =
        "    Liveness:     http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=1\n";
    const struct {
        const char* name;
        std::string text;
        const char* cause;
        const char* said;  // in the summary, or nullptr for nothing added
    } cases[] = {
        {"a JVM heap at 90% of the limit", describe_pod(terminated("OOMKilled", "137"), jvm_args + k_memory_limit),
         "cgroup-oom", "MaxRAMPercentage"},
        {"the same heap share with no limit says nothing", describe_pod(terminated("OOMKilled", "137"), jvm_args),
         "cgroup-oom", nullptr},
        {"ExitOnOutOfMemoryError: a 137 came from the kernel",
         [&] {
             std::string t = describe_pod(terminated("OOMKilled", "137"), k_memory_limit);
             const std::string none = "    Environment:    <none>\n";
             return t.replace(t.find(none), none.size(), exit_on_oom);
         }(),
         "cgroup-oom", "ExitOnOutOfMemoryError"},
        {"a liveness probe one slow answer fails", describe_pod(terminated("Error", "137"), twitchy, k_probe_kill_events),
         "liveness-probe-kill", "timeoutSeconds=1, failureThreshold of 1 or 2"},
        {"a liveness probe two slow answers fail, with no events saved",
         describe_pod(terminated("Error", "137"),
                      "    Liveness:     http-get http://:3856/liveness delay=30s timeout=1s period=10s #success=1 "
                      "#failure=2\n"),
         "liveness-probe-kill", "at most two failures"},
    };
    for (const auto& c : cases) {
        INFO("case: " << std::string(c.name));
        const Analysis a = analyse_text(c.text);
        const Finding* f = a.diagnoses.of(0, 0);
        REQUIRE(f != nullptr);
        CHECK(f->cause == std::string_view(c.cause));
        if (c.said != nullptr) {
            CHECK(f->summary.find(c.said) != std::string::npos);
        } else {
            CHECK(f->summary.find("MaxRAMPercentage") == std::string::npos);
        }
    }
}

TEST_CASE("a Windows exit is its NTSTATUS, with Windows advice") {
    const Analysis a = analyse_text(describe_pod(terminated("Error", "-1073741510")));
    const Finding* f = a.diagnoses.of(0, 0);
    REQUIRE(f != nullptr);
    const Termination* t = a.incident.pods[0].containers[0].last();
    REQUIRE(t != nullptr);
    CHECK(t->windows_status == std::string_view("0xC000013A STATUS_CONTROL_C_EXIT"));
    CHECK_FALSE(t->signal);
    CHECK(f->summary.find("0xC000013A STATUS_CONTROL_C_EXIT") != std::string::npos);
    CHECK(f->summary.find("OOM") == std::string::npos);
    bool console_advice = false;
    for (const auto& step : f->remediation) {
        CHECK(step.find("SIGTERM") == std::string::npos);
        console_advice = console_advice || step.find("console control") != std::string::npos;
    }
    CHECK(console_advice);
}

TEST_CASE("alternatives say why they are open and what would settle them, with the real names") {
    const Analysis a = analyse_text(describe_pod(terminated("Error", "137"), k_memory_limit + k_liveness));
    const Finding* f = a.diagnoses.of(0, 0);
    REQUIRE(f != nullptr);
    REQUIRE(f->alternatives.size() >= 2);
    std::set<std::string> summaries;
    for (const Alternative& alt : f->alternatives) {
        INFO(alt.summary);
        CHECK(alt.summary.find("To settle it:") != std::string::npos);
        summaries.insert(alt.summary);
    }
    CHECK(summaries.size() == f->alternatives.size());
    bool named = false;
    for (const auto& step : f->remediation) {
        CHECK(step.find("{pod}") == std::string::npos);
        named = named || step.find("api-7d9f8b6c5d-x2kqp") != std::string::npos;
    }
    for (const Alternative& alt : f->alternatives) {
        named = named || alt.summary.find("worker-3") != std::string::npos;
    }
    CHECK(named);
}

TEST_CASE("exit-code explanation and signal names") {
    Analysis report = analyse_text(describe_pod(terminated("Error", "137")));
    const auto& t = *report.incident.pods[0].containers[0].last();
    CHECK(t.signal == 9);
    CHECK(t.signal_name == "SIGKILL");
    const auto& d = *report.diagnoses.of(0, 0);
    REQUIRE(d.exit_code_explanation.has_value());
    CHECK(d.exit_code_explanation->find("128 + 9") != std::string::npos);

    report = analyse_text(describe_pod(terminated("ContainerStatusUnknown", "137")));
    const auto& u = *report.incident.pods[0].containers[0].last();
    CHECK_FALSE(u.signal.has_value());
    CHECK(report.diagnoses.of(0, 0)->exit_code_explanation->find("made up by kubelet") !=
          std::string::npos);

    report = analyse_text(describe_pod(terminated("Error", "-1073741510")));
    CHECK(report.diagnoses.of(0, 0)->exit_code_explanation->find("0xC000013A") != std::string::npos);
}

TEST_CASE("an outside signal's likeliest senders are the ones that send that signal") {
    struct Case {
        const char* code;
        const char* says;
        const char* never_says;
    };
    const Case cases[] = {
        {"137", "The likeliest senders of a SIGKILL, in order: the kernel OOM killer", "SIGTERM is how"},
        {"143", "SIGTERM is how kubelet and the runtime stop a container", "OOM killer for the container's cgroup"},
        {"130", "SIGHUP, SIGINT and SIGQUIT come from a person or a process", "OOM killer for the container's cgroup"},
        {"129", "SIGHUP, SIGINT and SIGQUIT come from a person or a process", "likeliest senders"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.code);
        const Analysis report = analyse_text(describe_pod(terminated("Error", c.code)));
        const Finding& d = *report.diagnoses.of(0, 0);
        REQUIRE(d.cause == "external-kill");
        CHECK(d.summary.find(c.says) != std::string::npos);
        CHECK(d.summary.find(c.never_says) == std::string::npos);
        // The spec shows no probe: that is said after the senders, which it narrows, never before them.
        const std::size_t no_probe = d.summary.find("It has no liveness or startup probe");
        if (no_probe != std::string::npos) {
            CHECK(no_probe > d.summary.find(c.says));
        }
    }
}

TEST_CASE("an evicted pod's containers are diagnosed by the pod's reason, though its describe shows no state") {
    // kubectl describe of an evicted pod: Status Failed, Reason Evicted, and no State lines at all.
    const std::string text =
        "Name:           pgpool-598947fd8f-vzvkq\n"
        "Namespace:      pgpool\n"
        "Priority:       0\n"
        "Node:           pool-8ld4g/\n"
        "Start Time:     Sat, 21 Aug 2021 10:38:36 +0800\n"
        "Labels:         app=pgpool\n"
        "Annotations:    <none>\n"
        "Status:         Failed\n"
        "Reason:         Evicted\n"
        "Message:        The node was low on resource: memory. Container pgpool was using 1275700Ki, which exceeds "
        "its request of 0.\n"
        "IP:\n"
        "IPs:            <none>\n"
        "Controlled By:  ReplicaSet/pgpool-598947fd8f\n"
        "Containers:\n"
        "  pgpool:\n"
        "    Image:      pgpool/pgpool:4.2.2\n"
        "    Port:       <none>\n"
        "    Host Port:  <none>\n"
        "    Environment:  <none>\n"
        "    Mounts:       <none>\n"
        "Volumes:          <none>\n"
        "QoS Class:        BestEffort\n"
        "Events:           <none>\n";
    const Analysis report = analyse_text(text);
    REQUIRE(report.incident.pods.size() == 1);
    const Finding* f = report.diagnoses.of(0, 0);
    REQUIRE(f != nullptr);
    CHECK(f->cause == "evicted");
    CHECK(confidence(*f) == "high");
    const bool cites_reason = std::any_of(f->evidence.begin(), f->evidence.end(),
                                          [](const Quote& q) { return q.text.find("Evicted") != std::string_view::npos; });
    CHECK(cites_reason);
}

TEST_CASE("a running container that never terminated has no diagnosis") {
    std::string text = describe_pod("");
    auto at = text.find("    State:          Waiting\n      Reason:       CrashLoopBackOff\n");
    text.replace(at, std::string("    State:          Waiting\n      Reason:       CrashLoopBackOff\n").size(),
                 "    State:          Running\n      Started:      Tue, 27 Aug 2019 10:58:31 +0200\n");
    Analysis report = analyse_text(text);
    REQUIRE(report.incident.pods.size() == 1);
    CHECK(report.diagnoses.of(0, 0) == nullptr);
    CHECK(report.diagnoses.findings.empty());
}

}  // TEST_SUITE

namespace {

Analysis analyse_files(const std::vector<std::pair<std::string, std::string>>& files) {
    Analysis analysis;
    for (const auto& [path, text] : files) {
        auto file = std::make_unique<SourceText>();
        load_source_text(*file, path, text, analysis.incident.diagnostics);
        read_source(builtin_grammar(), std::move(file), analysis);
    }
    finish_analysis(builtin_grammar(), analysis);
    return analysis;
}

const std::string k_fragment_137 =
    "    Last State:     Terminated\n"
    "      Reason:       Error\n"
    "      Exit Code:    137\n"
    "      Started:      Tue, 27 Aug 2019 10:51:02 +0200\n"
    "      Finished:     Tue, 27 Aug 2019 10:58:27 +0200\n";

const std::string k_crio_events =
    "Events:\n"
    "  Type     Reason   Age                From     Message\n"
    "  ----     ------   ----               ----     -------\n"
    "  Warning  Failed   1s (x12 over 2m)   kubelet  Error: container create failed: time=\"2024-03-12T14:32:51Z\" "
    "level=error msg=\"runc create failed: unable to start container process: error during container init: exec: "
    "\\\"./agent\\\": stat ./agent: no such file or directory\"\n";

}  // namespace

TEST_SUITE("diagnose") {

// A global OOM kill in a node's kernel journal, a second before the container's end (08:58:27 UTC).
struct JournalCase {
    const char* name;
    const char* journal;
    const char* cause;  // the container's diagnosis
    const char* node;   // the node-level finding's subject, or nullptr: none made
};

TEST_CASE("pm::diagnose_report: a kernel journal of another node does not explain the container") {
    const char* kill = "Out of memory: Killed process 48213 (python3) total-vm:3829364kB, anon-rss:498100kB, "
                       "file-rss:22592kB, shmem-rss:0kB, UID:0 pgtables:1488kB oom_score_adj:0\n";
    const JournalCase cases[] = {
        {"short-iso, another node", "2019-08-27T10:58:26+0200 worker-7 kernel: ", "external-kill", "worker-7"},
        {"short, another node", "Aug 27 10:58:26 worker-7 kernel: ", "external-kill", "worker-7"},
        {"short-iso, the pod's node", "2019-08-27T10:58:26+0200 worker-3 kernel: ", "system-oom", nullptr},
        {"short, the pod's node by its FQDN", "Aug 27 10:58:26 worker-3.example.com kernel: ", "system-oom", nullptr},
        {"dmesg -T, no host", "[Tue Aug 27 08:58:26 2019] ", "system-oom", nullptr},
    };
    for (const JournalCase& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        Analysis report = analyse_text(describe_pod(terminated("Error", "137")) + "\n" + c.journal + kill);
        REQUIRE(report.incident.pods.size() == 1);
        CHECK(report.diagnoses.of(0, 0)->cause == c.cause);
        const Finding* node_finding = nullptr;
        for (const Finding& f : report.diagnoses.findings) {
            node_finding = f.subject.pod == k_none_index && f.cause == "system-oom" ? &f : node_finding;
        }
        REQUIRE((node_finding != nullptr) == (c.node != nullptr));
        if (node_finding != nullptr) {
            CHECK(std::string(node_finding->subject.node.value_or("")) == c.node);
            CHECK(node_finding->summary.find(std::string("on node ") + c.node) != std::string::npos);
            CHECK(node_finding->summary.find("is not node worker-3") != std::string::npos);
        }
    }
}

// The node's kernel log shows a boot 14 s before the end kubelet made up (08:58:27 UTC): it is cited
// and decides, whether its clock has an offset (a journal) or not (dmesg -T, read as UTC).
TEST_CASE("pm::diagnose_report: a boot banner just before the end, in each kernel log form") {
    const std::string banner = "Linux version 5.15.0-97-generic (buildd@lcy02-amd64-033) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) "
                               "11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #107-Ubuntu SMP Wed Feb 7 13:26:48 UTC 2024\n";
    struct BootCase {
        const char* name;
        std::string log;
        const char* clue;  // a piece of the summary
    };
    const BootCase cases[] = {
        {"dmesg -T", "[Tue Aug 27 08:40:03 2019] cni0: port 7(veth4a1f0c2e) entered disabled state\n[Tue Aug 27 08:58:13 2019] " + banner,
         "read as UTC"},
        {"journalctl -k -o short-iso",
         "2019-08-27T10:40:03+0200 worker-3 kernel: cni0: port 7(veth4a1f0c2e) entered disabled state\n"
         "-- Boot 3f9c1e2a7b4d4c0e8a6f2d1b9e7c5a30 --\n2019-08-27T10:58:13+0200 worker-3 kernel: " + banner,
         "just before the container's recorded end."},
    };
    for (const BootCase& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        Analysis report = analyse_text(describe_pod(terminated("Unknown", "255")) + "\n" + c.log);
        REQUIRE(report.incident.pods.size() == 1);
        const Finding& d = *report.diagnoses.of(0, 0);
        CHECK(d.cause == "node-reboot");
        CHECK(confidence(d) == "high");
        bool cites_banner = false;
        for (const Quote& q : d.evidence) {
            cites_banner |= q.text.find("Linux version") != std::string_view::npos;
        }
        CHECK(cites_banner);
        CHECK(d.summary.find(c.clue) != std::string::npos);
    }
}

TEST_CASE("pm::diagnose_report: fragments, several containers, several captures") {
    SUBCASE("a note typed after the reason does not hide OOMKilled") {
        Analysis report = analyse_text(describe_pod(terminated("OOMKilled     <- again!!", "137"), k_memory_limit));
        REQUIRE(report.incident.pods.size() == 1);
        CHECK(report.incident.pods[0].containers[0].last()->reason == "OOMKilled");
        CHECK(report.diagnoses.of(0, 0)->cause == "cgroup-oom");
        bool warned = false;
        for (const auto& w : report.incident.diagnostics) {
            warned |= w.message.find("<- again!!") != std::string::npos && diagnostic_where(w) == "describe.txt:18";
        }
        CHECK(warned);
    }
    SUBCASE("a lone Last State block rules out neither a probe kill nor an OOM") {
        Analysis report = analyse_text(k_fragment_137);
        REQUIRE(report.incident.pods.size() == 1);
        const auto& d = *report.diagnoses.of(0, 0);
        CHECK(d.cause == "external-kill");
        CHECK(confidence(d) == "low");
        std::vector<std::string> alternatives;
        for (const auto& a : d.alternatives) {
            alternatives.emplace_back(a.cause);
        }
        CHECK(alternatives == std::vector<std::string>{"cgroup-oom", "system-oom", "liveness-probe-kill"});
        CHECK(d.summary.find("no liveness") == std::string::npos);
    }
    SUBCASE("OOMKilled with exit 0 in a fragment stays a cgroup OOM") {
        Analysis report = analyse_text(
            "    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    0\n");
        CHECK(report.diagnoses.of(0, 0)->cause == "cgroup-oom");
        CHECK(confidence(*report.diagnoses.of(0, 0)) == "medium");
    }
    SUBCASE("a CRI-O Failed event explains a CreateContainerError container") {
        std::string text = describe_pod("", "", k_crio_events);
        auto at = text.find("CrashLoopBackOff");
        text.replace(at, std::string("CrashLoopBackOff").size(), "CreateContainerError");
        Analysis report = analyse_text(text);
        const auto& d = *report.diagnoses.of(0, 0);
        CHECK(d.cause == "exec-not-found");
        CHECK(confidence(d) == "high");
        CHECK(d.summary.find("./agent") != std::string::npos);
    }
    SUBCASE("a saved Events table alone still yields the containers it names") {
        Analysis report = analyse_text(
            "Events:\n"
            "  Type     Reason     Age                   From     Message\n"
            "  ----     ------     ----                  ----     -------\n"
            "  Warning  Unhealthy  3m12s (x12 over 40m)  kubelet  Liveness probe failed: HTTP probe failed with "
            "statuscode: 503\n"
            "  Normal   Killing    2m52s (x4 over 40m)   kubelet  Container web failed liveness probe, will be "
            "restarted\n");
        REQUIRE(report.incident.pods.size() == 1);
        REQUIRE(report.incident.pods[0].containers.size() == 1);
        CHECK(report.incident.pods[0].containers[0].name == "web");
        CHECK(report.diagnoses.of(0, 0)->cause == "liveness-probe-kill");
        CHECK(report.diagnoses.findings.size() == 1);
    }
    SUBCASE("two captures of one pod merge into one record with both terminations") {
        std::string first = describe_pod(terminated("OOMKilled", "137"), k_memory_limit);
        std::string second = first;
        second.replace(second.find("10:51:02"), 8, "11:02:13");
        second.replace(second.find("10:58:27"), 8, "11:09:40");
        second.replace(second.find("Restart Count:  4"), 17, "Restart Count:  5");
        Analysis report = analyse_files({{"describe-1.txt", first}, {"notes.md", second}});
        REQUIRE(report.incident.pods.size() == 1);
        const auto& c = report.incident.pods[0].containers.at(0);
        REQUIRE(c.terminations.size() == 2);
        CHECK(format_rfc3339(*c.terminations[0].finished) == "2019-08-27T10:58:27+02:00");
        CHECK(format_rfc3339(*c.terminations[1].finished) == "2019-08-27T11:09:40+02:00");
        CHECK(c.restart_count == 5);
        CHECK(report.diagnoses.findings.size() == 1);
    }
}

TEST_CASE("pm::diagnose_report: a probe failure naming no container goes to the container whose probe fits") {
    std::string text =
        "Name:         mesh-app-0\nNamespace:    prod\nStatus:       Running\nContainers:\n"
        "  web:\n    Image:          registry.example/web:2\n    State:          Running\n"
        "      Started:      Tue, 27 Aug 2019 11:00:00 +0200\n" + k_fragment_137 +
        "    Restart Count:  2\n"
        "    Liveness:       http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3\n"
        "    Environment:    <none>\n"
        "  proxy:\n    Image:          registry.example/proxy:1\n    State:          Running\n"
        "      Started:      Tue, 27 Aug 2019 11:00:00 +0200\n" + k_fragment_137 +
        "    Restart Count:  1\n"
        "    Liveness:       tcp-socket :15000 delay=0s timeout=1s period=10s #success=1 #failure=3\n"
        "    Environment:    <none>\n"
        "Events:\n  Type     Reason     Age   From     Message\n  ----     ------     ----  ----     -------\n"
        "  Warning  Unhealthy  3m    kubelet  Liveness probe failed: HTTP probe failed with statuscode: 500\n";
    Analysis report = analyse_text(text);
    REQUIRE(report.incident.pods.at(0).containers.size() == 2);
    CHECK(report.diagnoses.of(0, 0)->cause == "liveness-probe-kill");
    CHECK(confidence(*report.diagnoses.of(0, 0)) == "medium");
    CHECK(report.diagnoses.of(0, 1)->cause == "external-kill");
    CHECK(confidence(*report.diagnoses.of(0, 1)) == "low");
}

TEST_CASE("pm::diagnose_report: two HTTP probes are told apart by the port and path a failure quotes") {
    const auto pod_with = [](const std::string& events) {
        return "Name:         api-0\nNamespace:    prod\nStatus:       Running\nContainers:\n"
               "  worker:\n    Image:          registry.example/worker:2\n    State:          Running\n"
               "      Started:      Tue, 27 Aug 2019 11:00:00 +0200\n" + k_fragment_137 +
               "    Restart Count:  2\n"
               "    Liveness:       http-get http://:9000/healthz delay=10s timeout=1s period=10s #success=1 #failure=3\n"
               "    Environment:    <none>\n"
               "  app:\n    Image:          registry.example/app:1\n    State:          Running\n"
               "      Started:      Tue, 27 Aug 2019 11:00:00 +0200\n" + k_fragment_137 +
               "    Restart Count:  1\n"
               "    Liveness:       http-get http://:8080/ready delay=10s timeout=1s period=10s #success=1 #failure=3\n"
               "    Environment:    <none>\n"
               "Events:\n  Type     Reason     Age   From     Message\n  ----     ------     ----  ----     -------\n" +
               events;
    };
    struct Case {
        const char* name;
        std::string event;
        const char* worker;  // the cause each container is given
        const char* app;
    };
    const Case cases[] = {
        {"the port names worker's probe",
         "  Warning  Unhealthy  3m    kubelet  Liveness probe failed: Get \"http://10.244.1.9:9000/healthz\": "
         "context deadline exceeded (Client.Timeout exceeded while awaiting headers)\n",
         "liveness-probe-kill", "external-kill"},
        {"the port names app's probe",
         "  Warning  Unhealthy  3m    kubelet  Liveness probe failed: Get \"http://10.244.1.9:8080/ready\": dial tcp "
         "10.244.1.9:8080: connect: connection refused\n",
         "external-kill", "liveness-probe-kill"},
        {"a status code alone fits both",
         "  Warning  Unhealthy  3m    kubelet  Liveness probe failed: HTTP probe failed with statuscode: 503\n",
         "liveness-probe-kill", "liveness-probe-kill"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const Analysis report = analyse_text(pod_with(c.event));
        REQUIRE(report.incident.pods.at(0).containers.size() == 2);
        CHECK(report.diagnoses.of(0, 0)->cause == c.worker);
        CHECK(report.diagnoses.of(0, 1)->cause == c.app);
    }
}

TEST_CASE("pm::diagnose_report: start failures") {
    SUBCASE("a pod stuck behind FailedCreatePodSandBox gets a finding for its waiting container") {
        std::string text = describe_pod("", "",
            "Events:\n"
            "  Type     Reason                  Age                From     Message\n"
            "  ----     ------                  ----               ----     -------\n"
            "  Warning  FailedCreatePodSandBox  2m (x4 over 5m)    kubelet  Failed to create pod sandbox: rpc error: "
            "code = Unknown desc = failed to setup network for sandbox \"3b5c0e6f5a1d\": plugin type=\"calico\" "
            "failed (add): stat /var/lib/calico/nodename: no such file or directory: check that the calico/node "
            "container is running and has mounted /var/lib/calico/\n");
        text.replace(text.find("CrashLoopBackOff"), std::string("CrashLoopBackOff").size(), "ContainerCreating");
        Analysis report = analyse_text(text);
        const Finding* d = report.diagnoses.of(0, 0);
        REQUIRE(d != nullptr);
        CHECK(d->cause == "oci-start-error");
        CHECK(confidence(*d) == "high");
        CHECK(d->summary.find("stat /var/lib/calico/nodename") != std::string::npos);
        CHECK(d->alternatives.empty());
    }
    SUBCASE("an earlier probe kill is no alternative for a container that never started") {
        const std::string message =
            "      Message:      failed to create containerd task: failed to create shim task: OCI runtime create "
            "failed: runc create failed: unable to start container process: exec: \"/bin/migrate\": stat /bin/migrate: "
            "no such file or directory: unknown\n";
        Analysis report = analyse_text(describe_pod(terminated("StartError", "128", message), k_liveness, k_probe_kill_events));
        const auto& d = *report.diagnoses.of(0, 0);
        CHECK(d.cause == "exec-not-found");
        CHECK(d.alternatives.empty());
    }
}

TEST_CASE("pm::diagnose_report: a pod known only from a saved events listing is diagnosed by them") {
    struct Case {
        const char* name;
        std::string rows;
        const char* container;  // the record's name, "" when no event names one
        const char* cause;
    };
    const std::string header = "LAST SEEN   TYPE      REASON    OBJECT                             MESSAGE\n";
    const Case cases[] = {
        {"an eviction names the container above its request",
         "92s         Warning   Evicted   pod/sentry-worker-56fd7ccdd8-m8946   The node was low on resource: memory. "
         "Threshold quantity: 100Mi, available: 26444Ki. Container sentry-worker was using 373428Ki, request is 0, "
         "has larger consumption of memory.\n",
         "sentry-worker", "evicted"},
        {"a missing secret",
         "2s          Warning   Failed    pod/aegis-sentinel-5d8f7c6b9-x2k4p   Error: secret \"aegis-safe\" not found\n",
         "", "config-error"},
        {"a failed image pull",
         "40s         Warning   Failed    pod/moon-7f9c8d6b5-q8w7e             Failed to pull image "
         "\"quay.io/aerokube/moon:9.9\": rpc error: code = NotFound desc = failed to pull and unpack image "
         "\"quay.io/aerokube/moon:9.9\": failed to resolve reference \"quay.io/aerokube/moon:9.9\": "
         "quay.io/aerokube/moon:9.9: not found\n",
         "", "image-pull"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        Analysis report = analyse_files({{"events.txt", header + c.rows}});
        REQUIRE(report.incident.pods.size() == 1);
        REQUIRE(report.incident.pods[0].containers.size() == 1);
        CHECK(report.incident.pods[0].containers[0].name.value_or("") == c.container);
        const Finding* f = report.diagnoses.of(0, 0);
        REQUIRE(f != nullptr);
        CHECK(f->cause == c.cause);
        // The guess that it never started is no rival once an event names the cause.
        for (const auto& alt : f->alternatives) {
            CHECK(alt.cause != "oci-start-error");
        }
    }
    SUBCASE("Normal events alone make no container") {
        Analysis report = analyse_files(
            {{"events.txt", header + "5m          Normal    Scheduled pod/api-0   Successfully assigned shop/api-0 to node-1\n"}});
        for (const Pod& pod : report.incident.pods) {
            CHECK(pod.containers.empty());
        }
        CHECK(report.diagnoses.findings.empty());
    }
}

TEST_CASE("pm::event_container") {
    struct Case {
        const char* object;
        const char* message;
        const char* container;  // "" when the event names none
    };
    const Case cases[] = {
        {"", "Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e)", "api"},
        {"", "Container web failed liveness probe, will be restarted", "web"},
        {"", "Stopping container sidecar", "sidecar"},
        {"", "Created container: worker", "worker"},
        {"", "Started container init-db", "init-db"},
        {"spec.containers{app}", "Back-off restarting failed container", "app"},
        {"", "failed to \"StartContainer\" for \"web\" with RunContainerError: \"failed to start container\"", "web"},
        {"", "Error: container create failed: time=\"2024-03-12T14:32:51Z\" level=error msg=\"runc create failed\"", ""},
        {"", "Liveness probe failed: HTTP probe failed with statuscode: 503", ""},
        {"", "Back-off restarting failed container", ""},
    };
    for (const auto& c : cases) {
        INFO("message: " << std::string(c.message));
        Event e;
        if (*c.object != 0) {
            e.object = c.object;
        }
        e.message = c.message;
        auto got = event_container(e);
        CHECK(std::string(got.value_or("")) == std::string(c.container));
    }
}

}  // TEST_SUITE

TEST_SUITE("diagnose") {

TEST_CASE("pm::PodEvents keeps a few events of each kind, so weighing stays linear") {
    // One pod, many containers, many Failed events with one runtime error: once cubic (defect 3).
    Incident incident;
    InputRecord input;
    input.path = "describe.txt";
    const InputId id = incident.add_input(input);
    Pod pod;
    pod.name = "big";
    const Text chain_message =
        "Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create "
        "failed: unable to start container process: exec: \"/x\": stat /x: no such file or directory: unknown";
    for (std::uint32_t i = 0; i < 1000; ++i) {
        Container c;
        c.name = incident.keep("c" + std::to_string(i));
        pod.containers.push_back(c);
        Event e;
        e.type = "Warning";
        e.reason = "Unhealthy";
        e.message = "Liveness probe failed: HTTP probe failed with statuscode: 503";
        e.at = {id, 100 + i};
        pod.events.push_back(e);
        e.reason = "Killing";
        e.message = incident.keep("Container c" + std::to_string(i) + " failed liveness probe, will be restarted");
        e.at = {id, 2000 + i};
        pod.events.push_back(e);
        e.reason = "Failed";
        e.message = chain_message;
        e.at = {id, 4000 + i};
        pod.events.push_back(e);
    }
    incident.pods.push_back(pod);
    attribute_events(incident);
    const Pod& attributed = incident.pods[0];
    const PodEvents events(builtin_grammar(), incident, attributed);
    // 1000 unnamed probe failures are one kind; 1000 Killing events name 1000 containers; Failed
    // events that carry no unwrapped chain here hold nothing any container could read.
    CHECK(events.kept() <= 1000 + 8 + 8);
    Reading r;
    events.weigh(builtin_grammar(), attributed.containers[7], r);
    const Candidate* probe = find_candidate(r, "liveness-probe-kill");
    REQUIRE(probe != nullptr);
    CHECK(probe->rank == 3);
    CHECK(!probe->evidence.empty());
    bool own_kill = false;
    for (const auto& e : probe->evidence) {
        own_kill = own_kill || incident.where(e.at) == "describe.txt:2007";
    }
    CHECK(own_kill);
}

}  // TEST_SUITE
