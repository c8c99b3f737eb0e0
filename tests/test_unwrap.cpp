// Tests for the OCI runtime error unwrapper (src/oci/unwrap.hpp) on every runtime generation.
#include "oci/unwrap.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <random>
#include <string>
#include <vector>

namespace doctest {

// Prints layer lists in failure messages, one quoted layer each.
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& layers)
    {
        std::string text = "{";
        for (const std::string& layer : layers) {
            text += (text.size() > 1 ? ", " : "") + pm::go_quote(layer);
        }
        return (text + "}").c_str();
    }
};

}  // namespace doctest

namespace {

using Layers = std::vector<std::string>;

// --- Transport wrappings that add one escaping level each (formats.md §4.4, §4.5 step 1). ---

// `kubectl get pod -o json`: `"message": "…",`
std::string wrap_json_field(const std::string& text)
{
    return "\"message\": " + pm::go_quote(text) + ",";
}

// kubelet klog structured line.
std::string wrap_klog(const std::string& text)
{
    return "E0312 14:32:51.123456    2291 pod_workers.go:1298] \"Error syncing pod, skipping\" err="
        + pm::go_quote(text) + " pod=\"shop/api-7d9f8c6b5-x2k4q\" podUID=\"3f1c2b7a-8d4e-4c1a-9b2f-0e6d5a4c3b21\"";
}

// containerd logrus line.
std::string wrap_logrus(const std::string& text)
{
    return "time=\"2024-03-12T14:32:51.123456789Z\" level=error msg=\"StartContainer for \\\"9c1e4f\\\" failed\" error="
        + pm::go_quote(text);
}

// A log shipper's JSON record of a log line.
std::string wrap_log_object(const std::string& text)
{
    return "{\"log\":" + pm::go_quote(text + "\n") + ",\"stream\":\"stderr\",\"time\":\"2024-03-12T14:32:51.1Z\"}";
}

std::string wrap_levels(std::string text, int levels)
{
    const std::vector<std::function<std::string(const std::string&)>> wrappers{
        wrap_json_field, wrap_klog, wrap_logrus, wrap_log_object};
    for (int i = 0; i < levels; ++i) {
        text = wrappers[static_cast<std::size_t>(i) % wrappers.size()](text);
    }
    return text;
}

// --- Real messages (formats.md §4.2–4.6, the seed guide), outermost layer first. ---

const char* const k_seed_message =
    R"m(failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \"rootfs_linux.go:58: mounting \\\"/data/kubelet/pods/d6f90d2b-a5c4-11ec-8b09-5254009e5e2e/volume-subpaths/conf/demo-container/2\\\" to rootfs \\\"/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs\\\" at \\\"/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs/app/conf/server.yaml\\\" caused \\\"no such file or directory\\\"\"": unknown)m";

const Layers k_seed_layers{
    "failed to create containerd task",
    "OCI runtime create failed",
    "container_linux.go:349: starting container process",
    "process_linux.go:449: container init",
    R"m(rootfs_linux.go:58: mounting "/data/kubelet/pods/d6f90d2b-a5c4-11ec-8b09-5254009e5e2e/volume-subpaths/conf/demo-container/2" to rootfs "/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs" at "/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs/app/conf/server.yaml")m",
    "no such file or directory",
};

const Layers k_migrate_layers{
    "failed to create containerd task",
    "failed to create shim task",
    "OCI runtime create failed",
    "runc create failed",
    "unable to start container process",
    R"m(exec: "/bin/migrate": stat /bin/migrate: no such file or directory)m",
};

const Layers k_crio_agent_layers{
    "container create failed",
    "runc create failed",
    "unable to start container process",
    "error during container init",
    R"m(exec: "./agent": stat ./agent: no such file or directory)m",
};

struct UnwrapCase {
    const char* name;
    std::string message;
    Layers layers;
    Layers notes = {};
};

const std::string k_enotdir_hint =
    "Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and "
    "is the expected type";

