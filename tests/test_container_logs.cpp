// Container logs: line cleaning (formats.md §9), attribution by path, and what the reader keeps from
// a whole log (the deciding signature, joined CRI partial lines, kubectl's own lines left out).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "describe_samples.hpp"
#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"
#include "readers/container_log/log_owner.hpp"
#include "readers/log_scan/log_line.hpp"

using namespace pm;

namespace {

Analysis read_text(const std::string& path, const std::string& text) {
    Analysis a;
    auto source = std::make_unique<SourceText>();
    load_source_text(*source, path, text, a.incident.diagnostics);
    read_source(builtin_grammar(), std::move(source), a);
    return a;
}

}  // namespace

TEST_SUITE("container_logs") {

TEST_CASE("a log line loses what kubectl, the runtime and the terminal added") {
    struct Row {
        const char* raw;
        const char* text;
        const char* pod;
        const char* container;
        bool timed;
        bool partial;
    };
    const std::vector<Row> rows = {
        {"plain application words", "plain application words", "", "", false, false},
        {"2024-05-14T07:44:40.123456789Z panic: boom", "panic: boom", "", "", true, false},
        {"[pod/api-7d9f/api] listening on :8080", "listening on :8080", "api-7d9f", "api", false, false},
        {"[pod/api-7d9f/istio-proxy] 2024-05-14T07:44:40.1Z envoy ready", "envoy ready", "api-7d9f",
         "istio-proxy", true, false},
        {"2024-05-14T07:44:40.123456789+02:00 stderr F fatal error: out of memory", "fatal error: out of memory", "",
         "", true, false},
        {"2024-05-14T07:44:40.123456789Z stdout P first half of a long ", "first half of a long ", "", "", true,
         true},
        {R"({"log":"Error: connect ECONNREFUSED 10.0.0.7:5432\n","stream":"stderr","time":"2024-05-14T07:44:40.5Z"})",
         "Error: connect ECONNREFUSED 10.0.0.7:5432", "", "", true, false},
        {"\x1b[31mERROR\x1b[0m database is gone", "ERROR database is gone", "", "", false, false},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.raw));
        std::string storage;
        const LogLine line = clean_log_line(row.raw, storage);
        CHECK(line.text == row.text);
        CHECK(line.pod == row.pod);
        CHECK(line.container == row.container);
        CHECK(line.time.has_value() == row.timed);
        CHECK(line.partial == row.partial);
    }
}

TEST_CASE("kubectl's own lines and typed placeholders are not the application's") {
    struct Row {
        const char* text;
        bool kubectl;
    };
    const std::vector<Row> rows = {
        {R"(Defaulted container "api" out of: api, istio-proxy, istio-init (init))", true},
        {R"(Error from server (BadRequest): previous terminated container "api" in pod "api-7d9f" not found)", true},
        {"<empty>", true},
        {"(no output)", true},
        {"...", true},
        {"Error: connect ECONNREFUSED 10.0.0.7:5432", false},
        {"error while loading shared libraries: libssl.so.3", false},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.text));
        CHECK(is_kubectl_line(row.text) == row.kubectl);
    }
    CHECK(defaulted_container(R"(Defaulted container "api" out of: api, istio-proxy)") == "api");
    CHECK(defaulted_container("Defaulted to nothing").empty());
}

TEST_CASE("a log's path names its pod and container") {
    struct Row {
        const char* path;
        const char* ns;
        const char* pod;
        const char* container;
        bool uid;
        bool previous;
    };
    const std::vector<Row> rows = {
        {"/var/log/pods/maps_tile-renderer-7c9f6d8b5-qz4lm_a6336d8f-65be-4d74-a9fa-98df34b9f2c6/renderer/3.log", "maps",
         "tile-renderer-7c9f6d8b5-qz4lm", "renderer", true, false},
        {"node/var/log/containers/web-6f8d9b7c54-jx2wq_shop_nginx-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.log",
         "shop", "web-6f8d9b7c54-jx2wq", "nginx", false, false},
        {"incident/api-previous.log", "", "", "api", false, true},
        {"incident/order-service-previous-2024-05-14.txt", "", "", "order-service", false, true},
        {"bundle/cluster-resources/pods/logs/shop/web-1/nginx/logs/previous.log", "", "", "nginx", false, true},
        {"incident/notes.txt", "", "", "", false, false},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.path));
        const LogOwner owner = log_owner_from_path(row.path);
        CHECK(owner.namespace_.value_or("") == row.ns);
        CHECK(owner.pod.value_or("") == row.pod);
        CHECK(owner.container.value_or("") == row.container);
        CHECK(owner.pod_uid.has_value() == row.uid);
        CHECK(owner.previous == row.previous);
        CHECK(owner.how.empty() == (std::string(row.container).empty()));
    }
}

TEST_CASE("the last fatal signature decides; earlier ones and context stay") {
    const std::string log =
        "2024-05-14T07:44:38Z INFO starting worker\n"
        "2024-05-14T07:44:39Z Traceback (most recent call last):\n"
        "2024-05-14T07:44:39Z   File \"/app/retry.py\", line 3, in <module>\n"
        "2024-05-14T07:44:39Z ValueError: handled and logged\n"
        "2024-05-14T07:44:40Z INFO retrying\n"
        "2024-05-14T07:44:41Z panic: runtime error: index out of range [5] with length 3\n"
        "2024-05-14T07:44:41Z \n"
        "2024-05-14T07:44:41Z goroutine 1 [running]:\n"
        "2024-05-14T07:44:41Z main.main()\n"
        "2024-05-14T07:44:41Z \t/src/main.go:12 +0x1d\n"
        "2024-05-14T07:44:41Z exit status 2\n";
    const Analysis a = read_text("api-previous.log", log);
    REQUIRE(a.incident.container_logs.size() == 1);
    const ContainerLog& got = a.incident.container_logs.front();
    CHECK(got.container.value_or("") == "api");
    CHECK(got.signatures.size() == 2);
    const LogSignature* decisive = got.decisive();
    REQUIRE(decisive != nullptr);
    CHECK(decisive->rule == "go-panic");
    CHECK(decisive->at.line == 6);
    CHECK(decisive->last_line == 11);
    CHECK(decisive->what == "runtime error: index out of range [5] with length 3");
    CHECK(decisive->time.has_value());
}

