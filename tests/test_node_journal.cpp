// kubelet journal lines (structured klog and printf) read into the events of the pods they name.
#include <doctest/doctest.h>

#include <memory>
#include <string>

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

TEST_CASE("journal envelopes and klog values") {
    std::optional<JournalLine> j = parse_journal_line("May  4 07:45:20 worker-3 kubelet[2211]: I0504 07:45:20.1 x");
    REQUIRE(j);
    CHECK(j->ident == "kubelet");
    CHECK(!parse_journal_line("not a journal line"));
    CHECK(parse_journal_line("2024-05-14T07:45:20+00:00 worker-3 containerd[812]: time=\"x\"")->ident == "containerd");
    CHECK(klog_value(" a=\"q\\\"x\" b=7", "a").value_or("") == "q\"x");
    CHECK(klog_value(" a=\"q\" b=7", "b").value_or("") == "7");
    CHECK(!klog_value(" a=1", "c"));
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
