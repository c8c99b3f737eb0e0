// Tests for region splitting: a file of one kind is one region of that kind, whatever tool version
// wrote it and whatever pasting did to it; mixed files split at prompts, fences and kind changes.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "describe_samples.hpp"
#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"
#include "readers/reader.hpp"
#include "regions/line_shape.hpp"
#include "regions/splitter.hpp"

namespace {

// The kind of the largest region, as the analysis lists the input ("unknown" when there is none).
std::string main_kind_of(const pm::SourceText& file, const pm::ReaderRegistry& readers = pm::ReaderRegistry::builtin()) {
    const pm::RegionSplit split = pm::split_regions(file.lines, file.path, readers.profiles());
    std::string kind = "unknown";
    std::size_t most = 0;
    for (const auto& region : split.regions) {
        if (region.last - region.first + 1 > most) {
            most = region.last - region.first + 1;
            kind = std::string(readers.readers()[region.kind].kind);
        }
    }
    return kind;
}

// formats.md §1.5, current kubectl (shared with the describe parser tests).
const std::string k_describe(pm::test::k_current_oom);

// formats.md §1.5, the StartError excerpt with a multi-line message.
const std::string k_describe_start_error = R"X(Containers:
  worker:
    Container ID:  containerd://9e0d51aa
    Image:         registry.example/worker:2.0
    Image ID:      registry.example/worker@sha256:77c1
    Port:          <none>
    Host Port:     <none>
    State:         Waiting
      Reason:      CrashLoopBackOff
    Last State:    Terminated
      Reason:      Error
      Message:     panic: runtime error: invalid memory address or nil pointer dereference

goroutine 1 [running]:
main.main()
                    /app/main.go:12 +0x1d
      Exit Code:    2
      Started:      Tue, 27 Aug 2019 10:57:58 +0200
      Finished:     Tue, 27 Aug 2019 10:57:59 +0200
    Ready:          False
    Restart Count:  6
  init-db:
    Container ID:  containerd://1b7f3c20
    Image:         busybox:1.36
    State:          Waiting
      Reason:       RunContainerError
    Last State:     Terminated
      Reason:       StartError
      Message:      failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/migrate": stat /bin/migrate: no such file or directory: unknown
      Exit Code:    128
      Started:      Thu, 01 Jan 1970 01:00:00 +0100
      Finished:     Tue, 27 Aug 2019 10:58:02 +0200
    Ready:          False
    Restart Count:  2
)X";

// Pre-1.8 kubectl: TAB padding and the old Events columns (formats.md §1.1, §2.1).
const std::string k_describe_tabs =
    "Name:\t\t\t\tweb-1\nNamespace:\t\t\tdefault\nNode:\t\t\t\tnode-a/10.0.0.4\nStatus:\t\t\t\tRunning\n"
    "Controllers:\t\t\tReplicaSet/web-1\nContainers:\n  web:\n    Container ID:\tdocker://5fb8adf9ee62\n"
    "    Image:\t\tnginx:1.11\n    State:\t\tRunning\n    Last State:\t\tTerminated\n      Reason:\t\tError\n"
    "      Exit Code:\t1\n    Ready:\t\tTrue\n    Restart Count:\t5\nEvents:\n"
    "  FirstSeen\tLastSeen\tCount\tFrom\t\t\tSubObjectPath\t\tType\t\tReason\t\tMessage\n"
    "  ---------\t--------\t-----\t----\t\t\t-------------\t\t--------\t------\t\t-------\n"
    "  10m\t\t10m\t\t1\tdefault-scheduler\t\t\t\tNormal\t\tScheduled\tSuccessfully assigned web-1 to node-a\n"
    "  8m\t\t2m\t\t5\tkubelet, node-a\tspec.containers{web}\tWarning\t\tBackOff\t\tBack-off restarting failed container\n";

// The seed guide's paste: indentation lost, whitespace collapsed, Chinese prose around it.
const std::string k_notes_zh = R"X(使用 kubectl describe pod <pod name> 查看异常 pod 的状态:

Containers:
kubedns:
Container ID: docker://5fb8adf9ee62afc6d3f6f3d9590041818750b392dff015d7091eaaf99cf1c945
Image: ccr.ccs.tencentyun.com/library/kubedns-amd64:1.14.4
Image ID: docker-pullable://ccr.ccs.tencentyun.com/library/kubedns-amd64@sha256:40790881bbe9ef4ae4ff7fe8b892498eecb7fe6dcc22661402f271e03f7de344
Ports: 10053/UDP, 10053/TCP, 10055/TCP
Host Ports: 0/UDP, 0/TCP, 0/TCP
Args:
--domain=cluster.local.
--dns-port=10053
State: Running
Started: Tue, 27 Aug 2019 10:58:49 +0800
Last State: Terminated
Reason: Error
Exit Code: 255
Started: Tue, 27 Aug 2019 10:40:42 +0800
Finished: Tue, 27 Aug 2019 10:58:27 +0800
Ready: True
Restart Count: 1

在容器列表里看 Last State 字段,其中 ExitCode 即程序上次退出时的状态码,如果不为 0,表示异常退出,我们可以分析下原因。
RESTARTS 大于 0 时,说明 Pod 中有容器重启了。
)X";