const std::vector<UnwrapCase>& generation_cases()
{
    static const std::vector<UnwrapCase> cases{
        {"runc rc2 / Docker 1.13 oci runtime error, ENOTDIR with Docker's hint",
         R"m(oci runtime error: container_linux.go:247: starting container process caused "process_linux.go:359: container init caused \"rootfs_linux.go:53: mounting \\\"/var/lib/kubelet/pods/5e4b1c2a/volumes/kubernetes.io~configmap/nginx-conf\\\" to rootfs \\\"/var/lib/docker/overlay2/9f1c7e/merged\\\" at \\\"/var/lib/docker/overlay2/9f1c7e/merged/etc/nginx/nginx.conf\\\" caused \\\"not a directory\\\"\"": Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type)m",
         {"oci runtime error", "container_linux.go:247: starting container process", "process_linux.go:359: container init",
          R"m(rootfs_linux.go:53: mounting "/var/lib/kubelet/pods/5e4b1c2a/volumes/kubernetes.io~configmap/nginx-conf" to rootfs "/var/lib/docker/overlay2/9f1c7e/merged" at "/var/lib/docker/overlay2/9f1c7e/merged/etc/nginx/nginx.conf")m",
          "not a directory"},
         {k_enotdir_hint}},
        {"runc rc9 / docker run with the ENOTDIR hint and CLI advice",
         R"m(docker: Error response from daemon: OCI runtime create failed: container_linux.go:346: starting container process caused "process_linux.go:449: container init caused \"rootfs_linux.go:58: mounting \\\"/srv/app.conf\\\" to rootfs \\\"/var/lib/docker/overlay2/4be1/merged\\\" at \\\"/var/lib/docker/overlay2/4be1/merged/etc/app.conf\\\" caused \\\"not a directory\\\"\"": unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type.)m"
             "\nSee 'docker run --help'.",
         {"OCI runtime create failed", "container_linux.go:346: starting container process",
          "process_linux.go:449: container init",
          R"m(rootfs_linux.go:58: mounting "/srv/app.conf" to rootfs "/var/lib/docker/overlay2/4be1/merged" at "/var/lib/docker/overlay2/4be1/merged/etc/app.conf")m",
          "not a directory"},
         {k_enotdir_hint + "."}},
        {"runc rc2 / Docker 1.13 invalid header field value",
         R"m(Error response from daemon: invalid header field value "oci runtime error: container_linux.go:247: starting container process caused \"exec: \\\"/docker-entrypoint.sh\\\": permission denied\"\n")m",
         {"oci runtime error", "container_linux.go:247: starting container process",
          R"m(exec: "/docker-entrypoint.sh": permission denied)m"}},
        {"runc rc5 / old kubelet FailedSync via dockershim",
         R"m(failed to "StartContainer" for "web" with RunContainerError: "failed to start container \"5c8e0a9b71d2\": Error response from daemon: oci runtime error: container_linux.go:348: starting container process caused \"exec: \\\"/start.sh\\\": permission denied\"")m",
         {R"m(failed to "StartContainer" for "web" with RunContainerError)m",
          R"m(failed to start container "5c8e0a9b71d2")m", "oci runtime error",
          "container_linux.go:348: starting container process", R"m(exec: "/start.sh": permission denied)m"}},
        {"runc rc7 / dockershim event", 
         R"m(Error: failed to start container "app": Error response from daemon: OCI runtime create failed: container_linux.go:345: starting container process caused "exec: \"/docker-entrypoint.sh\": executable file not found in $PATH": unknown)m",
         {R"m(failed to start container "app")m", "OCI runtime create failed",
          "container_linux.go:345: starting container process",
          R"m(exec: "/docker-entrypoint.sh": executable file not found in $PATH)m"}},
        {"runc rc10 / containerd (seed guide subPath)", k_seed_message, k_seed_layers},
        {"runc rc10 / dockershim ContainerCannotRun",
         R"m(OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \"/app/run.sh\": permission denied": unknown)m",
         {"OCI runtime create failed", "container_linux.go:349: starting container process",
          R"m(exec: "/app/run.sh": permission denied)m"}},
        {"runc rc92 / CRI-O bare",
         R"m(container create failed: container_linux.go:370: starting container process caused: exec: "/agent": stat /agent: no such file or directory)m",
         {"container create failed", "container_linux.go:370: starting container process",
          R"m(exec: "/agent": stat /agent: no such file or directory)m"}},
        {"runc rc93 / containerd via gRPC status",
         R"m(rpc error: code = Unknown desc = failed to create containerd task: OCI runtime create failed: container_linux.go:367: starting container process caused: process_linux.go:495: container init caused: rootfs_linux.go:60: mounting "/var/lib/kubelet/pods/0c6e/volumes/kubernetes.io~secret/tls" to rootfs "/run/containerd/io.containerd.runtime.v2.task/k8s.io/7d2a/rootfs" at "/run/containerd/io.containerd.runtime.v2.task/k8s.io/7d2a/rootfs/etc/tls" caused: not a directory: unknown)m",
         {"failed to create containerd task", "OCI runtime create failed",
          "container_linux.go:367: starting container process", "process_linux.go:495: container init",
          R"m(rootfs_linux.go:60: mounting "/var/lib/kubelet/pods/0c6e/volumes/kubernetes.io~secret/tls" to rootfs "/run/containerd/io.containerd.runtime.v2.task/k8s.io/7d2a/rootfs" at "/run/containerd/io.containerd.runtime.v2.task/k8s.io/7d2a/rootfs/etc/tls")m",
          "not a directory"}},
        {"runc v1.0.0 / containerd 1.5 failed to create shim",
         R"m(failed to create containerd task: failed to create shim: OCI runtime create failed: container_linux.go:380: starting container process caused: process_linux.go:545: container init caused: rootfs_linux.go:76: mounting "/var/lib/kubelet/pods/0c6e/volume-subpaths/cfg/app/0" to rootfs at "/run/containerd/io.containerd.runtime.v2.task/k8s.io/7d2a/rootfs/etc/app/app.yaml" caused: mount through procfd: not a directory: unknown)m",
         {"failed to create containerd task", "failed to create shim", "OCI runtime create failed",
          "container_linux.go:380: starting container process", "process_linux.go:545: container init",
          R"m(rootfs_linux.go:76: mounting "/var/lib/kubelet/pods/0c6e/volume-subpaths/cfg/app/0" to rootfs at "/run/containerd/io.containerd.runtime.v2.task/k8s.io/7d2a/rootfs/etc/app/app.yaml")m",
          "mount through procfd: not a directory"}},
        {"runc 1.1 / containerd 1.6 exec lookup",
         R"m(failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/migrate": stat /bin/migrate: no such file or directory: unknown)m",
         k_migrate_layers},
        {"runc 1.1 / containerd 1.6 mount ENOTDIR",
         R"m(failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/var/lib/kubelet/pods/0c6e/volume-subpaths/config/app/0" to rootfs at "/etc/app/config.yaml": mount /var/lib/kubelet/pods/0c6e/volume-subpaths/config/app/0:/etc/app/config.yaml (via /proc/self/fd/6), flags: 0x5001: not a directory: unknown)m",
         {"failed to create containerd task", "failed to create shim task", "OCI runtime create failed",
          "runc create failed", "unable to start container process", "error during container init",
          R"m(error mounting "/var/lib/kubelet/pods/0c6e/volume-subpaths/config/app/0" to rootfs at "/etc/app/config.yaml")m",
          "mount /var/lib/kubelet/pods/0c6e/volume-subpaths/config/app/0:/etc/app/config.yaml (via /proc/self/fd/6), flags: 0x5001: not a directory"}},
        {"runc 1.2 / containerd 1.7 error during container init",
         R"m(failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "./agent": stat ./agent: no such file or directory: unknown)m",
         {"failed to create containerd task", "failed to create shim task", "OCI runtime create failed",
          "runc create failed", "unable to start container process", "error during container init",
          R"m(exec: "./agent": stat ./agent: no such file or directory)m"}},
        {"runc 1.2 / hook with an address in the innermost",
         R"m(failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error running hook #0: error running hook: exit status 1, stdout: , stderr: dial tcp 10.0.0.1:8080: connect: connection refused: unknown)m",
         {"failed to create containerd task", "failed to create shim task", "OCI runtime create failed",
          "runc create failed", "unable to start container process", "error during container init",
          "error running hook #0: error running hook: exit status 1, stdout: , stderr: dial tcp 10.0.0.1:8080: connect: connection refused"}},
        {"runc 1.2 / hook whose stderr is a logrus record",
         R"m(failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error running hook #0: error running hook: exit status 1, stdout: , stderr: time="2024-03-12T14:32:51Z" level=fatal msg="failed to add interface eth0: permission denied": unknown)m",
         {"failed to create containerd task", "failed to create shim task", "OCI runtime create failed",
          "runc create failed", "unable to start container process", "error during container init",
          "error running hook #0: error running hook: exit status 1, stdout: , stderr",
          "failed to add interface eth0: permission denied"}},
        {"CRI-O logrus-wrapped runc 1.2 (event)",
         R"m(Error: container create failed: time="2024-03-12T14:32:51Z" level=error msg="runc create failed: unable to start container process: error during container init: exec: \"./agent\": stat ./agent: no such file or directory")m",
         k_crio_agent_layers},
        {"CRI-O Container creation error log line",
         R"m(Container creation error: time="2024-03-12T14:32:51Z" level=error msg="runc create failed: unable to start container process: exec: \"/usr/bin/tini\": permission denied")m",
         {"Container creation error", "runc create failed", "unable to start container process",
          R"m(exec: "/usr/bin/tini": permission denied)m"}},
        {"Docker 2x failed to create task for container",
         R"m(Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown)m",
         {"failed to create task for container", "failed to create shim task", "OCI runtime create failed",
          "runc create failed", "unable to start container process",
          R"m(exec: "foo": executable file not found in $PATH)m"}},
        {"containerd shim cannot read runc's log",
         R"m(failed to create containerd task: failed to create shim task: OCI runtime create failed: unable to retrieve OCI runtime error (open /run/containerd/io.containerd.runtime.v2.task/k8s.io/6f3e/log.json: no such file or directory): fork/exec /usr/local/bin/runc: exec format error: unknown)m",
         {"failed to create containerd task", "failed to create shim task", "OCI runtime create failed",
          "unable to retrieve OCI runtime error (open /run/containerd/io.containerd.runtime.v2.task/k8s.io/6f3e/log.json: no such file or directory)",
          "fork/exec /usr/local/bin/runc: exec format error"}},
        {"runc 1.1 exec (kubectl exec)",
         R"m(OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown)m",
         {"OCI runtime exec failed", "exec failed", "unable to start container process",
          R"m(exec: "bash": executable file not found in $PATH)m"}},
        {"runc 1.0 exec (kubectl exec)",
         R"m(OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: exec: "bash": executable file not found in $PATH: unknown)m",
         {"OCI runtime exec failed", "exec failed", "container_linux.go:380: starting container process",
          R"m(exec: "bash": executable file not found in $PATH)m"}},
        {"runc rc10 / CRI-O bare",
         R"m(container create failed: container_linux.go:349: starting container process caused "exec: \"/agent\": permission denied")m",
         {"container create failed", "container_linux.go:349: starting container process",
          R"m(exec: "/agent": permission denied)m"}},
        {"runc rc10 / old kubelet unstructured klog line",
         R"m(E0312 14:32:51.123456    2291 pod_workers.go:191] Error syncing pod 3f1c2b7a ("api-7d9f8c6b5-x2k4q_shop(3f1c2b7a)"), skipping: failed to "StartContainer" for "api" with RunContainerError: "failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused \"exec: \\\"/app/run.sh\\\": permission denied\": unknown")m",
         {R"m(failed to "StartContainer" for "api" with RunContainerError)m", "failed to create containerd task",
          "OCI runtime create failed",
          "container_linux.go:349: starting container process", R"m(exec: "/app/run.sh": permission denied)m"}},
        {"containerd start of a stopped task",
         R"m(failed to start containerd task "app": cannot start a stopped process: unknown)m",
         {R"m(failed to start containerd task "app")m", "cannot start a stopped process"}},
    };
    return cases;
}

