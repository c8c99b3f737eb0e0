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

}  // TEST_SUITE
