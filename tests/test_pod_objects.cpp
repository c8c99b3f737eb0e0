// Pods as `kubectl get pod -o yaml|json` prints them, whole or in fragments, read into describe's records.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"
#include "test_support.hpp"

using namespace pm;

namespace {

Analysis analyse_text(const std::string& path, const std::string& text) {
    Analysis analysis;
    auto source = std::make_unique<SourceText>();
    load_source_text(*source, path, text, analysis.incident.diagnostics);
    read_source(builtin_grammar(), std::move(source), analysis);
    finish_analysis(builtin_grammar(), analysis);
    return analysis;
}

struct ObjectCase {
    const char* name;
    const char* path;
    std::string text;
    const char* pod;        // "(none)" when the text names none
    const char* container;  // the container whose latest termination is checked
    const char* reason;
    long long exit_code;
    long long restarts;     // -1: not known
    const char* message;    // of the latest termination, "null" for none
    const char* memory_limit;  // "(none)" when not given
};

const Container* find_container(const Incident& incident, std::string_view name) {
    for (const Pod& p : incident.pods) {
        for (const Container& c : p.containers) {
            if (c.name.value_or("(none)") == name) {
                return &c;
            }
        }
    }
    return nullptr;
}

}  // namespace

TEST_SUITE("pod_objects") {

TEST_CASE("pods as YAML and JSON, whole and in fragments") {
    const ObjectCase cases[] = {
        {"a whole pod as YAML: limits, probes, subPath, lastState",
         "pod.yaml",
         "apiVersion: v1\n"
         "kind: Pod\n"
         "metadata:\n"
         "  name: web-1\n"
         "  namespace: shop\n"
         "spec:\n"
         "  containers:\n"
         "  - image: web:1\n"
         "    livenessProbe:\n"
         "      httpGet:\n"
         "        path: /healthz\n"
         "        port: 8080\n"
         "    name: web\n"
         "    resources:\n"
         "      limits:\n"
         "        memory: 256Mi\n"
         "    volumeMounts:\n"
         "    - mountPath: /etc/web.toml\n"
         "      name: config\n"
         "      subPath: web.toml\n"
         "  nodeName: node-1\n"
         "status:\n"
         "  containerStatuses:\n"
         "  - lastState:\n"
         "      terminated:\n"
         "        exitCode: 137\n"
         "        finishedAt: \"2024-09-17T06:29:30Z\"\n"
         "        message: 'it''s gone'\n"
         "        reason: OOMKilled\n"
         "        startedAt: \"2024-09-17T06:26:29Z\"\n"
         "    name: web\n"
         "    restartCount: 4\n"
         "    state:\n"
         "      waiting:\n"
         "        reason: CrashLoopBackOff\n"
         "  phase: Running\n",
         "web-1", "web", "OOMKilled", 137, 4, "it's gone", "256Mi"},
        {"a JSON List: one JSON layer of escapes decoded, StartError at the epoch",
         "pods.json",
         "{\n"
         "    \"apiVersion\": \"v1\",\n"
         "    \"items\": [\n"
         "        {\n"
         "            \"kind\": \"Pod\",\n"
         "            \"metadata\": {\n"
         "                \"name\": \"relay-1\"\n"
         "            },\n"
         "            \"status\": {\n"
         "                \"containerStatuses\": [\n"
         "                    {\n"
         "                        \"lastState\": {\n"
         "                            \"terminated\": {\n"
         "                                \"exitCode\": 128,\n"
         "                                \"message\": \"exec: \\\"/entry.sh\\\": permission denied \\u003cx\\u003e\",\n"
         "                                \"reason\": \"StartError\",\n"
         "                                \"startedAt\": \"1970-01-01T00:00:00Z\"\n"
         "                            }\n"
         "                        },\n"
         "                        \"name\": \"relay\",\n"
         "                        \"restartCount\": 8\n"
         "                    }\n"
         "                ]\n"
         "            }\n"
         "        }\n"
         "    ],\n"
         "    \"kind\": \"List\"\n"
         "}\n",
         "relay-1", "relay", "StartError", 128, 8, "exec: \"/entry.sh\": permission denied <x>", "(none)"},
        {"a \"terminated\" object alone, its first line unindented",
         "notes.json",
         "\"terminated\": {\n"
         "                        \"exitCode\": 137,\n"
         "                        \"finishedAt\": \"2024-07-02T12:53:40Z\",\n"
         "                        \"reason\": \"OOMKilled\"\n"
         "                    }\n",
         "(none)", "(none)", "OOMKilled", 137, -1, "null", "(none)"},
        {"a YAML status fragment whose keys lost their indentation, with ... elisions",
         "status.yaml",
         "  containerStatuses:\n"
         "  - lastState:\n"
         "      terminated:\n"
         "exitCode: 137\n"
         "        finishedAt: \"2024-07-02T13:48:56Z\"\n"
         "reason: OOMKilled\n"
         "    name: sync\n"
         "    restartCount: 6\n"
         "...\n"
         "  phase: Running\n",
         "(none)", "sync", "OOMKilled", 137, 6, "null", "(none)"},
        {"a block scalar and a folded double-quoted message",
         "pod.yaml",
         "kind: Pod\n"
         "metadata:\n"
         "  name: job-1\n"
         "status:\n"
         "  containerStatuses:\n"
         "  - name: main\n"
         "    state:\n"
         "      terminated:\n"
         "        exitCode: 1\n"
         "        message: |\n"
         "          Traceback (most recent call last):\n"
         "          KeyError: 'PAYMENT_API_URL'\n"
         "        reason: Error\n",
         "job-1", "main", "Error", 1, -1, "Traceback (most recent call last):\\nKeyError: 'PAYMENT_API_URL'", "(none)"},
    };
    for (const ObjectCase& c : cases) {
        INFO("case: " << std::string(c.name));
        const Analysis a = analyse_text(c.path, c.text);
        REQUIRE(!a.incident.pods.empty());
        CHECK(a.incident.pods[0].name.value_or("(none)") == std::string_view(c.pod));
        const Container* container = find_container(a.incident, c.container);
        REQUIRE(container != nullptr);
        REQUIRE(container->latest() != nullptr);
        CHECK(container->latest()->reason.value_or("") == std::string_view(c.reason));
        CHECK(container->latest()->exit_code.value_or(-1) == c.exit_code);
        CHECK(container->restart_count.value_or(-1) == c.restarts);
        CHECK(test::show(container->latest()->message) == c.message);
        CHECK(container->limit("memory").value_or("(none)") == std::string_view(c.memory_limit));
    }
}

TEST_CASE("the spec fields diagnosis weighs") {
    const Analysis a = analyse_text("pod.yaml",
                                    "kind: Pod\nmetadata:\n  name: web-1\nspec:\n  containers:\n  - name: web\n"
                                    "    livenessProbe:\n      httpGet:\n        path: /healthz\n        port: 8080\n"
                                    "      periodSeconds: 5\n    volumeMounts:\n    - mountPath: /etc/web.toml\n"
                                    "      name: config\n      readOnly: true\n      subPath: web.toml\n"
                                    "status:\n  containerStatuses:\n  - name: web\n    restartCount: 1\n");
    const Container* c = find_container(a.incident, "web");
    REQUIRE(c != nullptr);
    REQUIRE(c->probes.size() == 1);
    CHECK(c->probes[0].kind == "liveness");
    CHECK(c->probes[0].spec == "http-get http://:8080/healthz delay=0s timeout=1s period=5s #success=1 #failure=3");
    REQUIRE(c->mounts.size() == 1);
    CHECK(c->mounts[0].path == "/etc/web.toml");
    CHECK(c->mounts[0].mode == "ro");
    CHECK(c->mounts[0].sub_path.value_or("") == "web.toml");
    CHECK(c->spec_complete);
}

TEST_CASE("events as objects: core/v1 List, events.k8s.io/v1, a watch stream") {
    struct EventCase {
        const char* name;
        const char* path;
        std::string text;
        size_t events;
        const char* last_reason;  // the newest event
        long long count;          // the newest event's count, -1 for none
    };
    const EventCase cases[] = {
        {"core/v1 List, unsorted", "events.json",
         "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"count\": 1,\n"
         "            \"involvedObject\": {\n                \"kind\": \"Pod\",\n                \"name\": \"agg-1\",\n"
         "                \"namespace\": \"analytics\"\n            },\n            \"kind\": \"Event\",\n"
         "            \"lastTimestamp\": \"2024-05-29T02:00:10Z\",\n"
         "            \"message\": \"The node was low on resource: memory. \",\n            \"reason\": \"Evicted\",\n"
         "            \"type\": \"Warning\"\n        },\n        {\n            \"count\": 3,\n"
         "            \"involvedObject\": {\n                \"kind\": \"Pod\",\n                \"name\": \"agg-1\",\n"
         "                \"namespace\": \"analytics\"\n            },\n            \"kind\": \"Event\",\n"
         "            \"lastTimestamp\": \"2024-05-29T01:59:00Z\",\n            \"message\": \"Started container aggregate\",\n"
         "            \"reason\": \"Started\",\n            \"type\": \"Normal\"\n        }\n    ],\n    \"kind\": \"List\"\n}\n",
         2, "Evicted", 1},
        {"events.k8s.io/v1 with regarding, a folded note and a series", "events.yaml",
         "apiVersion: v1\nitems:\n- apiVersion: events.k8s.io/v1\n  eventTime: \"2024-05-29T01:58:25.229000Z\"\n"
         "  kind: Event\n  note: 'Container aggregate was using 14782240Ki, request is 12Gi, has larger\n"
         "    consumption of memory. '\n  reason: Evicted\n  regarding:\n    kind: Pod\n    name: agg-1\n"
         "    namespace: analytics\n  series:\n    count: 4\n    lastObservedTime: \"2024-05-29T02:00:52Z\"\n"
         "  type: Warning\nkind: List\n",
         1, "Evicted", 4},
        {"a watch stream: MODIFIED replaces ADDED", "watch.json",
         "{\"type\":\"ADDED\",\"object\":{\"count\":1,\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"agg-1\","
         "\"namespace\":\"analytics\"},\"kind\":\"Event\",\"message\":\"Back-off restarting failed container\","
         "\"metadata\":{\"name\":\"agg-1.17d3\"},\"reason\":\"BackOff\",\"type\":\"Warning\"}}\n"
         "{\"type\":\"MODIFIED\",\"object\":{\"count\":2,\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"agg-1\","
         "\"namespace\":\"analytics\"},\"kind\":\"Event\",\"message\":\"Back-off restarting failed container\","
         "\"metadata\":{\"name\":\"agg-1.17d3\"},\"reason\":\"BackOff\",\"type\":\"Warning\"}}\n",
         1, "BackOff", 2},
    };
    for (const EventCase& c : cases) {
        INFO("case: " << std::string(c.name));
        const Analysis a = analyse_text(c.path, c.text);
        REQUIRE(a.incident.pods.size() == 1);
        const Pod& pod = a.incident.pods[0];
        CHECK(pod.name.value_or("") == "agg-1");
        CHECK(pod.namespace_.value_or("") == "analytics");
        REQUIRE(pod.events.size() == c.events);
        CHECK(pod.events.back().reason.value_or("") == std::string_view(c.last_reason));
        CHECK(pod.events.back().count.value_or(-1) == c.count);
    }
}

}  // TEST_SUITE