void check_layers(const pm::UnwrappedError& result, const Layers& expected)
{
    CHECK(result.layers == expected);
    REQUIRE_FALSE(result.layers.empty());
    CHECK(result.innermost == result.layers.back());
}

}  // namespace

TEST_SUITE("unwrap")
{

TEST_CASE("pm::go_unquote_body")
{
    struct UnquoteCase {
        const char* name;
        std::string body;
        std::string expected;
    };
    const std::vector<UnquoteCase> cases{
        {"plain", "no such file or directory", "no such file or directory"},
        {"quote and backslash", R"m(exec: \"x\" a\\b)m", R"m(exec: "x" a\b)m"},
        {"control escapes", R"m(\a\b\f\n\r\t\v)m", "\a\b\f\n\r\t\v"},
        {"hex", R"m(\x41\x7f\xff)m", std::string("A\x7f\xff")},
        {"octal", R"m(\101\000\377)m", std::string("A\0\xff", 3)},
        {"short unicode", R"m(caf\u00e9 \u65e5)m", "caf\xc3\xa9 \xe6\x97\xa5"},
        {"long unicode", R"m(\U0001F600)m", "\xf0\x9f\x98\x80"},
        {"JSON surrogate pair", R"m(\ud83d\ude00)m", "\xf0\x9f\x98\x80"},
        {"JSON slash", R"m(a\/b)m", "a/b"},
        {"invalid escapes kept", R"m(\q \x4 \u12 \400 \U00110000)m", R"m(\q \x4 \u12 \400 \U00110000)m"},
        {"lone trailing backslash", "abc\\", "abc\\"},
        {"bare quote kept", R"m(a"b)m", R"m(a"b)m"},
        {"UTF-8 kept", "日本語 naïve", "日本語 naïve"},
    };
    for (const UnquoteCase& c : cases) {
        INFO(c.name);
        CHECK(pm::go_unquote_body(c.body) == c.expected);
    }
}

TEST_CASE("pm::go_quote")
{
    struct QuoteCase {
        const char* name;
        std::string text;
        std::string expected;
    };
    const std::vector<QuoteCase> cases{
        {"plain", "not a directory", R"m("not a directory")m"},
        {"quotes and backslashes", R"m(exec: "x" a\b)m", R"m("exec: \"x\" a\\b")m"},
        {"control characters", "a\tb\nc\x01\x7f", R"m("a\tb\nc\x01\x7f")m"},
        {"printable UTF-8 kept", "naïve 日本", "\"naïve 日本\""},
        {"invalid UTF-8 byte", std::string("a\xff"), R"m("a\xff")m"},
        {"non-printable rune", "\xc2\xa0", R"m("\u00a0")m"},
        {"runc rc90 layer", R"m(rootfs_linux.go:58: mounting "/a" to rootfs "/r" at "/b" caused "not a directory")m",
         R"m("rootfs_linux.go:58: mounting \"/a\" to rootfs \"/r\" at \"/b\" caused \"not a directory\"")m"},
    };
    for (const QuoteCase& c : cases) {
        INFO(c.name);
        CHECK(pm::go_quote(c.text) == c.expected);
    }

    // Round trip on random bytes, including invalid UTF-8 and control characters.
    std::mt19937 random(20240312);
    std::uniform_int_distribution<int> length(0, 40);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const int size = length(random);
        for (int i = 0; i < size; ++i) {
            text += static_cast<char>(byte(random));
        }
        const std::string quoted = pm::go_quote(text);
        CAPTURE(quoted);
        REQUIRE(quoted.size() >= 2);
        CHECK(pm::go_unquote_body(std::string_view(quoted).substr(1, quoted.size() - 2)) == text);
    }
}

