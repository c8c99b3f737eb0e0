// A runtime error pasted alone: the termination its heading states, and the names it carries.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"

using namespace pm;

namespace {

struct LoneCase {
    const char* name;
    std::string text;
    const char* reason;  // of the termination record, nullptr for none
    long long exit_code;
    const char* container;  // named from the text, nullptr for none
};

Analysis analyse_text(const std::string& text) {
    Analysis analysis;
    auto source = std::make_unique<SourceText>();
    load_source_text(*source, "ticket.txt", text, analysis.incident.diagnostics);
    read_source(builtin_grammar(), std::move(source), analysis);
    finish_analysis(builtin_grammar(), analysis);
    return analysis;
}

}  // namespace

TEST_SUITE("pasted_errors") {

TEST_CASE("a lone runtime error's termination heading and names") {
    const LoneCase cases[] = {
        {"StartError heading (kubectl get pod, dashboards)",
         "StartError (exit code 128): failed to create containerd task: failed to create shim task: OCI runtime "
         "create failed: runc create failed: unable to start container process: exec: \"/bin/migrate\": stat "
         "/bin/migrate: no such file or directory: unknown",
         "StartError", 128, nullptr},
        {"ContainerCannotRun heading (docker)",
         "ContainerCannotRun (exit code 127): OCI runtime create failed: container_linux.go:349: starting container "
         "process caused \"exec: \\\"gunicorn\\\": executable file not found in $PATH\": unknown",
         "ContainerCannotRun", 127, nullptr},
        {"a negative exit code is normalised",
         "StartError (exit code -1): failed to create containerd task: failed to create shim task: OCI runtime create "
         "failed: runc create failed: unable to start container process: exec format error: unknown",
         "StartError", 255, nullptr},
        {"kubelet's Failed event message names the container",
         "Error: failed to start container \"migrate\": Error response from daemon: OCI runtime create failed: "
         "container_linux.go:349: starting container process caused \"exec: \\\"/migrate\\\": permission denied\": "
         "unknown",
         nullptr, 0, "migrate"},
        {"a subPath error names the container by kubelet's path",
         "Error: failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting "
         "container process caused \"process_linux.go:449: container init caused \\\"rootfs_linux.go:58: mounting "
         "\\\\\\\"/var/lib/kubelet/pods/d6f90d2b-a5c4-11ec-8b09-5254009e5e2e/volume-subpaths/conf/demo-container/2"
         "\\\\\\\" to rootfs at \\\\\\\"/app/conf/server.yaml\\\\\\\" caused \\\\\\\"no such file or directory"
         "\\\\\\\"\\\"\": unknown",
         nullptr, 0, "demo-container"},
    };
    for (const LoneCase& c : cases) {
        INFO("case: " << std::string(c.name));
        const Analysis a = analyse_text(c.text + "\n");
        REQUIRE(a.incident.pods.size() == 1);
        REQUIRE(a.incident.pods[0].containers.size() == 1);
        const Container& container = a.incident.pods[0].containers[0];
        if (c.reason == nullptr) {
            CHECK(container.terminations.empty());
        } else {
            REQUIRE(container.last() != nullptr);
            CHECK(container.last()->reason == std::string_view(c.reason));
            CHECK(container.last()->exit_code == c.exit_code);
            CHECK(container.last()->runtime_error != k_none_index);
        }
        CHECK(container.name.value_or("(none)") == std::string_view(c.container ? c.container : "(none)"));
    }
}

TEST_CASE("a pasted error ends where containerd ends it, and runs on where a terminal wrapped it") {
    struct Case {
        const char* name;
        std::string text;
        const char* innermost;
    };
    const Case cases[] = {
        {"an installer's next line is not part of it",
         "FATA[0002] OCI runtime create failed: unable to retrieve OCI runtime error (open "
         "/run/containerd/io.containerd.runtime.v2.task/default/6d1c/log.json: no such file or directory): fork/exec "
         "/usr/local/sbin/runc: exec format error: unknown\n[FAIL] Operation failed.\n",
         "fork/exec /usr/local/sbin/runc: exec format error"},
        {"a message wrapped at 80 columns is joined",
         "Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create f\n"
         "ailed: unable to start container process: exec: \"/app/server\": stat /app/server: no such file or directory: \n"
         "unknown\n",
         "exec: \"/app/server\": stat /app/server: no such file or directory"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const Analysis a = analyse_text(c.text);
        REQUIRE(a.incident.runtime_errors.size() == 1);
        CHECK(a.incident.runtime_errors[0].innermost == c.innermost);
    }
}

TEST_CASE("a waiting container's `REASON: message`, as dashboards print it, is a container of its own") {
    struct Case {
        const char* name;
        std::string text;
        const char* reason;
        const char* cause;
        std::size_t cites;
    };
    const Case cases[] = {
        {"an image that cannot be pulled, in two states",
         "ImagePullBackOff: Back-off pulling image \"drainnode/leader:v1.0-rc9\"\n"
         "ErrImagePull: rpc error: code = Unknown desc = Error response from daemon: manifest for "
         "drainnode/leader:v1.0-rc9 not found: manifest unknown: manifest unknown\n",
         "ImagePullBackOff", "image-pull", 2},
        {"a missing secret",
         "CreateContainerConfigError: secret \"db-credentials\" not found\n"
         "Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: unknown\n",
         "CreateContainerConfigError", "config-error", 1},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const Analysis a = analyse_text(c.text);
        REQUIRE_FALSE(a.incident.pods.empty());
        const Container& waiting = a.incident.pods[0].containers.at(0);
        CHECK(waiting.state.status == StateStatus::waiting);
        CHECK(waiting.state.reason == c.reason);
        CHECK(waiting.state.cites.size() == c.cites);
        REQUIRE(a.diagnoses.of(0, 0) != nullptr);
        CHECK(a.diagnoses.of(0, 0)->cause == c.cause);
    }
}

}  // TEST_SUITE
