// kubelet journal lines (structured klog and printf) read into the events of the pods they name.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"
#include "readers/node_journal/journal_line.hpp"

using namespace pm;

namespace {

Analysis analyse_text(const std::string& text) {
    Analysis analysis;
    auto source = std::make_unique<SourceText>();
    load_source_text(*source, "kubelet.journal", text, analysis.incident.diagnostics);
    read_source(builtin_grammar(), std::move(source), analysis);
    finish_analysis(builtin_grammar(), analysis);
    return analysis;
}

Analysis analyse_texts(const std::vector<std::pair<std::string, std::string>>& files) {
    Analysis analysis;
    for (const auto& [name, text] : files) {
        auto source = std::make_unique<SourceText>();
        load_source_text(*source, name, text, analysis.incident.diagnostics);
        read_source(builtin_grammar(), std::move(source), analysis);
    }
    finish_analysis(builtin_grammar(), analysis);
    return analysis;
}

}  // namespace

TEST_SUITE("node_journal") {

TEST_CASE("kubelet lines become the pod's events") {
    struct JournalCase {
        const char* name;
        std::string text;
        const char* namespace_;
        const char* pod;
        const char* first_message;
        const char* container;
    };
    const JournalCase cases[] = {
        {"structured klog (1.21+), %+v values",
         "May 14 09:44:46 wrk-03 kubelet[1895]: I0514 09:44:46.905100    1895 prober.go:116] \"Probe failed\" "
         "probeType=\"Liveness\" pod=\"shop/web-x8\" podUID=9e59 containerName=\"web\" probeResult=failure "
         "output=\"Get \\\"http://10.0.0.1:8080/healthz\\\": context deadline exceeded\"\n"
         "May 14 09:45:06 wrk-03 kubelet[1895]: I0514 09:45:06.906400    1895 kuberuntime_manager.go:660] \"Message for "
         "Container of pod\" containerName=\"web\" containerStatusID={Type:containerd ID:2072} pod=\"shop/web-x8\" "
         "containerMessage=\"Container web failed liveness probe, will be restarted\"\n",
         "shop", "web-x8", "Liveness probe failed: Get \"http://10.0.0.1:8080/healthz\": context deadline exceeded", "web"},
        {"printf klog (<=1.20)",
         "May 14 09:44:52 wrk-07 kubelet[2874]: I0514 09:44:52.118700    2874 prober.go:117] Liveness probe for "
         "\"web-p2_shop(abcd):web\" failed (failure): HTTP probe failed with statuscode: 500\n"
         "May 14 09:45:12 wrk-07 kubelet[2874]: I0514 09:45:12.120100    2874 kuberuntime_manager.go:650] Container \"web\" "
         "({\"docker\" \"3c03\"}) of pod web-p2_shop(abcd): Container web failed liveness probe, will be restarted\n",
         "shop", "web-p2", "Liveness probe failed: HTTP probe failed with statuscode: 500", "web"},
    };
    for (const JournalCase& c : cases) {
        INFO("case: " << std::string(c.name));
        const Analysis a = analyse_text(c.text);
        REQUIRE(a.incident.pods.size() == 1);
        const Pod& pod = a.incident.pods[0];
        CHECK(pod.namespace_.value_or("") == std::string_view(c.namespace_));
        CHECK(pod.name.value_or("") == std::string_view(c.pod));
        REQUIRE(pod.events.size() == 2);
        CHECK(pod.events[0].message == std::string_view(c.first_message));
        CHECK(pod.events[1].reason.value_or("") == "Killing");
        CHECK(pod.events[1].container.value_or("") == std::string_view(c.container));
        REQUIRE(!a.diagnoses.findings.empty());
        CHECK(a.diagnoses.findings[0].cause == "liveness-probe-kill");
    }
}

TEST_CASE("kubelet's kills, PLEG deaths and node lines") {
    const std::string k = "May 14 09:45:06 wrk-03 kubelet[1895]: I0514 09:45:06.906900    1895 x.go:1] ";
    const std::string k2 = "May 14 09:45:37 wrk-03 kubelet[1895]: I0514 09:45:37.617400    1895 x.go:2] ";
    const std::string k3 = "May 14 09:47:00 wrk-03 kubelet[1895]: I0514 09:47:00.100000    1895 x.go:3] ";
    const std::string cid = "2072ef1a35f52e902968dd9fac0b4a88d86e2c320622d39744236b961794e77c";
    const std::string probe_kill = k + "\"Message for Container of pod\" containerName=\"web\" containerStatusID={Type:containerd ID:" +
                                   cid + "} pod=\"shop/web-x8\" containerMessage=\"Container web failed liveness probe, will be restarted\"\n";
    struct Row {
        const char* name;
        std::string text;
        size_t pods;
        std::vector<std::string> reasons;  // the first pod's events, in journal order
        const char* last_message;
        const char* cause;
    };
    const Row rows[] = {
        {"grace-period kill and PLEG ContainerDied (%+v) tied to the container by ID", probe_kill +
             k + "\"Killing container with a grace period\" pod=\"shop/web-x8\" podUID=9e59 containerName=\"web\" "
                 "containerID=\"containerd://" + cid + "\" gracePeriod=30\n" +
             k2 + "\"SyncLoop (PLEG): event for pod\" pod=\"shop/web-x8\" event=&{ID:9e59 Type:ContainerDied Data:" + cid + "}\n",
         1, {"Killing", "Killing", "ContainerDied"}, "Container web died (PLEG)", "liveness-probe-kill"},
        {"PLEG as JSON (klog 2.100+), the ID from containerStatusID's JSON",
         k + "\"Message for Container of pod\" containerName=\"web\" containerStatusID={\"Type\":\"containerd\",\"ID\":\"" + cid +
             "\"} pod=\"shop/web-x8\" containerMessage=\"Container web failed liveness probe, will be restarted\"\n" +
             k2 + "\"SyncLoop (PLEG): event for pod\" pod=\"shop/web-x8\" event={\"ID\":\"9e59\",\"Type\":\"ContainerDied\",\"Data\":\"" +
             cid + "\"}\n" +
             k2 + "\"SyncLoop (PLEG): event for pod\" pod=\"shop/web-x8\" event={\"ID\":\"9e59\",\"Type\":\"ContainerStarted\",\"Data\":\"" +
             cid + "\"}\n",
         1, {"Killing", "ContainerDied"}, "Container web died (PLEG)", "liveness-probe-kill"},
        {"printf (<=1.20): the kill names only the ID",
         k + "Container \"web\" ({\"docker\" \"" + cid + "\"}) of pod web-p2_shop(abcd): Container web failed liveness probe, will be restarted\n" +
             k + "Killing container \"docker://" + cid + "\" with 30 second grace period\n" +
             k2 + "SyncLoop (PLEG): \"web-p2_shop(abcd)\", event: &pleg.PodLifecycleEvent{ID:\"abcd\", Type:\"ContainerDied\", Data:\"" +
             cid + "\"}\n",
         1, {"Killing", "Killing", "ContainerDied"}, "Container web died (PLEG)", "liveness-probe-kill"},
        {"the OOM watcher's SystemOOM reaches the pod whose container died right after it",
         k + "\"Got sys oom event\" event=&{Pid:2387112 ProcessName:python3 TimeOfDeath:2024-05-14 09:45:06 +0000 UTC "
             "ContainerName:/kubepods/burstable/pod1 VictimContainerName:/ Constraint:CONSTRAINT_NONE}\n" +
             k + "\"SyncLoop (PLEG): event for pod\" pod=\"data/etl-m4\" event=&{ID:77 Type:ContainerDied Data:" + cid + "}\n" +
             k3 + "\"SyncLoop (PLEG): event for pod\" pod=\"data/other\" event=&{ID:78 Type:ContainerDied Data:abcdef12}\n",
         1, {"SystemOOM", "ContainerDied"}, "Container with ID 2072ef1a35f5 died (PLEG)", ""},  // no container name: no finding
        {"eviction manager (structured)",
         k + "\"Eviction manager: attempting to reclaim\" resourceName=\"memory\"\n" +
             k + "\"Eviction manager: must evict pod(s) to reclaim\" resourceName=\"memory\"\n" +
             k2 + "\"Killing container with a grace period\" pod=\"batch/agg-1\" podUID=5b2c containerName=\"agg\" "
                  "containerID=\"containerd://" + cid + "\" gracePeriod=0\n" +
             k2 + "\"Eviction manager: pod is evicted successfully\" pod=\"batch/agg-1\"\n",
         1, {"EvictionThresholdMet", "Killing", "Evicted"}, "The node was low on resource: memory.", "evicted"},
        {"eviction manager (printf)",
         k + "eviction manager: attempting to reclaim ephemeral-storage\n" +
             k2 + "eviction manager: pod agg-1_batch(5b2c) is evicted successfully\n",
         1, {"EvictionThresholdMet", "Evicted"}, "The node was low on resource: ephemeral-storage.", ""},
        {"graceful node shutdown",
         k + "\"Shutdown manager detected new shutdown event, isNodeShuttingDownNow\" event=true\n" +
             k2 + "\"Shutdown manager killing pod with gracePeriod\" pod=\"shop/web-x8\" podUID=\"9e59\" gracePeriod=20\n" +
             k2 + "\"Killing container with a grace period\" pod=\"shop/web-x8\" podUID=9e59 containerName=\"web\" "
                  "containerID=\"containerd://" + cid + "\" gracePeriod=20\n" +
             k2 + "\"Shutdown manager killing pod with gracePeriod\" pod=\"shop/web-x8\" podUID=\"9e59\" gracePeriod=20\n",
         1, {"NodeShutdown", "Terminated", "Killing", "Terminated"}, "Pod was terminated in response to imminent node shutdown.", "node-reboot"},
        {"a cancelled shutdown and a kubelet start alone explain no pod",
         k + "\"Shutdown manager detected new shutdown event, isNodeShuttingDownNow\" event=false\n" +
             k + "\"Starting kubelet main sync loop\"\n",
         0, {}, "", ""},
        {"systemd's Started line (StatusUnitFormat=combined) is a kubelet start",
         "May 14 09:40:02 wrk-03 systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.\n" + probe_kill,
         1, {"Starting", "Killing"}, "Container web failed liveness probe, will be restarted", "liveness-probe-kill"},
        {"a kubelet start reaches the journal's pods", k + "\"Starting kubelet main sync loop\"\n" + probe_kill,
         1, {"Starting", "Killing"}, "Container web failed liveness probe, will be restarted", "liveness-probe-kill"},
    };
    for (const Row& row : rows) {
        INFO("case: " << std::string(row.name));
        const Analysis a = analyse_text(row.text);
        REQUIRE(a.incident.pods.size() == row.pods);
        if (row.pods == 0) {
            continue;
        }
        const Pod& pod = a.incident.pods[0];
        REQUIRE(pod.events.size() == row.reasons.size());
        for (size_t i = 0; i < row.reasons.size(); ++i) {
            CHECK(pod.events[i].reason.value_or("") == row.reasons[i]);
        }
        CHECK(pod.events.back().message == std::string_view(row.last_message));
        if (*row.cause == '\0') {
            continue;
        }
        REQUIRE(!a.diagnoses.findings.empty());
        CHECK(a.diagnoses.findings[0].cause == std::string_view(row.cause));
    }
}

TEST_CASE("journal boot separators become boots, with how the boot before ended") {
    const std::string kubelet = "May 14 09:40:12 wrk-03 kubelet[1895]: I0514 09:40:12.100000    1895 x.go:1] \"Kubelet version\" kubeletVersion=\"v1.30.2\"\n";
    const std::string rebooting = "May 14 09:38:40 wrk-03 systemd-logind[701]: System is rebooting.\n"
                                  "May 14 09:38:47 wrk-03 systemd[1]: Reached target shutdown.target - System Shutdown.\n";
    const std::string plain = "May 14 09:38:40 wrk-03 systemd[1]: Stopping user@1000.service - User Manager for UID 1000...\n";
    struct Row {
        const char* name;
        std::string text;
        size_t boots;
        const char* previous_end;  // "" when not known
    };
    const Row rows[] = {
        {"an orderly reboot (logind, systemd 249+ target wording)", kubelet + rebooting + "-- Reboot --\n" + kubelet, 1, "a shutdown"},
        {"systemd lines and no shutdown: a crash", kubelet + plain + "-- Boot 3f9c1e2a7b4d4c0e8a6f2d1b9e7c5a30 --\n" + kubelet, 1,
         "no shutdown messages"},
        {"one unit's journal cannot tell how the boot ended", kubelet + "-- Reboot --\n" + kubelet, 1, ""},
        {"a separator with no entry after it is no boot", kubelet + kubelet + "-- Reboot --\n", 0, ""},
    };
    for (const Row& row : rows) {
        INFO("case: " << std::string(row.name));
        const Analysis a = analyse_text(row.text);
        size_t boots = 0;
        for (const KernelEvent& e : a.incident.kernel_events) {
            if (e.kind != "boot") {
                continue;
            }
            ++boots;
            CHECK(e.previous_boot_end.value_or("") == std::string_view(row.previous_end));
            CHECK(e.yearless_time.value_or("") == "May 14 09:40:12");
            REQUIRE(e.quotes.size() >= 2);
            CHECK(e.quotes[e.quotes.size() - 2].text.starts_with("-- "));
        }
        CHECK(boots == row.boots);
    }
}

TEST_CASE("CRI-O and conmon: an OOM and an exit on their own are deaths, a requested stop is not") {
    const std::string cid = "3c03e3b99f4832b3807254e0de19a942386367536d982b84e1c8355ada5c84bf";
    const std::string cid2 = "8d8aafc1a3b24f0e9c6d5b7a2e1f0c9d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e";
    const std::string crio = "May 14 07:45:17 worker-3 crio[1043]: time=\"2024-05-14 07:45:17.412345678Z\" level=info msg=\"";
    const std::string conmon = "May 14 07:45:17 worker-3 conmon[4001]: conmon ";
    const std::string created = crio + "Created container " + cid + ": prod/api-7d9f/api\" id=9b1c name=/runtime.v1.RuntimeService/CreateContainer\n";
    const std::string created2 = crio + "Created container " + cid2 + ": prod/api-7d9f/api\" id=9b1d name=/runtime.v1.RuntimeService/CreateContainer\n";
    struct Row {
        const char* name;
        std::string text;
        size_t pods;
        const char* reason;  // the first termination's
        int exit_code;
        size_t events;
        const char* cause;
    };
    const Row rows[] = {
        {"conmon's OOM then its exit", created + conmon + cid.substr(0, 20) + " <ninfo>: OOM received\n" + conmon + cid.substr(0, 20) +
             " <ninfo>: container 4012 exited with status 137\n",
         1, "OOMKilled", 137, 0, "cgroup-oom"},
        {"an exit without OOM", created + conmon + cid.substr(0, 20) + " <ninfo>: container 4012 exited with status 1\n",
         1, "Error", 1, 0, "app-error"},
        {"a stop kubelet asked for, then a death of the next instance",
         created + crio + "Stopping container: " + cid + " (timeout: 30s)\" id=1 name=/runtime.v1.RuntimeService/StopContainer\n" +
             conmon + cid.substr(0, 20) + " <ninfo>: container 4012 exited with status 143\n" +
             crio + "Stopped container " + cid + ": prod/api-7d9f/api\" id=1 name=/runtime.v1.RuntimeService/StopContainer\n" + created2 +
             conmon + cid2.substr(0, 20) + " <ninfo>: OOM event received\n" + conmon + cid2.substr(0, 20) +
             " <ninfo>: container 4100 exited with status 137\n",
         1, "OOMKilled", 137, 1, "cgroup-oom"},
        {"a requested stop alone is no death", created + crio + "Stopping container: " + cid + " (timeout: 30s)\" id=1 name=x\n" +
             conmon + cid.substr(0, 20) + " <ninfo>: container 4012 exited with status 143\n",
         0, "", 0, 0, ""},
        {"an unknown ID ties to nothing", conmon + cid.substr(0, 20) + " <ninfo>: container 4012 exited with status 137\n" + created, 0, "", 0, 0, ""},
    };
    for (const Row& row : rows) {
        INFO("case: " << std::string(row.name));
        const Analysis a = analyse_text(row.text);
        REQUIRE(a.incident.pods.size() == row.pods);
        if (row.pods == 0) {
            continue;
        }
        const Pod& pod = a.incident.pods[0];
        CHECK(pod.name.value_or("") == "api-7d9f");
        CHECK(pod.namespace_.value_or("") == "prod");
        REQUIRE(pod.containers.size() == 1);
        REQUIRE(!pod.containers[0].terminations.empty());
        CHECK(pod.containers[0].terminations[0].reason.value_or("") == std::string_view(row.reason));
        CHECK(pod.containers[0].terminations[0].exit_code.value_or(-1) == row.exit_code);
        CHECK(pod.events.size() == row.events);
        REQUIRE(!a.diagnoses.findings.empty());
        CHECK(a.diagnoses.findings[0].cause == std::string_view(row.cause));
    }
}

TEST_CASE("a liveness kill says how long the container took to end after Killing") {
    const std::string kill_line = " wrk-03 kubelet[1895]: I0514 09:45:06.906900    1895 x.go:1] \"Message for Container of pod\" "
                                  "containerName=\"web\" containerStatusID={Type:containerd ID:2072} pod=\"shop/web-x8\" "
                                  "containerMessage=\"Container web failed liveness probe, will be restarted\"\n";
    const std::string iso = "2024-05-14T11:45:06.906900+02:00" + kill_line;
    const std::string short_form = "May 14 09:45:06" + kill_line;
    auto pod = [](const char* code, const char* finished) {
        return std::string("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-x8\n  namespace: shop\nspec:\n  containers:\n"
                           "  - name: web\n    image: web:1\nstatus:\n  containerStatuses:\n  - name: web\n    restartCount: 1\n"
                           "    lastState:\n      terminated:\n        exitCode: ") +
               code + "\n        reason: Error\n        startedAt: \"2024-05-14T09:40:00Z\"\n        finishedAt: \"" + finished +
               "\"\n    state:\n      running:\n        startedAt: \"2024-05-14T09:45:38Z\"\n";
    };
    struct Row {
        const char* name;
        std::string journal;
        std::string pod;
        const char* sentence;  // "" when the report cannot say
    };
    const Row rows[] = {
        {"SIGKILL after the grace period (short-iso journal, +02:00 against Z)", iso, pod("137", "2024-05-14T09:45:37Z"),
         "The container ended 31 s after kubelet's Killing: it did not stop on SIGTERM"},
        {"the SIGTERM ended it", iso, pod("143", "2024-05-14T09:45:07Z"), "The container ended 1 s after kubelet's Killing: the SIGTERM itself"},
        {"a clean shutdown", iso, pod("0", "2024-05-14T09:45:09Z"), "The container ended 3 s after kubelet's Killing: it shut down cleanly"},
        {"a short journal stamp has no year or offset", short_form, pod("137", "2024-05-14T09:45:37Z"), ""},
        {"an end before the kill is another run's", iso, pod("137", "2024-05-14T09:40:37Z"), ""},
    };
    for (const Row& row : rows) {
        INFO("case: " << std::string(row.name));
        const Analysis a = analyse_texts({{"kubelet.journal", row.journal}, {"pod.yaml", row.pod}});
        REQUIRE(!a.diagnoses.findings.empty());
        const Finding& f = a.diagnoses.findings[0];
        CHECK(f.cause == "liveness-probe-kill");
        INFO("summary: " << f.summary);
        if (*row.sentence == '\0') {
            CHECK(f.summary.find("after kubelet's Killing") == std::string::npos);
        } else {
            CHECK(f.summary.find(row.sentence) != std::string::npos);
        }
    }
}

TEST_CASE("journal envelopes and klog values") {
    std::optional<JournalLine> j = parse_journal_line("May  4 07:45:20 worker-3 kubelet[2211]: I0504 07:45:20.1 x");
    REQUIRE(j);
    CHECK(j->ident == "kubelet");
    CHECK(!parse_journal_line("not a journal line"));
    CHECK(parse_journal_line("2024-05-14T07:45:20+00:00 worker-3 containerd[812]: time=\"x\"")->ident == "containerd");
    CHECK(klog_value(" a=\"q\\\"x\" b=7", "a").value_or("") == "q\"x");
    CHECK(klog_value(" a=\"q\" b=7", "b").value_or("") == "7");
    CHECK(!klog_value(" a=1", "c"));
    CHECK(klog_clock_seconds("I0514 09:45:06.906900    1895 x.go:1] m").value_or(0) -
              klog_clock_seconds("I0513 23:59:59.000000    1895 x.go:1] m").value_or(0) ==
          9 * 3600 + 45 * 60 + 7);
    CHECK(!klog_clock_seconds("I05x4 09:45:06.906900    1895 x.go:1] m"));
}

TEST_CASE("containerd's OOM and exit events: a stop kubelet asked for is no death") {
    const std::string env = "Jun 03 14:02:11 node-12 containerd[912]: time=\"2024-06-03T14:02:11.4+09:00\" level=info msg=";
    const std::string cid1 = "0b967cb7f83118030acd30986c6746932172e79d0268c86e54f28934c6840dd3";
    const std::string cid2 = "b11c9b4618e1752d52e6a4023ba34e70ef72e113b6a8e20b1e3aaaaaaaaaaaaa";
    const std::string sid = "cc4ba8cf596608512d8524f7cfa22870cd4e9dc724e1e704b6d9ed280b5b5ce2";
    const std::string text =
        env + "\"RunPodSandbox for &PodSandboxMetadata{Name:writer-t4,Uid:3094bdc9-e094-4fd5-a228-d0ad32f88605,"
              "Namespace:ml,Attempt:0,} returns sandbox id \\\"" + sid + "\\\"\"\n" +
        env + "\"CreateContainer within sandbox \\\"" + sid + "\\\" for &ContainerMetadata{Name:writer,Attempt:0,} "
              "returns container id \\\"" + cid1 + "\\\"\"\n" +
        env + "\"TaskOOM event container_id:\\\"" + cid1 + "\\\"\"\n" +
        env + "\"TaskExit event container_id:\\\"" + cid1 + "\\\" id:\\\"" + cid1 +
              "\\\" pid:184377  exit_status:137  exited_at:{seconds:1717391442  nanos:263118274}\"\n" +
        env + "\"CreateContainer within sandbox \\\"" + sid + "\\\" for &ContainerMetadata{Name:writer,Attempt:1,} "
              "returns container id \\\"" + cid2 + "\\\"\"\n" +
        env + "\"StopContainer for \\\"" + cid2 + "\\\" with timeout 30 (s)\"\n" +
        env + "\"TaskExit event &TaskExit{ContainerID:" + cid2 + ",ID:" + cid2 + ",Pid:4012,ExitStatus:137,}\"\n";
    Analysis analysis;
    auto source = std::make_unique<SourceText>();
    load_source_text(*source, "containerd.journal", text, analysis.incident.diagnostics);
    read_source(builtin_grammar(), std::move(source), analysis);
    finish_analysis(builtin_grammar(), analysis);
    REQUIRE(analysis.incident.pods.size() == 1);
    const Pod& pod = analysis.incident.pods[0];
    CHECK(pod.name.value_or("") == "writer-t4");
    CHECK(pod.namespace_.value_or("") == "ml");
    REQUIRE(pod.containers.size() == 1);
    const Container& c = pod.containers[0];
    REQUIRE(c.terminations.size() == 1);
    CHECK(c.terminations[0].reason.value_or("") == "OOMKilled");
    CHECK(c.terminations[0].exit_code.value_or(-1) == 137);
    REQUIRE(pod.events.size() == 1);
    CHECK(pod.events[0].message == "Stopping container writer");
    REQUIRE(!analysis.diagnoses.findings.empty());
    CHECK(analysis.diagnoses.findings[0].cause == "cgroup-oom");
}

}  // TEST_SUITE
