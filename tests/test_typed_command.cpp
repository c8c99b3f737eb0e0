// What a typed kubectl command says: its canonical form for the kinds' command words, and whose log a
// `kubectl logs` asks for.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "regions/typed_command.hpp"

TEST_SUITE("typed_command") {

TEST_CASE("pm::canonical_command moves kubectl's global flags out of the verb's way") {
    struct Row {
        const char* typed;
        const char* canonical;
    };
    const std::vector<Row> rows = {
        {"kubectl logs -p api-0", "kubectl logs -p api-0"},
        {"kubectl -n shop logs -p api-0", "kubectl logs -p api-0"},
        {"kubectl --namespace=shop --context prod get events", "kubectl get events"},
        {"kubectl -nshop -A get events", "kubectl get events"},
        {"sudo kubectl --kubeconfig /etc/kubernetes/admin.conf describe pod etcd-0", "kubectl describe pod etcd-0"},
        {"k -n shop describe pod api-0", "kubectl describe pod api-0"},
        {"/usr/local/bin/kubectl logs api-0", "kubectl logs api-0"},
        {"oc -n shop logs api-0", "oc logs api-0"},
        {"dmesg -T | tail", "dmesg -T | tail"},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.typed));
        CHECK(pm::canonical_command(row.typed) == row.canonical);
    }
}

TEST_CASE("pm::read_logs_command reads whose log was asked for") {
    struct Row {
        const char* typed;
        bool logs;
        const char* pod;
        const char* container;
        const char* ns;
        bool previous;
    };
    const std::vector<Row> rows = {
        {"kubectl logs -p api-7d9f8b6c5d-x2kqp -c worker -n orders", true, "api-7d9f8b6c5d-x2kqp", "worker", "orders",
         true},
        {"kubectl -n orders logs --previous api-0 --container=worker", true, "api-0", "worker", "orders", true},
        {"kubectl logs pod/api-0 -nshop --tail 200", true, "api-0", "", "shop", false},
        {"kubectl logs api-0 worker", true, "api-0", "worker", "", false},
        {"kubectl logs deploy/api --all-containers", true, "", "", "", false},
        {"kubectl logs -l app=api --prefix", true, "", "", "", false},
        {"kubectl logs --since=1h -p api-0 | grep -i error", true, "api-0", "", "", true},
        {"kubectl logs -p api-0 > api-previous.log", true, "api-0", "", "", true},
        {"sudo k --context prod logs -f api-0", true, "api-0", "", "", false},
        {"kubectl describe pod api-0", false, "", "", "", false},
        {"kubectl get events -n shop", false, "", "", "", false},
        {"crictl logs 4f1c0e9a7b2d", false, "", "", "", false},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.typed));
        const auto got = pm::read_logs_command(row.typed);
        REQUIRE(got.has_value() == row.logs);
        if (!got) {
            continue;
        }
        CHECK(got->pod.value_or("") == row.pod);
        CHECK(got->container.value_or("") == row.container);
        CHECK(got->namespace_.value_or("") == row.ns);
        CHECK(got->previous == row.previous);
    }
}

}  // TEST_SUITE
