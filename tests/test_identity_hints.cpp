// Names and IDs found in free text: one row per path and message shape kubelet, the runtimes and
// klog print (formats.md §2, §4, §5).
#include <doctest/doctest.h>

#include <string>

#include "evidence/identity_hints.hpp"

using namespace pm;

namespace {

struct HintCase {
    const char* name;
    std::string text;
    const char* ns;
    const char* pod;
    const char* uid;
    const char* container;
};

std::string shown(const std::optional<std::string>& v) {
    return v ? *v : "(none)";
}

}  // namespace

TEST_SUITE("identity_hints") {

TEST_CASE("pm::find_identity_hints") {
    const HintCase cases[] = {
        {"kubelet subPath mount (runc error, one quoting level)",
         "error mounting \\\"/var/lib/kubelet/pods/d6f90d2b-a5c4-11ec-8b09-5254009e5e2e/volume-subpaths/conf/"
         "demo-container/2\\\" to rootfs at \\\"/app/conf/server.yaml\\\"",
         nullptr, nullptr, "d6f90d2b-a5c4-11ec-8b09-5254009e5e2e", "demo-container"},
        {"kubelet volume path", "open /var/lib/kubelet/pods/5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77/volumes/"
                                "kubernetes.io~secret/tls/tls.key: permission denied",
         nullptr, nullptr, "5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77", nullptr},
        {"kubelet termination-log path", "/var/lib/kubelet/pods/5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77/containers/api/"
                                         "7f3a9c1e: read-only file system",
         nullptr, nullptr, "5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77", "api"},
        {"container log directory", "/var/log/pods/shop_order-api-6d8f7b9c5-h2xqv_3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f/"
                                    "api/0.log",
         "shop", "order-api-6d8f7b9c5-h2xqv", "3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f", "api"},
        {"back-off with pod and UID (1.26+)",
         "Back-off restarting failed container worker in pod worker-7c9b5d6f48-r8x2p_content("
         "3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f)",
         "content", "worker-7c9b5d6f48-r8x2p", "3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f", "worker"},
        {"back-off, older wording", "Back-off restarting failed container api", nullptr, nullptr, nullptr, "api"},
        {"event field path", "spec.containers{nginx}", nullptr, nullptr, nullptr, "nginx"},
        {"init container field path", "spec.initContainers{init-db}", nullptr, nullptr, nullptr, "init-db"},
        {"1.35 message prefix", "spec.containers{api}: Started container api", nullptr, nullptr, nullptr, "api"},
        {"klog structured", "E0514 07:46:13.000000 1234 pod_workers.go:1298] \"Error syncing pod, skipping\" "
                            "err=\"failed to StartContainer\" pod=\"content/feed-aggregator-7c9b5d6f48-r8x2p\" "
                            "podUID=\"3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f\" containerName=\"aggregator\"",
         "content", "feed-aggregator-7c9b5d6f48-r8x2p", "3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f", "aggregator"},
        {"klog UID without quotes", "podUID=3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f", nullptr, nullptr,
         "3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f", nullptr},
        {"dockershim container name", "Error response from daemon: Cannot start container "
                                      "k8s_api_order-api-6d8f7b9c5-h2xqv_shop_3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f_3",
         "shop", "order-api-6d8f7b9c5-h2xqv", "3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f", "api"},
        {"kubelet start error", "Error: failed to start container \"migrate\": Error response from daemon", nullptr,
         nullptr, nullptr, "migrate"},
        {"systemd cgroup slice", "oom-kill:constraint=CONSTRAINT_MEMCG,oom_memcg=/kubepods.slice/kubepods-burstable.slice/"
                                 "kubepods-burstable-pod3b0eb8ea_61c2_4f57_9d0e_7a4b2c1d5e6f.slice",
         nullptr, nullptr, "3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f", nullptr},
        {"cgroupfs path", "Task in /kubepods/burstable/pod5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77/4f1c0e9a killed", nullptr,
         nullptr, "5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77", nullptr},
        {"nothing to find", "exec: \"/bin/migrate\": stat /bin/migrate: no such file or directory", nullptr, nullptr,
         nullptr, nullptr},
        {"a UID-like token that is not one", "/var/lib/kubelet/pods/not-a-uid/volumes", nullptr, nullptr, nullptr, nullptr},
    };
    for (const HintCase& c : cases) {
        INFO("case: " << std::string(c.name));
        const IdentityHints h = find_identity_hints(c.text);
        CHECK(shown(h.namespace_) == std::string(c.ns ? c.ns : "(none)"));
        CHECK(shown(h.pod) == std::string(c.pod ? c.pod : "(none)"));
        CHECK(shown(h.pod_uid) == std::string(c.uid ? c.uid : "(none)"));
        CHECK(shown(h.container) == std::string(c.container ? c.container : "(none)"));
    }
}

TEST_CASE("pm::canonical_pod_uid") {
    CHECK(canonical_pod_uid("3b0eb8ea_61c2_4f57_9d0e_7a4b2c1d5e6f") == std::string("3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f"));
    CHECK(canonical_pod_uid("3B0EB8EA-61C2-4F57-9D0E-7A4B2C1D5E6F") == std::string("3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6f"));
    CHECK_FALSE(canonical_pod_uid("3b0eb8ea-61c2-4f57-9d0e-7a4b2c1d5e6"));
    CHECK_FALSE(canonical_pod_uid("3b0eb8ea-61c2-4f57-9d0e+7a4b2c1d5e6f"));
}

}  // TEST_SUITE
