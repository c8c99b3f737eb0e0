// Correlation on Incident values built by hand: merging captures, linking runtime errors, tying
// events to containers. No reader is involved.
#include <doctest/doctest.h>

#include <string>

#include "correlate/correlate.hpp"
#include "correlate/event_targets.hpp"
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

}  // TEST_SUITE