// The seed guide's subpath paste: one indented Last State line, the rest flush left, rc90 message.
const std::string k_notes_subpath = R"X(事件日志里可以看出是挂载 subpath 报 no such file or directory,describe pod 类似这样:

    Last State:     Terminated
Reason: StartError
Message: failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \"rootfs_linux.go:58: mounting \\\"/data/kubelet/pods/d6f90d2b-a5c4-11ec-8b09-5254009e5e2e/volume-subpaths/conf/demo-container/2\\\" to rootfs \\\"/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b/rootfs\\\" caused \\\"no such file or directory\\\"\"": unknown
Exit Code: 128

有些平台实现了原地重启的能力,即更新工作负载不会重建 Pod,只是重启,更容易发生类似的问题。
)X";

const std::string k_last_state_only = R"X(    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
      Started:      Tue, 27 Aug 2019 10:51:02 +0200
      Finished:     Tue, 27 Aug 2019 10:58:27 +0200
)X";

const std::string k_events_block_only = R"X(Events:
  Type     Reason     Age                  From     Message
  ----     ------     ----                 ----     -------
  Warning  Unhealthy  3m12s (x6 over 4m)   kubelet  Liveness probe failed: HTTP probe failed with statuscode: 503
  Normal   Killing    2m52s (x2 over 4m)   kubelet  Container web failed liveness probe, will be restarted
  Warning  BackOff    61s (x9 over 7m40s)  kubelet  Back-off restarting failed container web in pod web-6f9c8d7b5-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)
)X";

const std::string k_message_under_last_state = R"X(Last State: Terminated
Message: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/migrate": stat /bin/migrate: no such file or directory: unknown
)X";

// formats.md §2.2
const std::string k_events = R"X(LAST SEEN   TYPE      REASON      OBJECT                      MESSAGE
3m12s       Warning   Unhealthy   pod/web-6f9c8d7b5-x2kqp     Liveness probe failed: HTTP probe failed with statuscode: 503
2m52s       Normal    Killing     pod/web-6f9c8d7b5-x2kqp     Container web failed liveness probe, will be restarted
41m         Warning   SystemOOM   node/worker-3               System OOM encountered, victim process: java, pid: 20117
)X";

const std::string k_events_old = R"X(LASTSEEN   FIRSTSEEN   COUNT     NAME          KIND      SUBOBJECT                TYPE      REASON    SOURCE                   MESSAGE
13m        13m         1         nginx-3392-x  Pod       spec.containers{nginx}   Normal    Pulling   {kubelet minion-kcbf}    pulling image "nginx"
)X";

const std::string k_events_all_namespaces = R"X(NAMESPACE   LAST SEEN   TYPE      REASON      OBJECT                      MESSAGE
prod        3m12s       Warning   Unhealthy   pod/web-6f9c8d7b5-x2kqp     Liveness probe failed: HTTP probe failed with statuscode: 503
default     41m         Warning   SystemOOM   node/worker-3               System OOM encountered, victim process: java, pid: 20117
)X";

const std::string k_kubectl_events = R"X(LAST SEEN            TYPE      REASON    OBJECT                        MESSAGE
61s (x9 over 7m40s)  Warning   BackOff   Pod/api-7d9f8b6c5d-x2kqp      Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)
2m                   Warning   Failed    Pod/init-db-5c9d              Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/migrate": stat /bin/migrate: no such file or directory: unknown
)X";

// formats.md §3.5
const std::string k_dmesg = R"X([1234567.101213] java invoked oom-killer: gfp_mask=0x14000c0(GFP_KERNEL), nodemask=(null),  order=0, oom_score_adj=-998
[1234567.101240] java cpuset=2f4c9d mems_allowed=0
[1234567.150127] Task in /kubepods/pod0b7c5a2e/2f4c9d killed as a result of limit of /kubepods/pod0b7c5a2e/2f4c9d
[1234567.150139] memory: usage 524288kB, limit 524288kB, failcnt 1021
[1234567.160302] [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name
[1234567.160388] [20117]     0 20117  1034958   130812     331       6        0          -998 java
[1234567.170911] Memory cgroup out of memory: Kill process 20117 (java) score 1000 or sacrifice child
[1234567.175460] Killed process 20117 (java) total-vm:4139832kB, anon-rss:520180kB, file-rss:3068kB, shmem-rss:0kB
)X";

const std::string k_journal = R"X(Aug 27 10:58:27 worker-3 kernel: python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=996
Aug 27 10:58:27 worker-3 kernel: memory: usage 262144kB, limit 262144kB, failcnt 47
Aug 27 10:58:27 worker-3 kernel: swap: usage 0kB, limit 0kB, failcnt 0
Aug 27 10:58:27 worker-3 kernel: Tasks state (memory values in pages):
Aug 27 10:58:27 worker-3 kernel: oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-46b3e0a4.scope,mems_allowed=0,task=python3,pid=483880,uid=1000
Aug 27 10:58:27 worker-3 kernel: Memory cgroup out of memory: Killed process 483880 (python3) total-vm:293428kB, anon-rss:50824kB, file-rss:7296kB, shmem-rss:0kB, UID:1000 pgtables:176kB oom_score_adj:996
)X";

