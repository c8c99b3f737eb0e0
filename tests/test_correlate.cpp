// Correlation on Incident values built by hand: merging captures, linking runtime errors, tying
// events to containers. No reader is involved.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "correlate/container_id_index.hpp"
#include "correlate/correlate.hpp"
#include "correlate/event_targets.hpp"
#include "correlate/kernel_events.hpp"
#include "correlate/merge_pods.hpp"
#include "correlate/runtime_errors.hpp"
#include "grammar/grammar_loader.hpp"

using namespace pm;

namespace {

TimePoint at(const char* text) {
    return *parse_kube_time(text)->time;
}

Termination termination(const char* reason, long long code, const char* started, const char* finished, Cite where) {
    Termination t;
    t.reason = reason;
    t.exit_code = code;
    t.started = at(started);
    t.finished = at(finished);
    t.at = where;
    return t;
}

// One capture of pod shop/api with container `app`: its Last State and its restart count.
Pod capture(InputId input, const Termination& last, long long restarts) {
    Pod pod;
    pod.namespace_ = "shop";
    pod.name = "api-0";
    pod.at = {input, 1};
    Container c;
    c.name = "app";
    c.restart_count = restarts;
    c.state.status = StateStatus::running;
    c.terminations.push_back(last);
    c.last_termination = 0;
    pod.containers.push_back(c);
    return pod;
}

// A pod on `node` whose one container `app` a SIGKILL ended at `finished` (RFC 3339).
Pod killed_pod(const char* name, const char* node, const char* container_id, const char* finished) {
    Pod pod;
    pod.namespace_ = "prod";
    pod.name = name;
    if (node != nullptr) {
        pod.node = node;
    }
    Container c;
    c.name = "app";
    if (container_id != nullptr) {
        c.container_id = container_id;
    }
    Termination t;
    t.reason = "Error";
    t.exit_code = 137;
    t.finished = at(finished);
    c.terminations.push_back(t);
    c.last_termination = 0;
    pod.containers.push_back(c);
    return pod;
}

// A global OOM kill with no cgroup, at `time` (RFC 3339, with or without offset) or a yearless stamp.
KernelEvent global_kill(const char* time, const char* yearless, const char* host) {
    KernelEvent e;
    e.kind = "oom-kill";
    e.process = "python3";
    e.pid = 48213;
    e.oom_scope = "global";
    e.at = {0, 1};
    if (time != nullptr) {
        e.time = at(time);
        e.time_basis = e.time->basis;
    }
    if (yearless != nullptr) {
        e.yearless_time = yearless;
    }
    if (host != nullptr) {
        e.host = host;
    }
    return e;
}

InputId add_input(Incident& incident, const char* path) {
    InputRecord record;
    record.path = path;
    return incident.add_input(record);
}

}  // namespace