TEST_CASE("pm::unwrap_runtime_error")
{
    for (const UnwrapCase& c : generation_cases()) {
        for (int levels = 0; levels <= 4; ++levels) {
            const std::string message = wrap_levels(c.message, levels);
            INFO(c.name);
            CAPTURE(levels);
            CAPTURE(message);
            const pm::UnwrappedError result = pm::unwrap_runtime_error(message);
            check_layers(result, c.layers);
            CHECK(result.notes == c.notes);
            CHECK_FALSE(result.truncated);
        }
    }
}

TEST_CASE("pm::unwrap_runtime_error damaged")
{
    struct DamagedCase {
        const char* name;
        std::string message;
        Layers layers;
        bool truncated;
    };
    const std::string migrate =
        R"m(failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/migrate": stat /bin/migrate: no such file or directory: unknown)m";
    const std::vector<DamagedCase> cases{
        {"Markdown ate one level of backslashes",
         R"m(failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused "rootfs_linux.go:58: mounting \"/data/kubelet/pods/d6f90d2b-a5c4-11ec-8b09-5254009e5e2e/volume-subpaths/conf/demo-container/2\" to rootfs \"/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs\" at \"/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs/app/conf/server.yaml\" caused \"no such file or directory\""": unknown)m",
         k_seed_layers, false},
        {"all backslashes gone",
         R"m(failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused "rootfs_linux.go:58: mounting "/data/kubelet/pods/d6f90d2b-a5c4-11ec-8b09-5254009e5e2e/volume-subpaths/conf/demo-container/2" to rootfs "/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs" at "/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs/app/conf/server.yaml" caused "no such file or directory""": unknown)m",
         k_seed_layers, false},
        {"quoted innermost without its backslashes",
         R"m(OCI runtime create failed: container_linux.go:349: starting container process caused "exec: "/app/run.sh": permission denied": unknown)m",
         {"OCI runtime create failed", "container_linux.go:349: starting container process",
          R"m(exec: "/app/run.sh": permission denied)m"},
         false},
        {"describe copy broken with CRLF and indentation",
         std::string(R"m(failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \"rootfs_linux.go:58: mounting \\\"/data/kubelet/pods/d6f90d2b-a5c4-11ec-8b09-5254009e5e2e/volume-subpaths/conf/demo-container/2\\\")m")
             + "\r\n              "
             + R"m(to rootfs \\\"/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs\\\" at \\\"/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs/app/conf/server.yaml\\\" caused \\\"no such file or directory\\\"\"": unknown)m"
             + "\r\n",
         k_seed_layers, false},
        {"words lost at a line break",
         std::string(R"m(failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \"rootfs_linux.go:58: mounting \\\"/data/kubelet/pods/d6f90d2b/volume-sub)m")
             + "\n"
             + R"m(rootfs/app/conf/server.yaml\\\" caused \\\"no such file or directory\\\"\"": unknown)m",
         {"failed to create containerd task", "OCI runtime create failed",
          "container_linux.go:349: starting container process", "process_linux.go:449: container init",
          R"m(rootfs_linux.go:58: mounting "/data/kubelet/pods/d6f90d2b/volume-subrootfs/app/conf/server.yaml")m",
          "no such file or directory"},
         false},
        {"cut inside the mount path",
         R"m(failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \"rootfs_linux.go:58: mounting \\\"/data/kubelet/pods/d6f9)m",
         {"failed to create containerd task", "OCI runtime create failed",
          "container_linux.go:349: starting container process", "process_linux.go:449: container init",
          R"m(rootfs_linux.go:58: mounting "/data/kubelet/pods/d6f9)m"},
         true},
        {"cut before the closing quotes",
         R"m(failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \"rootfs_linux.go:58: mounting \\\"/data/cfg.yaml\\\" to rootfs \\\"/run/rootfs\\\" at \\\"/run/rootfs/etc/app\\\" caused \\\"not a directory\\\")m",
         {"failed to create containerd task", "OCI runtime create failed",
          "container_linux.go:349: starting container process", "process_linux.go:449: container init",
          R"m(rootfs_linux.go:58: mounting "/data/cfg.yaml" to rootfs "/run/rootfs" at "/run/rootfs/etc/app")m",
          "not a directory"},
         true},
        {"kubectl -o json value cut off",
         R"m("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"/bin/migr)m",
         {"failed to create containerd task", "failed to create shim task", "OCI runtime create failed",
          "runc create failed", "unable to start container process", R"m(exec: "/bin/migr)m"},
         true},
        {"kubectl -o json value with its backslashes eaten",
         R"m("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/migrate": stat /bin/migrate: no such file or directory: unknown")m",
         k_migrate_layers, false},
        {"Markdown quote and stray brackets", "> [" + migrate + "]", k_migrate_layers, false},
        {"pasted event row", "Warning  Failed  12s (x3 over 40s)  kubelet  Error: " + migrate, k_migrate_layers, false},
        {"event row with tabs", "Warning\tFailed\t12s\tkubelet\tError: " + migrate, k_migrate_layers, false},
        {"describe Message field, indented", "      Message:      " + migrate, k_migrate_layers, false},
        {"trailing blanks and CRLF", migrate + "   \r\n", k_migrate_layers, false},
        {"CRI-O record with its backslashes eaten",
         R"m(Error: container create failed: time="2024-03-12T14:32:51Z" level=error msg="runc create failed: unable to start container process: error during container init: exec: "./agent": stat ./agent: no such file or directory")m",
         k_crio_agent_layers, false},
        {"CRI-O record cut off",
         R"m(container create failed: time="2024-03-12T14:32:51Z" level=error msg="runc create failed: unable to start container process: error during container init: exec: \"./age)m",
         {"container create failed", "runc create failed", "unable to start container process",
          "error during container init", R"m(exec: "./age)m"},
         true},
    };
    for (const DamagedCase& c : cases) {
        INFO(c.name);
        CAPTURE(c.message);
        const pm::UnwrappedError result = pm::unwrap_runtime_error(c.message);
        check_layers(result, c.layers);
        CHECK(result.truncated == c.truncated);
    }
}