const std::string k_dmesg_ctime = R"X([Tue Aug 27 10:58:27 2019] python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=996
[Tue Aug 27 10:58:27 2019] memory: usage 262144kB, limit 262144kB, failcnt 47
[Tue Aug  6 10:58:27 2019] Memory cgroup out of memory: Killed process 483880 (python3) total-vm:293428kB, anon-rss:50824kB, file-rss:7296kB, shmem-rss:0kB
)X";

const std::string k_dmesg_iso = R"X(2019-08-27T10:58:27,123456+02:00 a.out[40342]: segfault at 0 ip 00000000004005b1 sp 00007ffc5b1be400 error 4 in a.out[400000+1000]
2019-08-27T10:58:27,123470+02:00 Code: 48 8b 45 f8 8b 00 89 c6 bf 84 06 40 00 b8 00 00 00 00 e8 4a fe ff ff
)X";

const std::string k_syslog = R"X(Jun 24 18:49:43 node-a kernel: [ 8341.868335] java invoked oom-killer: gfp_mask=0x24201ca, order=0, oom_score_adj=-998
Jun 24 18:49:43 node-a kernel: [ 8341.868340] java cpuset=/ mems_allowed=0
Jun 24 18:49:43 node-a kernel: [ 8341.871002] Out of memory: Kill process 20117 (java) score 1000 or sacrifice child
)X";

const std::string k_dmesg_caller = R"X([   37.128158][ T9185] stress invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0
[   37.128201][ T9185] CPU: 1 PID: 9185 Comm: stress Not tainted 5.15.0 #1
[   37.130455][ T9185] Out of memory: Killed process 9185 (stress) total-vm:262144kB, anon-rss:250000kB, file-rss:0kB, shmem-rss:0kB
)X";

const std::string k_pod_json = R"X({
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "api-7d9f8b6c5d-x2kqp",
        "namespace": "prod",
        "uid": "5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77"
    },
    "status": {
        "containerStatuses": [
            {
                "containerID": "containerd://4f1c0e9a7b2d",
                "lastState": {
                    "terminated": {
                        "exitCode": 137,
                        "reason": "OOMKilled"
                    }
                },
                "name": "api",
                "restartCount": 3
            }
        ]
    }
}
)X";

const std::string k_pod_json_minified =
    R"X({"apiVersion":"v1","kind":"Pod","metadata":{"name":"api","namespace":"prod"},"status":{"containerStatuses":[{"name":"api","lastState":{"terminated":{"exitCode":128,"reason":"StartError","message":"failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"/bin/migrate\": stat /bin/migrate: no such file or directory: unknown"}},"restartCount":2}]}})X";

const std::string k_pod_yaml = R"X(apiVersion: v1
kind: Pod
metadata:
  name: api-7d9f8b6c5d-x2kqp
  namespace: prod
status:
  containerStatuses:
  - containerID: containerd://4f1c0e9a7b2d
    lastState:
      terminated:
        exitCode: 137
        reason: OOMKilled
    name: api
    restartCount: 3
)X";

const std::string k_pod_list_yaml = R"X(apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: api-7d9f8b6c5d-x2kqp
  status:
    containerStatuses:
    - name: api
      restartCount: 3
kind: List
metadata:
  resourceVersion: ""
)X";

const std::string k_oci_containerd =
    "Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: "
    "unable to start container process: exec: \"/bin/migrate\": stat /bin/migrate: no such file or directory: unknown\n";

const std::string k_oci_docker_rc10 = R"X(docker: Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \"rootfs_linux.go:58: mounting \\\"/data/cfg.yaml\\\" to rootfs \\\"/var/lib/docker/overlay2/merged\\\" at \\\"/var/lib/docker/overlay2/merged/etc/app\\\" caused \\\"not a directory\\\"\"": unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type.
ERRO[0000] error waiting for container: context canceled
)X";

const std::string k_oci_crio =
    "  Warning  Failed  kubelet  Error: container create failed: time=\"2024-03-12T14:32:51Z\" level=error "
    "msg=\"runc create failed: unable to start container process: error during container init: exec: \\\"./agent\\\": "
    "stat ./agent: no such file or directory\"\n";

const std::string k_go_panic = R"X(2024/03/12 14:32:50 starting server on :8080
2024/03/12 14:32:51 loading config from /etc/app/config.yaml
panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]

goroutine 1 [running]:
main.main()
	/app/main.go:12 +0x1d
exit status 2
)X";

const std::string k_json_lines_log = R"X({"level":"info","ts":1710254000.1,"msg":"starting server","addr":":8080"}
{"level":"info","ts":1710254001.2,"msg":"connected to database","kind":"postgres"}
{"level":"error","ts":1710254002.3,"msg":"request failed","status":500}
{"level":"fatal","ts":1710254003.4,"msg":"out of memory, exiting"}
)X";