TEST_SUITE("correlate") {

TEST_CASE("merge_pods: two captures of one pod become one record, terminations oldest first across offsets") {
    Incident incident;
    const InputId a = add_input(incident, "describe-1.txt");
    const InputId b = add_input(incident, "notes.md");
    // The later capture was saved on a machine at +0800; as text its time sorts before the first one's.
    incident.pods.push_back(capture(b, termination("OOMKilled", 137, "Tue, 27 Aug 2019 17:02:13 +0800",
                                                   "Tue, 27 Aug 2019 17:09:40 +0800", {b, 20}),
                                    5));
    incident.pods.push_back(capture(a, termination("OOMKilled", 137, "Tue, 27 Aug 2019 10:51:02 +0200",
                                                   "Tue, 27 Aug 2019 10:58:27 +0200", {a, 23}),
                                    4));
    // A third capture repeats the first termination: it is not counted twice.
    incident.pods.push_back(capture(a, termination("OOMKilled", 137, "Tue, 27 Aug 2019 10:51:02 +0200",
                                                   "Tue, 27 Aug 2019 10:58:27 +0200", {a, 80}),
                                    4));
    merge_pods(incident);
    REQUIRE(incident.pods.size() == 1);
    const Container& c = incident.pods[0].containers.at(0);
    REQUIRE(c.terminations.size() == 2);
    CHECK(incident.where(c.terminations[0].at) == "describe-1.txt:23");  // 08:58 UTC
    CHECK(incident.where(c.terminations[1].at) == "notes.md:20");        // 09:09 UTC
    CHECK(c.restart_count == 5);
    // The Last State is the later capture's, and its index followed the sort.
    REQUIRE(c.last() != nullptr);
    CHECK(incident.where(c.last()->at) == "notes.md:20");
}

TEST_CASE("merge_pods keeps apart pods of two namespaces and init/app containers of one name") {
    Incident incident;
    const InputId a = add_input(incident, "a.txt");
    Pod one = capture(a, termination("Error", 1, "2019-08-27T10:00:00Z", "2019-08-27T10:01:00Z", {a, 5}), 1);
    Pod other = one;
    other.namespace_ = "staging";
    Pod same = one;
    same.containers[0].type = ContainerType::init;
    incident.pods = {one, other, same};
    merge_pods(incident);
    REQUIRE(incident.pods.size() == 2);
    CHECK(incident.pods[0].containers.size() == 2);  // app and init `app`
    CHECK(incident.pods[1].namespace_ == "staging");
}

TEST_CASE("attach_runtime_errors links each message once, and counts identical chains beyond the cap") {
    const Grammar& g = builtin_grammar();
    Incident incident;
    const InputId a = add_input(incident, "describe.txt");
    Pod pod;
    pod.name = "worker-0";
    Container c;
    c.name = "worker";
    Termination t;
    t.reason = "StartError";
    t.exit_code = 128;
    t.message = "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create "
                "failed: unable to start container process: exec: \"/bin/migrate\": stat /bin/migrate: no such file "
                "or directory: unknown";
    t.at = {a, 20};
    t.message_at = {a, 22};
    c.terminations.push_back(t);
    pod.containers.push_back(c);
    for (std::uint32_t i = 0; i < 15; ++i) {
        Event e;
        e.reason = "Failed";
        e.message = incident.keep("Error: " + std::string(*t.message));
        e.at = {a, 100 + i};
        pod.events.push_back(e);
    }
    Event plain;
    plain.reason = "Pulled";
    plain.message = "Container image \"busybox:1.36\" already present on machine";
    plain.at = {a, 200};
    pod.events.push_back(plain);
    incident.pods.push_back(pod);
    attach_runtime_errors(g, incident);
    const Pod& p = incident.pods[0];
    const std::uint32_t own = p.containers[0].terminations[0].runtime_error;
    REQUIRE(own != k_none_index);
    const RuntimeError& error = incident.runtime_errors[own];
    CHECK(incident.where(error.at) == "describe.txt:22");  // listed under its Message: line
    CHECK(error.cause == "exec-not-found");
    CHECK(error.innermost == "exec: \"/bin/migrate\": stat /bin/migrate: no such file or directory");
    // 16 copies of one chain: 10 listed, 6 only counted; every event still points at one of them.
    CHECK(incident.runtime_errors.size() == k_max_identical_runtime_errors);
    CHECK(incident.runtime_errors_counted() == 6);
    CHECK(incident.runtime_errors[0].occurrences == 16);
    for (std::size_t i = 0; i < 15; ++i) {
        CHECK(p.events[i].runtime_error != k_none_index);
    }
    CHECK(p.events[15].runtime_error == k_none_index);
}

TEST_CASE("attribute_events ties events to the containers they name; a pod known only from events gets them") {
    Incident incident;
    const InputId a = add_input(incident, "events.txt");
    Pod pod;
    pod.name = "web-1";
    const char* messages[] = {"Container web failed liveness probe, will be restarted",
                              "Back-off restarting failed container sidecar in pod web-1_prod(5b2c4f0e)",
                              "Liveness probe failed: HTTP probe failed with statuscode: 503"};
    for (std::uint32_t i = 0; i < 3; ++i) {
        Event e;
        e.message = messages[i];
        e.at = {a, i + 1};
        pod.events.push_back(e);
    }
    Event object_path;
    object_path.object = "spec.containers{web}";
    object_path.message = "Started container";
    object_path.at = {a, 4};
    pod.events.push_back(object_path);
    incident.pods.push_back(pod);
    attribute_events(incident);
    const Pod& p = incident.pods[0];
    CHECK(p.events[0].container == "web");
    CHECK(p.events[1].container == "sidecar");
    CHECK_FALSE(p.events[2].container.has_value());
    CHECK(p.events[3].container == "web");
    REQUIRE(p.containers.size() == 2);
    CHECK(p.containers[0].name == "web");
    CHECK(p.containers[1].name == "sidecar");
}

TEST_CASE("ContainerIdIndex finds what a scan of every container in order would") {
    const std::vector<std::string> ids = {
        "containerd://000000000000000000000000000000000000000000000000000000000000000a",
        "containerd://000000000000000000000000000000000000000000000000000000000000000b",
        "containerd://0000000000001",  // shorter: a prefix of no one above
        "docker://4f1c0e9a7b2d",       // a 12-character ID, as old describes print
        "containerd://4f1c0e9a7b2d99999",
        "cri-o://short",
    };
    // The reference: the first container whose ID shares the shorter one's characters, 12 at least.
    const auto scan = [&](std::string_view q) -> std::optional<std::uint32_t> {
        q = bare_container_id(q);
        for (std::uint32_t i = 0; i < ids.size(); ++i) {
            const std::string_view id = bare_container_id(ids[i]);
            const std::size_t n = std::min(id.size(), q.size());
            if (n >= 12 && id.substr(0, n) == q.substr(0, n)) {
                return i;
            }
        }
        return std::nullopt;
    };
    ContainerIdIndex index;
    for (std::uint32_t i = 0; i < ids.size(); ++i) {
        index.add(ids[i], {i, 0});
    }
    const char* queries[] = {
        "000000000000000000000000000000000000000000000000000000000000000b",  // one of many sharing 12 characters
        "000000000000",                                                      // a short ID: the first it starts
        "0000000000001ffff",                                                 // a shorter indexed ID is its prefix
        "4f1c0e9a7b2d99999aaaa",                                             // two shorter prefixes: the first added
        "4f1c0e9a7b2e",                                                      // none
        "short",                                                             // under 12 characters: never
        "docker://000000000000000000000000000000000000000000000000000000000000000a",
    };
    for (const std::string q : queries) {
        CAPTURE(q);
        const auto found = index.find(q);
        const auto expected = scan(q);
        REQUIRE(found.has_value() == expected.has_value());
        if (found) {
            CHECK(found->first == *expected);
        }
    }
}

// Kills tied by time alone, in every reading of the kernel's clock: the index of ends must find what
// comparing with every end found.
struct ByTimeCase {
    const char* name;
    const char* finished;  // the container's end
    const char* time;      // the kernel's time (RFC 3339), or nullptr
    const char* yearless;  // or a journal stamp without a year
    const char* matched;   // a piece of matched_by, or nullptr: not tied
};

TEST_CASE("attach_kernel_events ties a kill by time in each reading of the kernel's clock") {
    const ByTimeCase cases[] = {
        {"an instant, 3 s before", "2024-06-03T09:10:00+00:00", "2024-06-03T11:09:57+02:00", nullptr,
         "the termination's Finished"},
        {"an instant, 6 s before", "2024-06-03T09:10:00+00:00", "2024-06-03T09:09:54+00:00", nullptr, nullptr},
        {"no offset, read as UTC", "2024-06-03T14:40:00+05:30", "2024-06-03T09:10:04", nullptr, "read as UTC"},
        {"no offset, in the describe's offset", "2024-06-03T14:40:00+05:30", "2024-06-03T14:39:58", nullptr,
         "the describe's offset"},
        {"yearless, read as UTC", "2024-06-03T09:10:00+00:00", nullptr, "Jun 03 09:09:59", "read as UTC"},
        {"yearless, Feb 29 of a leap year", "2024-02-29T23:59:59+00:00", nullptr, "Feb 29 23:59:57", "the year from"},
        {"yearless, after Feb in a leap year", "2024-03-01T00:00:02+00:00", nullptr, "Mar 01 00:00:00", "the year from"},
        {"yearless, Mar 1 of a common year", "2023-03-01T00:00:02+00:00", nullptr, "Mar  1 00:00:00", "the year from"},
        {"yearless, Feb 28 against a leap year's Mar 1", "2024-03-01T00:00:02+00:00", nullptr, "Feb 28 23:59:59",
         nullptr},
        {"yearless, in the describe's offset", "2024-06-03T09:10:00-07:00", nullptr, "Jun 03 09:09:58",
         "the describe's offset"},
        {"yearless, the year before the end's", "2025-01-01T00:00:01+00:00", nullptr, "Dec 31 23:59:59", nullptr},
    };
    for (const ByTimeCase& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        Incident incident;
        add_input(incident, "journal.txt");
        incident.pods.push_back(killed_pod("web-a", nullptr, nullptr, c.finished));
        incident.pods.push_back(killed_pod("web-b", nullptr, nullptr, "2020-01-01T00:00:00+00:00"));
        incident.kernel_events.push_back(global_kill(c.time, c.yearless, nullptr));
        attach_kernel_events(incident);
        const KernelEvent& e = incident.kernel_events[0];
        if (c.matched == nullptr) {
            CHECK(e.pod_index == k_none_index);
        } else {
            CHECK(e.pod_index == 0);
            CHECK(std::string(e.matched_by).find(c.matched) != std::string::npos);
        }
    }
}

TEST_CASE("attach_kernel_events: two containers ending at the kill's moment leave it untied") {
    Incident incident;
    add_input(incident, "journal.txt");
    incident.pods.push_back(killed_pod("web-a", nullptr, nullptr, "2024-06-03T09:10:00+00:00"));
    incident.pods.push_back(killed_pod("web-b", nullptr, nullptr, "2024-06-03T09:10:03+00:00"));
    incident.kernel_events.push_back(global_kill("2024-06-03T09:09:59+00:00", nullptr, nullptr));
    attach_kernel_events(incident);
    CHECK(incident.kernel_events[0].pod_index == k_none_index);
}

// A kill on the host a journal names is tied by time only to a pod of that node (or of an unknown one).
struct NodeCase {
    const char* name;
    const char* node;     // the pod's node, or nullptr: not printed
    const char* host;     // the journal's host, or nullptr: not printed
    const char* time;     // the kill's time, or nullptr: none (a header-less kill, the only killed container)
    bool tied;
};

TEST_CASE("attach_kernel_events ties a kill by time or as the only candidate only on the pod's node") {
    const NodeCase cases[] = {
        {"another node's journal", "worker-1", "worker-7", "2024-06-03T09:09:59+00:00", false},
        {"another node's journal, short form", "worker-1", "worker-7", nullptr, false},
        {"the pod's node", "worker-1", "worker-1", "2024-06-03T09:09:59+00:00", true},
        {"a short hostname of an FQDN node", "ip-10-0-0-11.ec2.internal", "ip-10-0-0-11",
         "2024-06-03T09:09:59+00:00", true},
        {"an FQDN host of a short node name", "worker-1", "worker-1.example.com", "2024-06-03T09:09:59+00:00", true},
        {"a node name in capitals", "Worker-1", "worker-1", "2024-06-03T09:09:59+00:00", true},
        {"a name that only starts the other", "worker-1", "worker-10", "2024-06-03T09:09:59+00:00", false},
        {"one label, two domains", "worker-1.a.example", "worker-1.b.example", "2024-06-03T09:09:59+00:00", false},
        {"no host printed", "worker-1", nullptr, "2024-06-03T09:09:59+00:00", true},
        {"journald's localhost", "worker-1", "localhost", "2024-06-03T09:09:59+00:00", true},
        {"no node printed", nullptr, "worker-7", "2024-06-03T09:09:59+00:00", true},
        {"the only killed container, its node's journal", "worker-1", "worker-1", nullptr, true},
    };
    for (const NodeCase& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        Incident incident;
        add_input(incident, "journal.txt");
        incident.pods.push_back(killed_pod("web-a", c.node, nullptr, "2024-06-03T09:10:00+00:00"));
        incident.kernel_events.push_back(global_kill(c.time, nullptr, c.host));
        attach_kernel_events(incident);
        const KernelEvent& e = incident.kernel_events[0];
        CHECK((e.pod_index == 0) == c.tied);
        // An untied kill says which container of which node its time pointed at.
        CHECK(e.not_matched_because.has_value() == !c.tied);
        if (!c.tied) {
            CHECK(std::string(e.not_matched_because.value_or("")).find("is not node " + std::string(c.node)) !=
                  std::string::npos);
        }
    }
}

TEST_CASE("attach_kernel_events: of two pods ending at once, the one on the journal's node") {
    Incident incident;
    add_input(incident, "journal.txt");
    incident.pods.push_back(killed_pod("web-a", "worker-7", nullptr, "2024-06-03T09:10:00+00:00"));
    incident.pods.push_back(killed_pod("web-b", "worker-1", nullptr, "2024-06-03T09:10:01+00:00"));
    incident.kernel_events.push_back(global_kill("2024-06-03T09:09:59+00:00", nullptr, "worker-1"));
    attach_kernel_events(incident);
    CHECK(incident.kernel_events[0].pod_index == 1);
}

TEST_CASE("collapse of kernel duplicates keeps two hosts' kills apart") {
    Incident incident;
    add_input(incident, "journal.txt");
    incident.kernel_events.push_back(global_kill("2024-06-03T09:09:59+00:00", nullptr, "worker-7"));
    incident.kernel_events.push_back(global_kill("2024-06-03T09:09:59+00:00", nullptr, "worker-1"));
    incident.kernel_events[1].at = {0, 3};
    attach_kernel_events(incident);
    CHECK(incident.kernel_events.size() == 2);
}

}  // TEST_SUITE