TEST_CASE("pm::unwrap_runtime_error property: random runc <= rc90 chains")
{
    // Words with the characters that make quoting hard: quotes, backslashes, colons, tabs,
    // Unicode, invalid UTF-8. None is a wrapper phrase, a label or `caused`.
    const std::vector<std::string> words{
        "open", "/etc/app:ro", "\"quoted\"", "back\\slash", "a: b", "naïve", "日本語", "tab\there",
        "100%", "x\\\"y", "{json}", "emoji😀", "0x5001", "10.0.0.1:8080", "\\n", "'single'", "ends\\",
        "\"", ":", "\xff", "$PATH", "stat", "no", "such", "file"};
    std::mt19937 random(4242);
    const auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
    const auto phrase = [&] {
        std::string text;
        const int count = pick(1, 5);
        for (int i = 0; i < count; ++i) {
            text += (i > 0 ? " " : "") + words[static_cast<std::size_t>(pick(0, static_cast<int>(words.size()) - 1))];
        }
        return text;
    };
    for (int round = 0; round < 3000; ++round) {
        const int depth = round % 6;
        const std::string innermost = phrase();
        Layers runc_layers;
        for (int i = 0; i < depth; ++i) {
            runc_layers.push_back("file" + std::to_string(i) + "_linux.go:" + std::to_string(pick(1, 999)) + ": "
                                  + phrase());
        }
        std::string message = innermost;
        for (int i = depth; i-- > 0;) {
            message = runc_layers[static_cast<std::size_t>(i)] + " caused " + pm::go_quote(message);
        }
        const bool containerd = pick(0, 1) == 1;
        Layers expected{containerd ? "OCI runtime create failed" : "container create failed"};
        message = expected.front() + ": " + message + (containerd ? ": unknown" : "");
        expected.insert(expected.end(), runc_layers.begin(), runc_layers.end());
        expected.push_back(innermost);
        const int json_levels = pick(0, 2);
        for (int i = 0; i < json_levels; ++i) {
            message = pm::go_quote(message);
        }
        CAPTURE(depth);
        CAPTURE(json_levels);
        CAPTURE(message);
        const pm::UnwrappedError result = pm::unwrap_runtime_error(message);
        CHECK(result.layers == expected);
        CHECK(result.innermost == innermost);
        CHECK_FALSE(result.truncated);
    }
}