TEST_CASE("CRI partial lines are joined before signatures are looked for") {
    const std::string log =
        "2024-05-14T07:44:41.000000001Z stderr P Exception in thread \"main\" java.lang.Illegal\n"
        "2024-05-14T07:44:41.000000002Z stderr F StateException: config missing\n"
        "2024-05-14T07:44:41.000000003Z stderr F \tat com.example.Main.main(Main.java:9)\n";
    const Analysis a = read_text("/var/log/pods/shop_api-7d9f_0f8e3c2a-1b2c-4d5e-8f90-123456789abc/api/0.log", log);
    REQUIRE(a.incident.container_logs.size() == 1);
    const LogSignature* decisive = a.incident.container_logs.front().decisive();
    REQUIRE(decisive != nullptr);
    CHECK(decisive->rule == "java-uncaught-exception");
    CHECK(decisive->what == "java.lang.IllegalStateException: config missing");
}

TEST_CASE("a log pasted alone is diagnosed, under the names the prompt above it typed") {
    const std::string panic =
        "2024-05-14T07:44:40Z INFO starting\n"
        "panic: runtime error: invalid memory address or nil pointer dereference\n"
        "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]\n\n"
        "goroutine 1 [running]:\nmain.main()\n\t/src/main.go:17 +0x65\n";
    SUBCASE("under `kubectl -n NS logs -p POD -c C`") {
        Analysis a = read_text("notes.md", "```\n$ kubectl -n orders logs -p orders-6b7f9c-zz9k1 -c worker\n" + panic + "```\n");
        finish_analysis(builtin_grammar(), a);
        REQUIRE(a.incident.pods.size() == 1);
        CHECK(a.incident.pods[0].name == "orders-6b7f9c-zz9k1");
        CHECK(a.incident.pods[0].namespace_ == "orders");
        REQUIRE(a.incident.pods[0].containers.size() == 1);
        CHECK(a.incident.pods[0].containers[0].name == "worker");
        REQUIRE(a.diagnoses.findings.size() == 1);
        CHECK(a.diagnoses.findings[0].cause == "app-error");
    }
    SUBCASE("with no prompt and no pod: a container of its own, unnamed") {
        Analysis a = read_text("ticket.txt", "[FATAL tini (8)] exec /usr/local/bin/entrypoint.sh failed: No such file or directory\n");
        finish_analysis(builtin_grammar(), a);
        REQUIRE(a.diagnoses.findings.size() == 1);
        CHECK(a.diagnoses.findings[0].cause == "exec-not-found");
        CHECK_FALSE(a.incident.pods.at(0).containers.at(0).name.has_value());
    }
    SUBCASE("kubelet's eviction message, pasted alone, is an eviction") {
        Analysis a = read_text("ticket.txt", "a pod describe shows:\nStatus:         Failed\nReason:         Evicted\n"
                                             "Message:        The node was low on resource: memory. Container "
                                             "watcher was using 763096Ki, which exceeds its request of 0.\n");
        finish_analysis(builtin_grammar(), a);
        REQUIRE(a.diagnoses.findings.size() == 1);
        CHECK(a.diagnoses.findings[0].cause == "evicted");
    }
    SUBCASE("a log of ordinary work alone makes no record") {
        Analysis a = read_text("notes.md", "$ kubectl logs -p api-0\n2024-05-14T07:44:40Z INFO request served\n");
        finish_analysis(builtin_grammar(), a);
        CHECK(a.incident.pods.empty());
        CHECK(a.diagnoses.findings.empty());
    }
}

TEST_CASE("the prompt above a log says which of a pod's containers it is") {
    const std::string describe = std::string(pm::test::k_init_app_ephemeral);
    const std::string log = "\n$ kubectl -n shop logs --previous shop-5f6d7c8b9-q4w2e -c shop\n"
                            "Traceback (most recent call last):\n  File \"/app/main.py\", line 3, in <module>\n"
                            "    import requests\nModuleNotFoundError: No module named 'requests'\n";
    Analysis a = read_text("notes.md", describe + log);
    finish_analysis(builtin_grammar(), a);
    REQUIRE(a.incident.container_logs.size() >= 1);
    const ContainerLog& read = a.incident.container_logs[0];
    REQUIRE(read.pod_index == 0);
    REQUIRE(read.container_index < a.incident.pods[0].containers.size());
    CHECK(a.incident.pods[0].containers[read.container_index].name == "shop");
    CHECK(read.attributed_by.find("typed above") != std::string_view::npos);
}

TEST_CASE("a log of ordinary work has a last line and no signature") {
    const Analysis a = read_text("reco-api-previous.log", "GET /health 200\nGET /items 200\n<empty>\n");
    REQUIRE(a.incident.container_logs.size() == 1);
    const ContainerLog& got = a.incident.container_logs.front();
    CHECK(got.signatures.empty());
    REQUIRE(got.last_line.has_value());
    CHECK(got.last_line->text == "GET /items 200");
}

}  // TEST_SUITE
