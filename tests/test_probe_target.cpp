// Where a probe knocks, read from describe's probe lines and from kubelet's probe failure messages.
#include <doctest/doctest.h>

#include <optional>
#include <string_view>

#include "diagnose/probe_target.hpp"

namespace {

struct TargetCase {
    const char* name;
    std::string_view text;
    std::optional<int> port;
    std::optional<std::string_view> path;
};

void check_target(const pm::ProbeTarget& got, const TargetCase& c) {
    CAPTURE(c.name);
    CHECK(got.port == c.port);
    CHECK(got.path == c.path);
}

}  // namespace

TEST_SUITE("probe_target") {

TEST_CASE("pm::probe_spec_target reads describe's probe lines") {
    const TargetCase cases[] = {
        {"http-get", "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3", 8080,
         "/healthz"},
        {"https with a host", "http-get https://10.0.0.5:8443/ready?full=1 delay=5s timeout=3s period=10s", 8443,
         "/ready"},
        {"a named port is not a number", "http-get http://:http/healthz delay=0s timeout=1s period=10s", std::nullopt,
         "/healthz"},
        {"no port: the scheme's", "http-get http://example.internal/live delay=0s", 80, "/live"},
        {"tcp-socket", "tcp-socket :5432 delay=15s timeout=1s period=20s #success=1 #failure=3", 5432, std::nullopt},
        {"exec", "exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3", std::nullopt,
         std::nullopt},
        {"grpc", "grpc <pod>:9090  delay=0s timeout=1s period=10s #success=1 #failure=3", std::nullopt, std::nullopt},
    };
    for (const TargetCase& c : cases) {
        check_target(pm::probe_spec_target(c.text), c);
    }
}

TEST_CASE("pm::probe_message_target reads kubelet's probe failures") {
    const TargetCase cases[] = {
        {"timeout", "Liveness probe failed: Get \"http://10.244.1.9:9000/healthz\": context deadline exceeded", 9000,
         "/healthz"},
        {"refused (the URL wins over the dial address)",
         "Liveness probe failed: Get \"http://10.244.1.9:8080/ready\": dial tcp 10.244.1.9:8080: connect: connection "
         "refused",
         8080, "/ready"},
        {"https", "Startup probe failed: Get \"https://10.1.2.3:8443/started\": remote error: tls: bad certificate", 8443,
         "/started"},
        {"tcp", "Liveness probe failed: dial tcp 10.244.1.9:5432: connect: connection refused", 5432, std::nullopt},
        {"IPv6 host without a port", "Liveness probe failed: Get \"http://[fd00::1]/healthz\": EOF", std::nullopt,
         "/healthz"},
        {"a status code quotes nothing", "Liveness probe failed: HTTP probe failed with statuscode: 503", std::nullopt,
         std::nullopt},
        {"exec output", "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
         std::nullopt, std::nullopt},
    };
    for (const TargetCase& c : cases) {
        check_target(pm::probe_message_target(c.text), c);
    }
}

TEST_CASE("pm::targets_agree differs only on a port or path both name") {
    const pm::ProbeTarget healthz_9000{9000, "/healthz"};
    CHECK(pm::targets_agree(healthz_9000, {9000, "/healthz"}));
    CHECK_FALSE(pm::targets_agree(healthz_9000, {8080, "/healthz"}));
    CHECK_FALSE(pm::targets_agree(healthz_9000, {9000, "/ready"}));
    CHECK(pm::targets_agree(healthz_9000, {}));
    CHECK(pm::targets_agree({std::nullopt, "/healthz"}, {8080, "/healthz"}));
}

}  // TEST_SUITE