const std::string k_java_log = R"X(2024-03-12 14:32:50.123  INFO 1 --- [main] c.e.Application : Starting Application v1.4.2
2024-03-12 14:32:51.456 ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed
java.lang.IllegalStateException: Failed to execute CommandLineRunner
	at org.springframework.boot.SpringApplication.callRunner(SpringApplication.java:787)
Caused by: java.lang.OutOfMemoryError: Java heap space
	at java.base/java.util.Arrays.copyOf(Arrays.java:3537)
Exit Code: 1
Status: shutting down
)X";

std::string with_crlf(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    return out;
}

// Applies `prefix` to every line, as markdown quoting and bullet lists do.
std::string prefix_lines(const std::string& text, const std::string& prefix) {
    std::string out;
    bool at_start = true;
    for (const char c : text) {
        if (at_start) {
            out += prefix;
        }
        out += c;
        at_start = c == '\n';
    }
    return out;
}

// Strips indentation and squeezes every run of blanks to one space (a chat or wiki paste).
std::string flatten(const std::string& text) {
    std::string out;
    bool at_start = true;
    bool blank = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t') {
            blank = !at_start;
            continue;
        }
        if (c != '\n' && blank) {
            out += ' ';
        }
        blank = false;
        out += c;
        at_start = c == '\n';
    }
    return out;
}

std::string app_log_with_one_oci_line() {
    std::string out;
    for (int i = 0; i < 60; ++i) {
        out += "2024-03-12T14:32:" + std::to_string(10 + i % 50) + ".000Z INFO handled request id=" + std::to_string(i) +
               " status=200\n";
    }
    out += k_oci_containerd;
    return out;
}

std::string plain_lines_then_oci(int plain) {
    std::string out;
    for (int i = 0; i < plain; ++i) {
        out += "retrying deployment step " + std::to_string(i) + "\n";
    }
    return out + k_oci_containerd;
}

std::string random_binary() {
    std::string out(64 * 1024, '\0');
    std::uint64_t state = 42;
    for (char& c : out) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        c = static_cast<char>(state >> 56);
    }
    return out;
}

struct KindCase {
    const char* name;
    std::string path;
    std::string bytes;
    std::string kind;
};

std::vector<KindCase> kind_cases() {
    return {
        {"describe, current kubectl", "describe.txt", k_describe, "describe"},
        {"describe beats events: it contains an Events table", "events.txt", k_describe, "describe"},
        {"describe, CRLF", "pod.txt", with_crlf(k_describe), "describe"},
        {"describe, indentation lost", "notes.txt", flatten(k_describe), "describe"},
        {"describe, markdown quoted", "notes.md", prefix_lines(k_describe, "> "), "describe"},
        {"describe, bullet list", "notes.txt", prefix_lines(k_describe, "- "), "describe"},
        {"describe, fence glued on the first line", "notes.txt", "```" + k_describe + "```\n", "describe"},
        {"describe, fence with language on its own line", "notes.md", "```text\n" + k_describe + "```\n", "describe"},
        {"describe, CRLF and quoted and flattened", "notes.txt", with_crlf(prefix_lines(flatten(k_describe), "> ")),
         "describe"},
        {"describe, StartError with multi-line message", "describe.txt", k_describe_start_error, "describe"},
        {"describe, pre-1.8 TAB padding", "old.txt", k_describe_tabs, "describe"},
        {"describe fragment: Last State block only", "notes.txt", k_last_state_only, "describe"},
        {"describe fragment: Events table only", "notes.txt", k_events_block_only, "describe"},
        {"describe fragment: OCI Message under Last State", "notes.txt", k_message_under_last_state, "describe"},
        {"describe inside Chinese notes.txt", "notes.txt", k_notes_zh, "describe"},
        {"describe paste with an rc90 message in notes.txt", "notes.txt", k_notes_subpath, "describe"},
        {"kubectl get events 1.14+", "events.txt", k_events, "events"},
        {"kubectl get events <= 1.11", "ev.txt", k_events_old, "events"},
        {"kubectl get events -A", "all.txt", k_events_all_namespaces, "events"},
        {"kubectl events with OCI error rows", "notes.txt", k_kubectl_events, "events"},
        {"kubectl get events, CRLF", "describe.txt", with_crlf(k_events), "events"},
        {"dmesg, kernel 4.14", "dmesg.txt", k_dmesg, "kernel-log"},
        {"dmesg named like a describe", "describe.txt", k_dmesg, "kernel-log"},
        {"journalctl -k", "kern.txt", k_journal, "kernel-log"},
        {"dmesg -T", "notes.txt", k_dmesg_ctime, "kernel-log"},
        {"dmesg --time-format iso", "x.txt", k_dmesg_iso, "kernel-log"},
        {"syslog with printk stamps", "messages", k_syslog, "kernel-log"},
        {"dmesg with caller id", "x.txt", k_dmesg_caller, "kernel-log"},
        {"pod JSON", "pod.json", k_pod_json, "pod-json"},
        {"pod JSON minified, named .txt", "pod.txt", k_pod_json_minified, "pod-json"},
        {"pod YAML", "pod.yaml", k_pod_yaml, "pod-yaml"},
        {"pod List YAML", "pods.txt", k_pod_list_yaml, "pod-yaml"},
        {"OCI error, containerd", "error.txt", k_oci_containerd, "oci-message"},
        {"OCI error, Docker and runc rc10", "notes.txt", k_oci_docker_rc10, "oci-message"},
        {"OCI error, CRI-O event line", "notes.txt", k_oci_crio, "oci-message"},
        {"container log, Go panic", "api.log", k_go_panic, "container-log"},
        {"container log, JSON lines", "api.json", k_json_lines_log, "container-log"},
        {"container log, Java with key-like lines", "app.txt", k_java_log, "container-log"},
        {"container log with one OCI line", "app.txt", app_log_with_one_oci_line(), "container-log"},
        {"near tie: a .log name decides", "deploy.log", plain_lines_then_oci(16), "container-log"},
        {"near tie: any other name keeps the OCI error", "deploy.txt", plain_lines_then_oci(16), "oci-message"},
        {"empty", "empty.txt", "", "unknown"},
        {"blank lines only", "blank.txt", "\n  \n\t\n\r\n", "unknown"},
        {"random binary", "core", random_binary(), "unknown"},
        {"NUL-filled", "zeros.bin", std::string(4096, '\0'), "unknown"},
    };
}

}  // namespace

