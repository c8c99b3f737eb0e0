// `kubectl get pods` listings: which rows make a record, in what state, and that a pod another input
// describes keeps that record alone.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "describe_samples.hpp"
#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"
#include "readers/pod_list/signatures.hpp"

using namespace pm;

namespace {

Analysis analyse(const std::vector<std::pair<std::string, std::string>>& files) {
    Analysis a;
    for (const auto& [path, text] : files) {
        auto source = std::make_unique<SourceText>();
        load_source_text(*source, path, text, a.incident.diagnostics);
        read_source(builtin_grammar(), std::move(source), a);
    }
    finish_analysis(builtin_grammar(), a);
    return a;
}

const std::string k_header = "NAME                         READY   STATUS             RESTARTS        AGE\n";

}  // namespace

TEST_SUITE("pod_list") {

TEST_CASE("pm::is_pod_list_header and pm::is_pod_list_row know kubectl's columns") {
    CHECK(is_pod_list_header("NAME READY STATUS RESTARTS AGE"));
    CHECK(is_pod_list_header("NAMESPACE NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES"));
    CHECK_FALSE(is_pod_list_header("NAME STATUS AGE"));
    CHECK(is_pod_list_row("api-7d9f8b6c5d-x2kqp 0/1 CrashLoopBackOff 12 (30s ago) 40m"));
    CHECK(is_pod_list_row("shop api-7d9f8b6c5d-x2kqp 0/1 OOMKilled 5 10m"));
    CHECK(is_pod_list_row("web-0 1/1 Running 0 3d 10.244.1.5 node-1 <none> <none>"));
    CHECK_FALSE(is_pod_list_row("2024/03/12 02:21:06 [emerg] 1#1: host not found"));
    CHECK_FALSE(is_pod_list_row("api 0/1 running 0 3d"));
}

TEST_CASE("a row whose STATUS is a known reason is a pod in that state; others make no record") {
    struct Case {
        const char* row;
        const char* cause;  // "" for no record
    };
    const Case cases[] = {
        {"api-7d9f8b6c5d-x2kqp         0/1     OOMKilled          5 (2m ago)      10m\n", "cgroup-oom"},
        {"puller-77c9-abcde            0/1     ImagePullBackOff   0               5m\n", "image-pull"},
        {"config-6c7d-abcde            0/1     CreateContainerConfigError   0     2m\n", "config-error"},
        {"old-5d4c-fghij               0/1     Evicted            0               2d\n", "evicted"},
        {"web-5f6b7c8d9-q1w2e          1/1     Running            3 (1h ago)      3d\n", ""},
        {"job-28473920-abcde           0/1     Completed          0               1h\n", ""},
        {"new-6c7d-pqrst               0/1     ContainerCreating  0               4s\n", ""},
        {"init-6c7d-uvwxy              0/1     Init:0/1           0               9s\n", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.row));
        const Analysis a = analyse({{"pods.txt", k_header + c.row}});
        if (std::string(c.cause).empty()) {
            CHECK(a.incident.pods.empty());
            continue;
        }
        REQUIRE(a.incident.pods.size() == 1);
        REQUIRE(a.diagnoses.of(0, 0) != nullptr);
        CHECK(a.diagnoses.of(0, 0)->cause == c.cause);
        CHECK(a.diagnoses.of(0, 0)->evidence.size() >= 1);
    }
}

TEST_CASE("-A's namespace is the pod's; a pod another input describes keeps that record alone") {
    SUBCASE("-A") {
        const Analysis a = analyse({{"pods.txt", "NAMESPACE   NAME    READY   STATUS      RESTARTS   AGE\n"
                                                 "shop        api-0   0/1     OOMKilled   2          5m\n"}});
        REQUIRE(a.incident.pods.size() == 1);
        CHECK(a.incident.pods[0].namespace_ == "shop");
        CHECK(a.incident.pods[0].name == "api-0");
    }
    SUBCASE("kubectl get pods -w prints a pod at every change: one record, from its first telling row") {
        const Analysis a = analyse({{"watch.txt", "core-logging-oklog-0   0/1   OOMKilled   0     27m\n"
                                                  "core-logging-oklog-0   1/1   Running   1     27m\n"
                                                  "core-logging-oklog-0   0/1   OOMKilled   1     28m\n"
                                                  "core-logging-oklog-0   0/1   CrashLoopBackOff   1     28m\n"}});
        REQUIRE(a.incident.pods.size() == 1);
        REQUIRE(a.diagnoses.findings.size() == 1);
        CHECK(a.diagnoses.findings[0].cause == "cgroup-oom");
    }
    SUBCASE("a described pod and its row") {
        const std::string row = "api-7d9f8b6c5d-x2kqp   0/1   OOMKilled   5 (2m ago)   10m\n";
        const Analysis a = analyse({{"describe.txt", std::string(pm::test::k_current_oom)}, {"pods.txt", k_header + row}});
        REQUIRE(a.incident.pods.size() == 1);
        CHECK_FALSE(a.incident.pods[0].listed_only);
        CHECK(a.incident.pods[0].containers.size() == 1);  // no nameless copy beside the described container
        CHECK(a.diagnoses.findings.size() == 1);
    }
}

}  // TEST_SUITE
