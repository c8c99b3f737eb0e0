// Pods as `kubectl get pod -o yaml|json` prints them, whole or in fragments, read into describe's records.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

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

// kubectl prints keys sorted, so `name` comes after `containerID`, `image`, `imageID` and `lastState`,
// and each element ends in the block (`state`, `resources`) the next element's `{` must not land in.
TEST_CASE("every element of a JSON list, its keys in kubectl's sorted order") {
    struct Expected {
        const char* name;
        const char* type;
        const char* state;
        long long restarts;   // -1: not known
        long long exit_code;  // of the latest termination, -1 for none
        const char* memory_limit;
    };
    struct ListCase {
        const char* name;
        std::string text;
        std::vector<Expected> containers;  // in the order the pod lists them (init first)
    };
    const ListCase cases[] = {
        {"containerStatuses: a running sidecar, then the app in CrashLoopBackOff",
         R"json({
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "multi-7d9f-abcde",
        "namespace": "prod"
    },
    "status": {
        "containerStatuses": [
            {
                "containerID": "containerd://5c1d",
                "image": "docker.io/envoyproxy/envoy:v1.30.1",
                "imageID": "docker.io/envoyproxy/envoy@sha256:7f3a",
                "lastState": {},
                "name": "proxy",
                "ready": true,
                "restartCount": 0,
                "started": true,
                "state": {
                    "running": {
                        "startedAt": "2024-06-07T10:58:31Z"
                    }
                }
            },
            {
                "containerID": "containerd://9e02",
                "image": "docker.io/library/app:2",
                "imageID": "docker.io/library/app@sha256:b81c",
                "lastState": {
                    "terminated": {
                        "containerID": "containerd://41aa",
                        "exitCode": 1,
                        "finishedAt": "2024-06-07T10:40:00Z",
                        "reason": "Error",
                        "startedAt": "2024-06-07T10:39:00Z"
                    }
                },
                "name": "app",
                "ready": false,
                "restartCount": 5,
                "started": false,
                "state": {
                    "waiting": {
                        "message": "back-off 5m0s restarting failed container=app pod=multi-7d9f-abcde_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)",
                        "reason": "CrashLoopBackOff"
                    }
                }
            }
        ],
        "phase": "Running"
    }
}
)json",
         {{"proxy", "app", "running", 0, -1, "(none)"}, {"app", "app", "waiting", 5, 1, "(none)"}}},
        {"initContainerStatuses: one Completed, the next crash-looping; the app waits",
         R"json({
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "api-6b8c-x2k4p",
        "namespace": "prod"
    },
    "status": {
        "containerStatuses": [
            {
                "image": "registry.example.com/api:4.2",
                "imageID": "",
                "lastState": {},
                "name": "api",
                "ready": false,
                "restartCount": 0,
                "started": false,
                "state": {
                    "waiting": {
                        "reason": "PodInitializing"
                    }
                }
            }
        ],
        "initContainerStatuses": [
            {
                "containerID": "containerd://0b7e",
                "image": "docker.io/library/busybox:1.36",
                "imageID": "docker.io/library/busybox@sha256:9ae9",
                "lastState": {},
                "name": "wait-db",
                "ready": true,
                "restartCount": 0,
                "started": false,
                "state": {
                    "terminated": {
                        "containerID": "containerd://0b7e",
                        "exitCode": 0,
                        "finishedAt": "2024-06-07T10:31:12Z",
                        "reason": "Completed",
                        "startedAt": "2024-06-07T10:31:02Z"
                    }
                }
            },
            {
                "containerID": "containerd://c3f9",
                "image": "registry.example.com/api-migrate:4.2",
                "imageID": "registry.example.com/api-migrate@sha256:e5d0",
                "lastState": {
                    "terminated": {
                        "containerID": "containerd://c3f9",
                        "exitCode": 3,
                        "finishedAt": "2024-06-07T10:36:40Z",
                        "reason": "Error",
                        "startedAt": "2024-06-07T10:36:38Z"
                    }
                },
                "name": "migrate",
                "ready": false,
                "restartCount": 4,
                "started": false,
                "state": {
                    "waiting": {
                        "message": "back-off 1m20s restarting failed container=migrate pod=api-6b8c-x2k4p_prod(8d1f0c2a-5e4b-4b7a-9c3d-2a6f1e0b7d45)",
                        "reason": "CrashLoopBackOff"
                    }
                }
            }
        ],
        "phase": "Pending"
    }
}
)json",
         {{"wait-db", "init", "terminated", 0, 0, "(none)"},
          {"migrate", "init", "waiting", 4, 3, "(none)"},
          {"api", "app", "waiting", 0, -1, "(none)"}}},
        {"ephemeralContainerStatuses: two debug containers, both ended",
         R"json({
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "web-5f7d-q8r2n",
        "namespace": "shop"
    },
    "status": {
        "ephemeralContainerStatuses": [
            {
                "containerID": "containerd://a4e1",
                "image": "docker.io/library/busybox:1.36",
                "imageID": "docker.io/library/busybox@sha256:9ae9",
                "lastState": {},
                "name": "debugger-x7k2p",
                "ready": false,
                "restartCount": 0,
                "state": {
                    "terminated": {
                        "containerID": "containerd://a4e1",
                        "exitCode": 0,
                        "finishedAt": "2024-06-07T11:02:09Z",
                        "reason": "Completed",
                        "startedAt": "2024-06-07T11:01:40Z"
                    }
                }
            },
            {
                "containerID": "containerd://d20b",
                "image": "docker.io/nicolaka/netshoot:v0.13",
                "imageID": "docker.io/nicolaka/netshoot@sha256:a20c",
                "lastState": {},
                "name": "debugger-q9m4t",
                "ready": false,
                "restartCount": 0,
                "state": {
                    "terminated": {
                        "containerID": "containerd://d20b",
                        "exitCode": 127,
                        "finishedAt": "2024-06-07T11:05:51Z",
                        "reason": "Error",
                        "startedAt": "2024-06-07T11:05:51Z"
                    }
                }
            }
        ],
        "phase": "Running"
    }
}
)json",
         {{"debugger-x7k2p", "ephemeral", "terminated", 0, 0, "(none)"},
          {"debugger-q9m4t", "ephemeral", "terminated", 0, 127, "(none)"}}},
        {"spec containers as `kubectl create --dry-run=client -o json` prints them: each ends in its limits",
         R"json({
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "creationTimestamp": null,
        "name": "web",
        "namespace": "shop"
    },
    "spec": {
        "containers": [
            {
                "image": "nginx:1.27",
                "name": "web",
                "resources": {
                    "limits": {
                        "memory": "128Mi"
                    }
                }
            },
            {
                "image": "envoyproxy/envoy:v1.30.1",
                "name": "proxy",
                "resources": {
                    "limits": {
                        "memory": "64Mi"
                    }
                }
            }
        ]
    },
    "status": {}
}
)json",
         {{"web", "app", "unknown", -1, -1, "128Mi"}, {"proxy", "app", "unknown", -1, -1, "64Mi"}}},
    };
    for (const ListCase& c : cases) {
        INFO("case: " << std::string(c.name));
        const Analysis a = analyse_text("pod.json", c.text);
        REQUIRE(a.incident.pods.size() == 1);
        const Pod& pod = a.incident.pods[0];
        CHECK(pod.containers.size() == c.containers.size());
        for (size_t i = 0; i < std::min(c.containers.size(), pod.containers.size()); ++i) {
            const Expected& e = c.containers[i];
            const Container& got = pod.containers[i];
            INFO("container: " << std::string(e.name));
            CHECK(got.name.value_or("(none)") == std::string_view(e.name));
            CHECK(container_type_name(got.type) == std::string_view(e.type));
            CHECK(state_status_name(got.state.status) == std::string_view(e.state));
            CHECK(got.restart_count.value_or(-1) == e.restarts);
            CHECK((got.latest() != nullptr ? got.latest()->exit_code.value_or(-1) : -1) == e.exit_code);
            CHECK(got.limit("memory").value_or("(none)") == std::string_view(e.memory_limit));
        }
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