TEST_SUITE("regions") {

TEST_CASE("a file of one kind is one region of that kind") {
    for (const KindCase& c : kind_cases()) {
        INFO("case: " << std::string(c.name) << " (" << c.path << ")");
        pm::SourceText file;
        std::vector<pm::Diagnostic> warnings;
        pm::load_source_text(file, c.path, c.bytes, warnings);
        CHECK(main_kind_of(file) == c.kind);
    }
}

TEST_CASE("region splitting stays bounded on hostile input") {
    struct HostileCase {
        const char* name;
        std::string bytes;
        std::string kind;
    };
    const std::vector<HostileCase> cases = {
        {"20 MB single line", std::string(20 * 1024 * 1024, 'x'), "container-log"},
        {"20,000-space indents", [] {
             std::string s;
             for (int i = 0; i < 2000; ++i) {
                 s += std::string(20000, ' ') + "Exit Code: 137\n";
             }
             return s;
         }(),
         "unknown"},
        // Blank lines cost one test each: a describe after a million of them is still found.
        {"describe after a million blank lines", std::string(1 << 20, '\n') + k_describe, "describe"},
    };
    for (const HostileCase& c : cases) {
        INFO("case: " << std::string(c.name));
        pm::SourceText file;
        std::vector<pm::Diagnostic> warnings;
        pm::load_source_text(file, "hostile.txt", c.bytes, warnings);
        CHECK(main_kind_of(file) == c.kind);
    }
}

}  // TEST_SUITE

namespace {

// A toy reader, registered beside the built-in ones: recognised by its own signature, handed its own
// region, and nothing else changed. This is all a new reader costs.
int g_toy_reads = 0;
std::size_t g_toy_first = 0;
std::size_t g_toy_last = 0;

bool is_toy_line(std::string_view line) {
    return line.starts_with("TOY ");
}

constexpr pm::Signature k_toy_signatures[] = {{pm::LineTest::shape, {}, is_toy_line, 4, 100, 1}};
constexpr std::string_view k_toy_commands[] = {"toyctl"};

void read_toy(pm::ReadContext& context) {
    ++g_toy_reads;
    g_toy_first = context.region.first;
    g_toy_last = context.region.last;
    context.incident.warn(context.cite(context.region.first), "toy reader was here");
}

pm::ReaderRegistry with_toy() {
    pm::ReaderRegistry registry = pm::ReaderRegistry::builtin();
    pm::KindProfile profile;
    profile.signatures = k_toy_signatures;
    profile.commands = k_toy_commands;
    registry.add({"toy", "unknown", profile, read_toy});
    return registry;
}

}  // namespace

