// `kubectl get events` / `kubectl events` listings in every layout, read into the pods they are about.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"
#include "readers/events/event_ages.hpp"

using namespace pm;

namespace {

Analysis analyse_text(const std::string& text) {
    Analysis analysis;
    auto source = std::make_unique<SourceText>();
    load_source_text(*source, "events.txt", text, analysis.incident.diagnostics);
    read_source(builtin_grammar(), std::move(source), analysis);
    finish_analysis(builtin_grammar(), analysis);
    return analysis;
}

struct ListingCase {
    const char* name;
    std::string text;
    const char* pod;        // the pod the rows are about
    const char* namespace_;  // nullptr: not known from the listing
    const char* node;       // nullptr: not known
    size_t events;          // of that pod, node rows included
    const char* first_reason;  // its oldest event
    const char* container;     // the container its Killing event names
    long long count;           // the Killing event's count, -1 for none
};

const Pod* find_pod(const Incident& incident, std::string_view name) {
    for (const Pod& p : incident.pods) {
        if (p.name && *p.name == name) {
            return &p;
        }
    }
    return nullptr;
}

}  // namespace

TEST_SUITE("events_listing") {

TEST_CASE("every layout of an event listing") {
    const ListingCase cases[] = {
        {"1.14+ OBJECT layout, storage order",
         "LAST SEEN   TYPE      REASON      OBJECT                 MESSAGE\n"
         "11m         Normal    Killing     pod/web-58d7c9f6b4-kz  Container web failed liveness probe, will be restarted\n"
         "14m         Warning   Unhealthy   pod/web-58d7c9f6b4-kz  Liveness probe failed: HTTP probe failed with statuscode: 503\n"
         "10m         Warning   BackOff     pod/web-58d7c9f6b4-kz  Back-off restarting failed container web in pod web-58d7c9f6b4-kz_shop(8199dcc8-8eaa-4856-91d6-ed96b82f4f55)\n"
         "52m         Normal    Starting    node/worker-2          Starting kubelet.\n",
         "web-58d7c9f6b4-kz", "shop", nullptr, 3, "Unhealthy", "web", -1},
        {"-A with NAMESPACE, -o wide with MESSAGE before FIRST SEEN, node rows by SOURCE",
         "NAMESPACE   LAST SEEN   TYPE      REASON       OBJECT              SUBOBJECT                SOURCE                 MESSAGE                                                 FIRST SEEN   COUNT   NAME\n"
         "data        2m          Normal    Started      pod/etl-runner-m4   spec.containers{runner}  kubelet, k8s-node-04   Started container runner                                25m          2       etl-runner-m4.17a1\n"
         "data        3m          Normal    Killing      pod/etl-runner-m4   spec.containers{runner}  kubelet, k8s-node-04   Container runner failed liveness probe, will be restarted  3m         4       etl-runner-m4.17a2\n"
         "default     2m          Warning   SystemOOM    node/k8s-node-04                             kubelet, k8s-node-04   System OOM encountered, victim process: python3, pid: 2387112   25m   2       k8s-node-04.17a3\n",
         "etl-runner-m4", "data", "k8s-node-04", 3, "Killing", "runner", 4},
        {"rows without their header",
         "13m         Warning   Unhealthy           pod/queue-worker-9w   Liveness probe failed: Traceback (most recent call last):...\n"
         "<invalid>   Normal    Killing             pod/queue-worker-9w   Container worker failed liveness probe, will be restarted\n"
         "<unknown>   Normal    Scaled              deployment/queue-worker   scaled queue-worker from 2 to 4 replicas\n",
         "queue-worker-9w", nullptr, nullptr, 2, "Unhealthy", "worker", -1},
        {"pre-1.12 LASTSEEN FIRSTSEEN COUNT NAME KIND, empty SUBOBJECT, NPD on the node",
         "LASTSEEN   FIRSTSEEN   COUNT     NAME            KIND      SUBOBJECT                   TYPE      REASON       SOURCE              MESSAGE\n"
         "13m        40m         6         pdf-x2          Pod       spec.containers{renderer}   Normal    Killing      kubelet, gke-7kq2   Container renderer failed liveness probe, will be restarted\n"
         "12m        40m         25        pdf-x2          Pod       spec.containers{renderer}   Warning   BackOff      kubelet, gke-7kq2   Back-off restarting failed container\n"
         "13m        13m         1         gke-7kq2        Node                                  Warning   OOMKilling   kernel-monitor, gke-7kq2   Memory cgroup out of memory: Kill process 4242 (java) score 1982 or sacrifice child\n"
         "Killed process 4242 (java) total-vm:3797004kB, anon-rss:523000kB, file-rss:20884kB\n",
         "pdf-x2", nullptr, "gke-7kq2", 3, "Killing", "renderer", 6},
        {"kubectl events: Kind/name in original case, x N over M intervals",
         "LAST SEEN           TYPE      REASON      OBJECT                 MESSAGE\n"
         "16m                 Normal    Scheduled   Pod/catalog-api-r7     Successfully assigned catalog/catalog-api-r7 to node-9\n"
         "4m3s (x7 over 16m)  Normal    Killing     Pod/catalog-api-r7     Container catalog-api failed startup probe, will be restarted\n",
         "catalog-api-r7", "catalog", "node-9", 2, "Scheduled", "catalog-api", 7},
        {"a k9s copy: box frame, sort arrow, clipped last cell",
         "\xE2\x94\x8C\xE2\x94\x80\xE2\x94\x80 Events(checkout)[2] \xE2\x94\x80\xE2\x94\x80\xE2\x94\x90\n"
         "\xE2\x94\x82 LAST SEEN\xE2\x86\x93  TYPE     REASON   OBJECT               MESSAGE                       \xE2\x94\x82\n"
         "\xE2\x94\x82 2s          Warning  Failed   pod/checkout-5q      Error: couldn't find key DATABASE_URL in Se\xE2\x80\xA6 \xE2\x94\x82\n"
         "\xE2\x94\x82 3s          Normal   Killing  pod/checkout-5q      Container app failed liveness probe     \xE2\x80\xA6 \xE2\x94\x82\n"
         "\xE2\x94\x82                                                                                          \xE2\x94\x82\n"
         "\xE2\x94\x94\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x98\n",
         "checkout-5q", nullptr, nullptr, 2, "Killing", "app", -1},
    };
    for (const ListingCase& c : cases) {
        INFO("case: " << std::string(c.name));
        const Analysis a = analyse_text(c.text);
        const Pod* pod = find_pod(a.incident, c.pod);
        REQUIRE(pod != nullptr);
        CHECK(pod->namespace_.value_or("(none)") == std::string_view(c.namespace_ ? c.namespace_ : "(none)"));
        CHECK(pod->node.value_or("(none)") == std::string_view(c.node ? c.node : "(none)"));
        REQUIRE(pod->events.size() == c.events);
        CHECK(pod->events.front().reason.value_or("") == std::string_view(c.first_reason));
        bool killing = false;
        for (const Event& e : pod->events) {
            if (e.reason && *e.reason == "Killing") {
                killing = true;
                CHECK(e.container.value_or("(none)") == std::string_view(c.container));
                CHECK(e.count.value_or(-1) == c.count);
            }
        }
        CHECK(killing);
    }
}

TEST_CASE("event ages read back into seconds") {
    const std::pair<const char*, long long> cases[] = {
        {"61s", 61}, {"4m3s", 243}, {"2d3h", 183600}, {"<invalid>", 0}, {"<unknown>", -1}, {"", -1}, {"5x", -1}, {"12", -1},
    };
    for (const auto& c : cases) {
        INFO("age: " << c.first);
        CHECK(event_age_seconds(c.first).value_or(-1) == c.second);
    }
}

}  // TEST_SUITE