TEST_CASE("pm::unwrap_runtime_error hostile input")
{
    struct HostileCase {
        const char* name;
        std::function<std::string()> make;
        std::function<void(const pm::UnwrappedError&)> check;
    };
    const auto repeat = [](std::string_view unit, std::size_t times) {
        std::string text;
        text.reserve(unit.size() * times);
        for (std::size_t i = 0; i < times; ++i) {
            text += unit;
        }
        return text;
    };
    const std::vector<HostileCase> cases{
        {"200,000 nested caused \\\" levels",
         [&] { return "OCI runtime create failed: " + repeat(R"m(container init caused \")m", 200000) + "x"; },
         [](const pm::UnwrappedError& r) {
             CHECK(r.layers.size() <= 64);
             CHECK(r.truncated);
         }},
        {"200,000 bare caused \" levels",
         [&] { return "OCI runtime create failed: " + repeat(R"m(caused ")m", 200000) + repeat("\"", 200000); },
         [](const pm::UnwrappedError& r) { CHECK(r.layers.size() <= 64); }},
        {"8 MB of backslashes in a quoted layer",
         [&] { return "OCI runtime create failed: container init caused \"" + std::string(8 << 20, '\\') + "\""; },
         [](const pm::UnwrappedError& r) {
             // Decoded once to 4 MB, then cut to the layer size limit.
             REQUIRE(r.layers.size() == 3);
             CHECK(r.innermost == std::string(64 * 1024, '\\'));
             CHECK(r.truncated);
         }},
        {"20 MB line of colons",
         [&] { return "failed to create shim task: " + repeat("x: ", 7 << 20); },
         [](const pm::UnwrappedError& r) {
             CHECK(r.layers.size() == 2);
             CHECK(r.innermost.starts_with("x: x: x"));
         }},
        {"10 MB innermost message five levels deep",
         [&] {
             std::string message = "stat " + repeat("/very/long/path", 10 << 16) + ": no such file or directory";
             for (int i = 0; i < 5; ++i) {
                 message = "container_linux.go:349: starting container process caused " + pm::go_quote(message);
             }
             return "OCI runtime create failed: " + message + ": unknown";
         },
         [](const pm::UnwrappedError& r) {
             CHECK(r.layers.size() == 7);
             CHECK(r.innermost.starts_with("stat /very/long/path/very/long/path"));
             CHECK(r.innermost.size() == 64 * 1024);
             CHECK(r.truncated);
         }},
        {"msg=\"msg=\"… 100,000 times",
         [&] { return "level=error " + repeat(R"m(msg="runc create failed: )m", 100000); },
         [](const pm::UnwrappedError& r) { CHECK(r.layers.size() <= 64); }},
    };
    for (const HostileCase& c : cases) {
        INFO(c.name);
        const std::string message = c.make();
        // Results only: speed is measured by bench/bench_unwrap, never asserted here.
        const pm::UnwrappedError result = pm::unwrap_runtime_error(message);
        c.check(result);
    }
}