TEST_SUITE("regions") {

TEST_CASE("a registered toy reader is recognised and reads its region, beside the built-in ones") {
    const pm::ReaderRegistry registry = with_toy();
    pm::SourceText file;
    pm::set_source_text(file, "notes.md",
                        std::string(pm::test::k_current_oom) + "\nSome prose between the pastes.\n\n"
                        "$ toyctl dump\nTOY alpha\nTOY beta\nTOY gamma\n");
    const pm::RegionSplit split = pm::split_regions(file.lines, file.path, registry.profiles());
    REQUIRE(split.regions.size() == 2);
    CHECK(registry.readers()[split.regions[0].kind].name == "describe");
    CHECK(registry.readers()[split.regions[1].kind].name == "toy");
    CHECK(split.regions[1].first + 1 == file.lines.size() - 2);  // the three TOY lines, 0-based
    CHECK(split.regions[1].last + 1 == file.lines.size());

    // Through the whole pipeline: the toy reads its lines, the describe reader reads its own.
    pm::Analysis analysis;
    auto text = std::make_unique<pm::SourceText>();
    pm::set_source_text(*text, "notes.md", std::string(file.text));
    g_toy_reads = 0;
    pm::read_source(pm::builtin_grammar(), std::move(text), analysis, registry);
    pm::finish_analysis(pm::builtin_grammar(), analysis);
    CHECK(g_toy_reads == 1);
    CHECK(g_toy_first == split.regions[1].first);
    CHECK(g_toy_last == split.regions[1].last);
    REQUIRE(analysis.incident.inputs.size() == 1);
    REQUIRE(analysis.incident.inputs[0].regions.size() == 2);
    CHECK(analysis.incident.inputs[0].regions[1].reader == "toy");
    CHECK(analysis.incident.pods.size() == 1);
    bool toy_warned = false;
    for (const auto& d : analysis.incident.diagnostics) {
        toy_warned = toy_warned || d.message == "toy reader was here";
    }
    CHECK(toy_warned);
}

TEST_CASE("shell prompts and fences bound regions; prose between them is read by no one") {
    pm::SourceText file;
    const std::string text =
        "# Incident notes\n\nThe pod kept restarting.\n\n```console\n$ kubectl describe pod api-7d9f8b6c5d-x2kqp\n" +
        std::string(pm::test::k_current_oom) +
        "```\n\nThen the node:\n\n```\n$ dmesg -T | tail\n"
        "[Tue Aug 27 08:58:27 2019] Memory cgroup out of memory: Killed process 4242 (java) total-vm:2097152kB, "
        "anon-rss:262144kB, file-rss:0kB, shmem-rss:0kB\n"
        "[Tue Aug 27 08:58:27 2019] oom_reaper: reaped process 4242 (java), now anon-rss:0kB, file-rss:0kB, "
        "shmem-rss:0kB\n```\n\nand that was it.\n";
    pm::set_source_text(file, "notes.md", text);
    const pm::ReaderRegistry& registry = pm::ReaderRegistry::builtin();
    const pm::RegionSplit split = pm::split_regions(file.lines, file.path, registry.profiles());
    REQUIRE(split.regions.size() == 2);
    CHECK(registry.readers()[split.regions[0].kind].kind == "describe");
    CHECK(split.regions[0].first == 6);  // the line after the prompt
    CHECK(registry.readers()[split.regions[1].kind].kind == "kernel-log");
    CHECK(file.lines[split.regions[1].first].find("Killed process 4242") != std::string_view::npos);
    CHECK(file.lines[split.regions[1].last].find("oom_reaper") != std::string_view::npos);
}

TEST_CASE("what a person typed at a shell is a prompt; what programs print is not") {
    struct Row {
        const char* line;
        bool prompt;
    };
    const std::vector<Row> rows = {
        {"$ kubectl logs -p api-0", true},
        {"sre@bastion:~$ kubectl -n payments logs -p ledger-api-7f4c8d9b6-w8zrt", true},
        {"[10:40:31] sre@bastion-syd-1:~$ kubectl -n payments logs -p ledger-api-7f4c8d9b6-w8zrt", true},
        {"[10:41:14] sre@bastion-syd-1:~$", true},
        {"[root@node-3 ~]# dmesg -T | tail", true},
        {"PS C:\\Users\\ops> kubectl get events", true},
        {"bash-5.1$ kubectl logs -p api-0", true},
        {"(venv) $ kubectl logs -p api-0", true},
        {"\u276F kubectl -n shop logs -p api-0", true},
        {"$ k logs -p api-0", true},
        {"# Incident notes", false},
        {"# dmesg output below", false},
        {"$5 charged to card ending 4242", false},
        {"[2024-05-14 07:44:40] INFO listening on :8080", false},
        {"2024-05-14T07:44:40Z panic: boom", false},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.line));
        CHECK(pm::is_shell_prompt(row.line) == row.prompt);
    }
}

TEST_CASE("a prompt's command names the kind of what follows, however kubectl was typed") {
    struct Row {
        const char* line;
        const char* kind;  // "" for no hint
    };
    const std::vector<Row> rows = {
        {"$ kubectl logs -p api-0 -c worker -n orders", "container-log"},
        {"$ kubectl -n orders logs -p api-0 -c worker", "container-log"},
        {"$ kubectl --namespace=orders logs --previous api-0", "container-log"},
        {"$ kubectl --context prod-eu -n orders logs -p api-0", "container-log"},
        {"$ kubectl -A get events --sort-by=.lastTimestamp", "events"},
        {"$ k -n orders get events", "events"},
        {"$ sudo kubectl --kubeconfig /etc/kubernetes/admin.conf -n kube-system describe pod etcd-0", "describe"},
        {"bash-5.1$ kubectl -n orders describe pod api-0", "describe"},
        {"(venv) sre@box:~$ kubectl -n orders logs -p api-0", "container-log"},
        {"\u276F kubectl -n orders logs -p api-0", "container-log"},
        {"$ oc -n orders logs -p api-0", "container-log"},
        {"$ kubectl -n orders describe pod api-0 > describe.txt", ""},
        {"$ kubectl -n orders logs -p api-0 >> api.log", ""},
        {"$ kubectl -n orders logs -p api-0 2>&1 | tail -50", "container-log"},
        {"$ kubectl -n orders logs -p api-0 2>/dev/null", "container-log"},
        {"$ cd /tmp", ""},
    };
    const pm::ReaderRegistry& registry = pm::ReaderRegistry::builtin();
    for (const Row& row : rows) {
        CAPTURE(std::string(row.line));
        bool is_prompt = false;
        const std::size_t kind = pm::prompt_hint(row.line, registry.profiles(), is_prompt);
        const std::string got = kind < registry.readers().size() ? std::string(registry.readers()[kind].kind) : "";
        CHECK(got == row.kind);
        CHECK(is_prompt == (std::string_view(row.line) != "$ cd /tmp"));
    }
}

TEST_CASE("describe's event rows: alone they are events, after a describe and some prose they are its own") {
    const std::string rows =
        "  Normal   Pulled     2s (x5 over 54s)  kubelet            Container image \"registry.example/demo:0.15.6\" "
        "already present on machine\n"
        "  Warning  Failed     2s (x5 over 54s)  kubelet            Error: couldn't find key VALUE in Secret "
        "default/demo-secret\n";
    const pm::ReaderRegistry& registry = pm::ReaderRegistry::builtin();
    SUBCASE("alone") {
        pm::SourceText file;
        pm::set_source_text(file, "ticket.txt", "```\n" + rows + "```\n");
        const pm::RegionSplit split = pm::split_regions(file.lines, file.path, registry.profiles());
        REQUIRE(split.regions.size() == 1);
        CHECK(registry.readers()[split.regions[0].kind].kind == "events");
    }
    SUBCASE("after a describe, past a line of prose") {
        pm::SourceText file;
        pm::set_source_text(file, "notes.md",
                            std::string(pm::test::k_current_oom) + "\nEvents (trimmed):\n\n" + rows);
        const pm::RegionSplit split = pm::split_regions(file.lines, file.path, registry.profiles());
        REQUIRE(split.regions.size() == 1);
        CHECK(registry.readers()[split.regions[0].kind].kind == "describe");
        CHECK(split.regions[0].last + 1 == file.lines.size());
    }
}

TEST_CASE("a log quoted inside a describe message stays in the describe") {
    pm::SourceText file;
    pm::set_source_text(file, "describe.txt", std::string(R"X(Name:         api-0
Namespace:    prod
Containers:
  api:
    Container ID:   containerd://4f1c0e9a7b2d
    Image:          registry.example/api:1.4.2
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Message:      panic: runtime error: invalid memory address or nil pointer dereference

goroutine 1 [running]:
main.main()
                    /app/main.go:12 +0x1d
      Exit Code:    2
      Started:      Tue, 27 Aug 2019 10:57:58 +0200
      Finished:     Tue, 27 Aug 2019 10:57:59 +0200
    Ready:          False
    Restart Count:  6
Events:             <none>
)X"));
    const pm::ReaderRegistry& registry = pm::ReaderRegistry::builtin();
    const pm::RegionSplit split = pm::split_regions(file.lines, file.path, registry.profiles());
    REQUIRE(split.regions.size() == 1);
    CHECK(registry.readers()[split.regions[0].kind].kind == "describe");
    CHECK(split.regions[0].last + 1 == file.lines.size());
}

namespace {

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string sample_text(const char* relative) {
    return file_text(std::filesystem::path(PM_SOURCE_DIR) / "samples" / relative);
}

// `block` repeated until the text has at least `lines` lines.
std::string repeated(const std::string& block, std::size_t lines) {
    const auto per_block = static_cast<std::size_t>(std::count(block.begin(), block.end(), '\n'));
    std::string text;
    for (std::size_t have = 0; per_block > 0 && have < lines; have += per_block) {
        text += block;
    }
    return text;
}

// Splits `text` on one thread and on three, and checks the two agree.
void check_same_split(const std::string& text, const std::string& name = "notes.txt") {
    const pm::ReaderRegistry& registry = pm::ReaderRegistry::builtin();
    pm::SourceText file;
    pm::test::load_text(file, name, text);
    REQUIRE(file.lines.size() >= 65536);
    const pm::RegionSplit one = pm::split_regions(file.lines, file.path, registry.profiles(), &registry.index(), 1);
    const pm::RegionSplit three = pm::split_regions(file.lines, file.path, registry.profiles(), &registry.index(), 3);
    CHECK(one.binary == three.binary);
    REQUIRE(one.regions.size() == three.regions.size());
    for (std::size_t r = 0; r < one.regions.size(); ++r) {
        CHECK(one.regions[r].first == three.regions[r].first);
        CHECK(one.regions[r].last == three.regions[r].last);
        CHECK(one.regions[r].kind == three.regions[r].kind);
    }
}

}  // namespace

// A section of 65,536 lines or more finds its blocks and their telling lines on every thread: every
// sample input, repeated past that, splits into the same regions on three threads as on one.
TEST_CASE("every sample, repeated into a large text, splits the same on several threads") {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(PM_SOURCE_DIR) / "samples")) {
        if (entry.is_regular_file() && entry.file_size() > 0 && entry.file_size() < (256u << 10)) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() > 20);
    for (const fs::path& path : files) {
        CAPTURE(path.string());
        std::string once = file_text(path);
        once += once.ends_with('\n') ? "\n" : "\n\n";  // copies apart by a blank line
        check_same_split(repeated(once, 70000), path.filename().string());
    }
}