TEST_CASE("pm::looks_like_runtime_error")
{
    struct LooksCase {
        const char* text;
        bool expected;
    };
    const std::vector<LooksCase> cases{
        {k_seed_message, true},
        {R"m(Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"/bin/migrate\": stat /bin/migrate: no such file or directory: unknown)m", true},
        {R"m(container create failed: container_linux.go:370: starting container process caused: exec: "/agent": permission denied)m", true},
        {R"m(exec: "/docker-entrypoint.sh": executable file not found in $PATH)m", true},
        {R"m(exec: \"app\": stat app: no such file or directory)m", true},
        {"back-off 5m0s restarting failed container=api pod=api-7d9f8c6b5-x2k4q_shop(3f1c2b7a)", false},
        {"Liveness probe failed: HTTP probe failed with statuscode: 500", false},
        {"Container api failed liveness probe, will be restarted", false},
        {"The container could not be located when the pod was terminated", false},
        {"", false},
    };
    for (const LooksCase& c : cases) {
        INFO(c.text);
        CHECK(pm::looks_like_runtime_error(c.text) == c.expected);
        if (!c.expected) {
            CHECK(pm::unwrap_runtime_error(c.text).layers.empty());
        }
    }
}


TEST_CASE("pm::unwrap_runtime_error line breaks: a terminal's mid-word wrap, an editor's wrap at a space")
{
    const std::string full =
        R"m(failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/migrate": stat /bin/migrate: no such file or directory: unknown)m";
    // A terminal 100 columns wide cut the path in two; nothing was lost.
    const std::string terminal = full.substr(0, 100) + "\n" + full.substr(100);
    // An editor broke the line at a space and dropped it.
    const std::string editor = full.substr(0, full.find(" unable")) + "\n" + full.substr(full.find("unable"));
    for (const std::string& message : {terminal, editor}) {
        INFO(message);
        const pm::UnwrappedError result = pm::unwrap_runtime_error(message);
        CHECK(result.innermost == R"m(exec: "/bin/migrate": stat /bin/migrate: no such file or directory)m");
        CHECK(result.layers.size() == 6);
    }
}

TEST_CASE("pm::unwrap_runtime_error Docker 1.13 JSON error body (moby#31037)")
{
    const std::string message =
        R"m(Error response from daemon: {"message": "invalid header field value \"oci runtime error: container_linux.go:247: starting container process caused \\\"exec: \\\\\\\"foo\\\\\\\": executable file not found in $PATH\\\"\\n\""})m";
    const pm::UnwrappedError result = pm::unwrap_runtime_error(message);
    CHECK(result.layers == std::vector<std::string>{"oci runtime error", "container_linux.go:247: starting container process",
                                                    R"m(exec: "foo": executable file not found in $PATH)m"});
    CHECK_FALSE(result.truncated);
}

}  // TEST_SUITE