// One long section (no prompt, no fence) of blank-line blocks of several kinds: whether a block goes
// on with the one before it is decided from telling lines found on other threads, as on one.
TEST_CASE("a long section of blocks of several kinds splits the same on several threads") {
    const std::string describe = sample_text("oom-killed/describe.txt");
    const std::string dmesg = sample_text("dmesg-alone-old-kernel/dmesg.txt");
    const std::string events = sample_text("events-old-layout/events.txt");
    const std::string log = sample_text("go-panic-previous-log/api-previous.log");
    REQUIRE(!describe.empty());
    REQUIRE(!dmesg.empty());
    const std::string text = repeated(describe + "\n" + dmesg + "\n" + events + "\n" + log + "\n", 70000);
    const pm::ReaderRegistry& registry = pm::ReaderRegistry::builtin();
    pm::SourceText file;
    pm::test::load_text(file, "notes.txt", text);
    const pm::RegionSplit one = pm::split_regions(file.lines, file.path, registry.profiles(), &registry.index(), 1);
    CHECK(one.regions.size() > 100);  // the kinds alternate: the blocks are not all one region
    check_same_split(text);
}

// The binary test samples the first MiB of the lines looked at, in order: lines looked at ahead, on
// other threads, count as if looked at in order. Records whose first line is mostly control bytes:
// binary on one thread, and so on three.
TEST_CASE("lines looked at ahead count towards the binary test as on one thread") {
    const std::string describe = sample_text("oom-killed/describe.txt");
    REQUIRE(!describe.empty());
    const std::string record = "Name:         " + std::string(40, '\x01') + "\nNamespace:    default\n\n";
    const std::string text = describe + "\n" + repeated(record, 70000);
    const pm::ReaderRegistry& registry = pm::ReaderRegistry::builtin();
    pm::SourceText file;
    pm::test::load_text(file, "notes.txt", text);
    CHECK(pm::split_regions(file.lines, file.path, registry.profiles(), &registry.index(), 1).binary);
    check_same_split(text);
}

}  // TEST_SUITE

TEST_CASE("pm::normalise_pasted_line: paste damage off the front, every run of blanks one space") {
    struct Row {
        const char* name;
        std::string raw;
        std::string expected;
    };
    const Row rows[] = {
        {"describe field", "    Reason:       OOMKilled", "Reason: OOMKilled"},
        {"quote, bullet and fence", "> - ```Exit Code:\t137", "Exit Code: 137"},
        {"no-break spaces are blanks", "Restart\xC2\xA0\xC2\xA0" "Count: 3", "Restart Count: 3"},
        {"other UTF-8 kept whole", "Message:  caf\xC3\xA9 \xC2\xA9 ok", "Message: caf\xC3\xA9 \xC2\xA9 ok"},
        {"trailing blanks and CR dropped", "Ready:  False \r", "Ready: False"},
        {"bullet dot", "\xE2\x80\xA2 Node: node-1", "Node: node-1"},
        {"blank", " \t ", ""},
    };
    std::string out;
    for (const Row& row : rows) {
        INFO(row.name);
        pm::normalise_pasted_line(row.raw, 8192, out);
        CHECK(out == row.expected);
    }
}

// Runs of text are found sixteen bytes at a time: generated lines with long and short runs, blanks,
// no-break spaces and other UTF-8 around the block edges read as a byte-by-byte reading reads them.
TEST_CASE("pm::normalise_pasted_line reads long runs as a byte-by-byte reading does") {
    const auto reference = [](std::string_view s) {
        // Damage off the front: blanks, quote and fence marks, list markers, no-break spaces.
        for (bool cut = true; cut;) {
            cut = false;
            for (const std::string_view mark : {" ", "\t", ">", "`", "\xC2\xA0", "- ", "* ", "+ ", "\xE2\x80\xA2 "}) {
                if (s.starts_with(mark)) {
                    s.remove_prefix(mark.size());
                    cut = true;
                    break;
                }
            }
        }
        std::string out;
        bool blank = false;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const bool nbsp = s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
            if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || nbsp) {
                blank = true;
                i += nbsp ? 1 : 0;
                continue;
            }
            if (blank) {
                out.push_back(' ');  // a blank the front strip leaves (a CR) still counts
            }
            blank = false;
            out.push_back(s[i]);
        }
        return out;
    };
    const std::vector<std::string> pieces = {"a", "registry.example/demo@sha256:40790881bbe9ef4ae4ff", " ", "  ", "\t", "\r",
                                             "\xC2\xA0", "\xC2\xA9", "caf\xC3\xA9", "Exit Code:", "-", ">"};
    std::uint64_t state = 99;
    std::string out;
    for (int n = 0; n < 20000; ++n) {
        std::string line;
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const std::size_t count = (state >> 33) % 12;
        for (std::size_t k = 0; k < count; ++k) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            line += pieces[(state >> 33) % pieces.size()];
        }
        pm::normalise_pasted_line(line, 8192, out);
        const std::string want = reference(line);
        CAPTURE(line);
        CHECK(out == want);
    }
}
