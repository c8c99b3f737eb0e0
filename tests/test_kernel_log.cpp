// Kernel logs (formats.md §3): every envelope stripped to the kernel's words, cgroup paths decoded,
// OOM reports rebuilt across kernel generations (sacrifice child, ratelimited header, group kill,
// split `oom-kill:` line).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "correlate/kernel_events.hpp"
#include "readers/kernel_log/cgroup_path.hpp"
#include "readers/kernel_log/envelope.hpp"
#include "readers/kernel_log/kernel_log_reader.hpp"
#include "readers/kernel_log/oom_record.hpp"

using namespace pm;

namespace {

struct EnvelopeCase {
    const char* name;
    const char* line;
    KernelLineKind kind;
    const char* message;
    double uptime;        // < 0: none
    const char* wall;     // RFC 3339 as formatted, or nullptr: none
};

constexpr auto msg = KernelLineKind::message;
constexpr auto other = KernelLineKind::other;

}  // namespace

TEST_SUITE("kernel_log") {

TEST_CASE("pm::strip_kernel_envelope") {
    const EnvelopeCase cases[] = {
        {"dmesg raw", "[ 8341.868335] java invoked oom-killer: x", msg, "java invoked oom-killer: x", 8341.868335, nullptr},
        {"dmesg raw, 7 digits", "[1234567.101213] Killed process 1 (a)", msg, "Killed process 1 (a)", 1234567.101213, nullptr},
        {"printk caller id", "[   37.128158][ T9185] oom_reaper: reaped", msg, "oom_reaper: reaped", 37.128158, nullptr},
        {"printk caller id, cpu", "[   37.128158][    C1] NMI watchdog", msg, "NMI watchdog", 37.128158, nullptr},
        {"dmesg -T", "[Tue Aug 27 10:58:27 2019] Killed process 1 (a)", msg, "Killed process 1 (a)", -1,
         "2019-08-27T10:58:27"},
        {"dmesg -T, padded day", "[Tue Aug  6 10:58:27 2019] x", msg, "x", -1, "2019-08-06T10:58:27"},
        {"dmesg -T, localized", "[月  1月 26 01:49:41 2026] x", msg, "x", -1, nullptr},
        {"dmesg iso, util-linux 2.32+", "2024-11-19T14:23:06,412345+01:00 node invoked oom-killer: y", msg,
         "node invoked oom-killer: y", -1, "2024-11-19T14:23:06.412345+01:00"},
        {"dmesg iso, util-linux 2.31", "2024-11-19T14:23:06,412345+0100 IPVS: rr: x", msg, "IPVS: rr: x", -1,
         "2024-11-19T14:23:06.412345+01:00"},
        {"dmesg -x", "kern  :warn  : [19412.507719] node invoked", msg, "node invoked", 19412.507719, nullptr},
        {"dmesg -x, userspace", "user  :notice: [   12.000000] systemd[1]: Started", other, "", -1, nullptr},
        {"<N> level", "<4>[ 12.500000] eth0: link up", msg, "eth0: link up", 12.5, nullptr},
        {"journal short", "Aug 27 10:58:27 worker-3 kernel: memory: usage 1kB", msg, "memory: usage 1kB", -1, nullptr},
        {"journal short, other unit", "Aug 27 10:58:27 worker-3 kubelet[2211]: I0827 x", other, "I0827 x", -1, nullptr},
        {"journal short-precise", "Nov 19 14:23:06.412772 worker-3 kernel: Call Trace:", msg, "Call Trace:", -1, nullptr},
        {"journal short-iso", "2019-08-27T10:58:27+0200 worker-3 kernel: Killed process 2 (b)", msg,
         "Killed process 2 (b)", -1, "2019-08-27T10:58:27+02:00"},
        {"journal short-iso, other", "2019-08-27T10:58:27+0200 worker-3 containerd[1]: x", other, "x", -1,
         "2019-08-27T10:58:27+02:00"},
        {"journal short-monotonic", "[19412.507719] worker-3 kernel: node invoked", msg, "node invoked", 19412.507719, nullptr},
        {"journal short-monotonic, other", "[19412.507719] worker-3 kubelet[99]: x", other, "", -1, nullptr},
        {"journal reboot", "-- Reboot --", KernelLineKind::reboot, "", -1, nullptr},
        {"journal header", "-- Logs begin at Wed 2016-11-30 08:49:56 CET, end at Thu 2016-12-01 08:49:56 CET. --", other,
         "", -1, nullptr},
        {"RFC 3164 with printk stamp", "Jun 24 18:49:43 node-1 kernel: [ 8341.868335] Out of memory: x", msg,
         "Out of memory: x", 8341.868335, nullptr},
        {"RFC 3164, day padded", "Mar  3 02:04:22 k8s-node07 kernel: cache-warmer invoked", msg, "cache-warmer invoked", -1,
         nullptr},
        {"RFC 3164, other program", "Mar  3 02:04:22 k8s-node07 dockerd: time=x", other, "time=x", -1, nullptr},
        {"rsyslog ISO", "2019-08-27T10:58:27.123456+02:00 node-1 kernel: [ 1.500000] x", msg, "x", 1.5,
         "2019-08-27T10:58:27.123456+02:00"},
        {"RFC 5424", "<4>1 2024-11-19T14:23:06.412922+01:00 worker-3 kernel - - - [19412.507719] node invoked", msg,
         "node invoked", 19412.507719, "2024-11-19T14:23:06.412922+01:00"},
        {"RFC 5424, other app", "<30>1 2024-11-19T14:23:06.4+01:00 worker-3 kubelet 22 - - x", other, "x", -1,
         "2024-11-19T14:23:06.4+01:00"},
        {"talosctl dmesg", "172.20.0.2: kern: warning: [2024-11-19T13:23:06.412345417Z]: node invoked", msg,
         "node invoked", -1, "2024-11-19T13:23:06.412345417Z"},
        {"talosctl dmesg, padded level", "172.20.0.2: kern:     err: [2024-11-19T13:23:06.412635417Z]: Killed", msg,
         "Killed", -1, "2024-11-19T13:23:06.412635417Z"},
        {"Markdown quote", "> [Tue Jan 15 14:02:11 2019] python3 invoked", msg, "python3 invoked", -1, "2019-01-15T14:02:11"},
        {"continuation", "               file 3342336", KernelLineKind::continuation, "file 3342336", -1, nullptr},
        {"bare message", "Memory cgroup out of memory: Killed process 8803 (node)", msg,
         "Memory cgroup out of memory: Killed process 8803 (node)", -1, nullptr},
        {"blank", "   ", other, "", -1, nullptr},
    };
    for (const EnvelopeCase& c : cases) {
        CAPTURE(c.name);
        const KernelLine k = strip_kernel_envelope(c.line);
        CHECK(static_cast<int>(k.kind) == static_cast<int>(c.kind));
        CHECK(std::string(k.message) == c.message);
        if (c.uptime < 0) {
            CHECK_FALSE(k.uptime_s.has_value());
        } else {
            REQUIRE(k.uptime_s.has_value());
            CHECK(*k.uptime_s == doctest::Approx(c.uptime).epsilon(1e-12));
        }
        CHECK((k.wall ? format_rfc3339(*k.wall) : std::string("none")) == (c.wall ? c.wall : "none"));
    }
}

// The machine each envelope names, for a kill to be tied only to pods of that node.
TEST_CASE("pm::strip_kernel_envelope names the host") {
    struct HostCase {
        const char* name;
        const char* line;
        const char* host;
    };
    const HostCase cases[] = {
        {"journal short", "Jun 03 09:09:59 worker-7 kernel: Killed process 1 (a)", "worker-7"},
        {"journal short-iso", "2024-06-03T09:09:59+0000 worker-7 kernel: Killed process 1 (a)", "worker-7"},
        {"journal short-precise", "Jun 03 09:09:59.412772 ip-10-0-0-7.ec2.internal kernel: x", "ip-10-0-0-7.ec2.internal"},
        {"journal short-monotonic", "[19412.507719] worker-7 kernel: node invoked", "worker-7"},
        {"RFC 3164", "Mar  3 02:04:22 k8s-node07 kernel: cache-warmer invoked", "k8s-node07"},
        {"RFC 5424", "<4>1 2024-11-19T14:23:06.412922+01:00 worker-3 kernel - - - x", "worker-3"},
        {"RFC 5424, nil host", "<4>1 2024-11-19T14:23:06.412922+01:00 - kernel - - - x", ""},
        {"dmesg raw", "[ 8341.868335] Killed process 1 (a)", ""},
        {"dmesg -T", "[Tue Aug 27 10:58:27 2019] Killed process 1 (a)", ""},
        {"dmesg iso", "2024-11-19T14:23:06,412345+01:00 node invoked oom-killer: y", ""},
    };
    for (const HostCase& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        CHECK(std::string(strip_kernel_envelope(c.line).host) == c.host);
    }
}

TEST_CASE("pm::decode_cgroup_path") {
    struct Case {
        const char* uid;
        const char* container;
        const char* qos;
    };
    const std::string id = "46b3e0a4c8a94fbd5f0c0ab9e2b7f1d3c5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0";
    const std::string cases_paths[] = {
        "/kubepods/burstable/pod0b7c5a2e-1d2a-4c7e-9a51-0f3e2d1c9b77/" + id,
        "/kubepods/burstable/pod0b7c5a2e-1d2a-4c7e-9a51-0f3e2d1c9b77/crio-" + id,
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0b7c5a2e_1d2a_4c7e_9a51_0f3e2d1c9b77.slice/"
        "cri-containerd-" + id + ".scope",
        "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod0b7c5a2e_1d2a_4c7e_9a51_0f3e2d1c9b77.slice/docker-" +
            id + ".scope",
        "/kubepods/pod0b7c5a2e-1d2a-4c7e-9a51-0f3e2d1c9b77",
        "/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-pod0b7c5a2e_1d2a_4c7e_9a51_0f3e2d1c9b77.slice/cri-containerd-" +
            id + ".scope",
        "cri-containerd-" + id + ".scope",
        "/",
        "/system.slice/docker.service",
    };
    const Case want[] = {
        {"0b7c5a2e-1d2a-4c7e-9a51-0f3e2d1c9b77", id.c_str(), "burstable"},
        {"0b7c5a2e-1d2a-4c7e-9a51-0f3e2d1c9b77", id.c_str(), "burstable"},
        {"0b7c5a2e-1d2a-4c7e-9a51-0f3e2d1c9b77", id.c_str(), "burstable"},
        {"0b7c5a2e-1d2a-4c7e-9a51-0f3e2d1c9b77", id.c_str(), "besteffort"},
        {"0b7c5a2e-1d2a-4c7e-9a51-0f3e2d1c9b77", nullptr, "guaranteed"},
        {"0b7c5a2e-1d2a-4c7e-9a51-0f3e2d1c9b77", id.c_str(), "guaranteed"},
        {nullptr, id.c_str(), nullptr},
        {nullptr, nullptr, nullptr},
        {nullptr, nullptr, nullptr},
    };
    for (std::size_t i = 0; i < std::size(want); ++i) {
        CAPTURE(cases_paths[i]);
        const CgroupIds ids = decode_cgroup_path(cases_paths[i]);
        CHECK(ids.pod_uid.value_or("none") == (want[i].uid ? want[i].uid : "none"));
        CHECK(ids.container_id.value_or("none") == (want[i].container ? want[i].container : "none"));
        CHECK(ids.qos.value_or("none") == (want[i].qos ? want[i].qos : "none"));
    }
}

namespace {

struct Kill {
    const char* process;
    long long pid;
    const char* scope;
    bool header_lost;
    std::uint32_t first_line;
};

std::vector<KernelEvent> build(const std::vector<std::string>& messages, Incident& incident) {
    OomBuilder builder(incident);
    std::uint32_t line = 0;
    for (const std::string& m : messages) {
        KernelMessage km;
        km.text = incident.keep(m);
        km.at = {0, ++line};
        builder.feed(km);
    }
    return builder.finish();
}

void check_kills(const std::vector<KernelEvent>& got, const std::vector<Kill>& want) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        CAPTURE(i);
        CHECK(std::string(got[i].process.value_or("none")) == want[i].process);
        CHECK(got[i].pid.value_or(-1) == want[i].pid);
        CHECK(std::string(got[i].oom_scope.value_or("none")) == want[i].scope);
        CHECK(got[i].header_lost == want[i].header_lost);
        CHECK(got[i].first_line == want[i].first_line);
    }
}

const std::string k_pod = "/kubepods/burstable/pod6a509898-1fb6-43d0-a709-f7f62776b47f/"
                          "d83231b8ead84ebd01394e04b6ed856f09d2e14afe83341bdd546c5b7c5aacb2";

}  // namespace

TEST_CASE("pm::OomBuilder: 4.14, sacrifice child, then a header-less kill of another cgroup") {
    Incident incident;
    const auto events = build(
        {
            "python3 invoked oom-killer: gfp_mask=0x14000c0(GFP_KERNEL), nodemask=(null),  order=0, oom_score_adj=968",
            "python3 cpuset=d83231b8ead84ebd01394e04b6ed856f09d2e14afe83341bdd546c5b7c5aacb2 mems_allowed=0",
            "Task in " + k_pod + " killed as a result of limit of " + k_pod,
            "memory: usage 1048576kB, limit 1048576kB, failcnt 5412",
            "kmem: usage 4124kB, limit 9007199254740988kB, failcnt 0",
            "Memory cgroup out of memory: Kill process 30711 (python3) score 1733 or sacrifice child",
            "Killed process 30802 (java) total-vm:5133320kB, anon-rss:214488kB, file-rss:16420kB, shmem-rss:0kB",
            "oom_reaper: reaped process 30802 (java), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
            "Memory cgroup out of memory: Kill process 24410 (ruby) score 1001 or sacrifice child",
            "Killed process 24410 (ruby) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB",
        },
        incident);
    check_kills(events, {{"java", 30802, "memcg", false, 1}, {"ruby", 24410, "memcg", true, 9}});
    CHECK(events[0].chosen_pid.value_or(0) == 30711);
    CHECK(std::string(events[0].pod_uid.value_or("")) == "6a509898-1fb6-43d0-a709-f7f62776b47f");
    CHECK(std::string(events[0].container_id.value_or("")).starts_with("d83231b8"));
    CHECK(events[0].memcg_usage_kb.value_or(0) == 1048576);
    CHECK(events[0].kmem_usage_kb.value_or(0) == 4124);
    CHECK(std::string(events[0].gfp_mask.value_or("")) == "0x14000c0(GFP_KERNEL)");
    CHECK(events[0].order.value_or(-1) == 0);
    CHECK(events[0].last_line == 8);
    CHECK_FALSE(events[1].pod_uid.has_value());  // never glued to the previous header
}

TEST_CASE("pm::OomBuilder: 6.x group kill with a repeated victim and an interleaved reaper") {
    Incident incident;
    const std::string scope = "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod94eb36cd_29e1_478b_b365_"
                              "4cb5dfc7d6fb.slice/cri-containerd-e2754045aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.scope";
    const auto events = build(
        {
            "ThreadPoolForeg invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=999",
            "memory: usage 1048576kB, limit 1048576kB, failcnt 91",
            "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=x,mems_allowed=0,oom_memcg=" + scope +
                ",task_memcg=" + scope + ",task=chrome,pid=23176,uid=1000",
            "Memory cgroup out of memory: Killed process 23176 (chrome) total-vm:1kB, anon-rss:800kB, UID:1000",
            "Tasks in " + scope + " are going to be killed due to memory.oom.group set",
            "Memory cgroup out of memory: Killed process 22874 (node) total-vm:1kB, anon-rss:1kB",
            "oom_reaper: reaped process 23176 (chrome), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
            "Memory cgroup out of memory: Killed process 22981 (chrome) total-vm:1kB, anon-rss:1kB",
            "Memory cgroup out of memory: Killed process 23176 (chrome) total-vm:1kB, anon-rss:0kB",
        },
        incident);
    check_kills(events, {{"chrome", 23176, "memcg", false, 1}, {"node", 22874, "memcg", false, 1},
                         {"chrome", 22981, "memcg", false, 1}});
    CHECK(events[0].group_kill);
    CHECK(events[0].last_line == 9);
    CHECK(std::string(events[0].constraint.value_or("")) == "CONSTRAINT_MEMCG");
    CHECK(std::string(events[2].pod_uid.value_or("")) == "94eb36cd-29e1-478b-b365-4cb5dfc7d6fb");
}

TEST_CASE("pm::OomBuilder: global OOM with the early-4.19 split oom-kill line") {
    Incident incident;
    const auto events = build(
        {
            "python3 invoked oom-killer: gfp_mask=0x6280ca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), nodemask=(null), order=0, "
            "oom_score_adj=1000",
            "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=c2eb61f9,mems_allowed=0",
            ",global_oom,task_memcg=/kubepods/besteffort/pod65e6c110-a88e-4f2b-9c2d-1e3f4a5b6c7d/c2eb61f9,task=python3,"
            "pid=23114,uid=0",
            "Out of memory: Kill process 23114 (python3) score 1859 or sacrifice child",
            "Killed process 23114 (python3) total-vm:7608840kB, anon-rss:6960000kB, file-rss:0kB, shmem-rss:0kB",
        },
        incident);
    check_kills(events, {{"python3", 23114, "global", false, 1}});
    CHECK(std::string(events[0].cgroup.value_or("")).starts_with("/kubepods/besteffort/pod65e6c110"));
    CHECK(std::string(events[0].pod_uid.value_or("")) == "65e6c110-a88e-4f2b-9c2d-1e3f4a5b6c7d");
    CHECK_FALSE(events[0].chosen_pid.has_value());
}

TEST_CASE("pm::OomBuilder: 3.10 RHEL kill line, pod-level limit, kmem") {
    Incident incident;
    const std::string pod = "/kubepods/burstable/podfd195f9e-b822-49f4-a1a6-3680ae059071";
    const auto events = build(
        {
            "cache-warmer invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=984",
            "Task in " + pod + "/4a90f331f111b97c9ef6d60fea74f0c886622f0e8dee892a9660438326ec1383 killed as a result of "
                               "limit of " + pod,
            "memory: usage 524288kB, limit 524288kB, failcnt 1870603",
            "kmem: usage 521512kB, limit 9007199254740988kB, failcnt 0",
            "Memory cgroup out of memory: Kill process 27961 (cache-warmer) score 988 or sacrifice child",
            "Killed process 27961 (cache-warmer), UID 1000, total-vm:111360kB, anon-rss:2140kB, file-rss:596kB",
        },
        incident);
    check_kills(events, {{"cache-warmer", 27961, "memcg", false, 1}});
    CHECK(std::string(events[0].oom_memcg.value_or("")) == pod);
    CHECK(events[0].kmem_usage_kb.value_or(0) == 521512);
    CHECK(events[0].anon_rss_kb.value_or(0) == 2140);
    CHECK(std::string(events[0].gfp_mask.value_or("")) == "0xd0");
}

TEST_CASE("pm::OomBuilder: a comm with parentheses and blanks") {
    Incident incident;
    const auto events =
        build({"Out of memory: Killed process 77 (my (odd) app) total-vm:10kB, anon-rss:4kB, file-rss:0kB"}, incident);
    check_kills(events, {{"my (odd) app", 77, "global", true, 1}});
}

TEST_CASE("pm::kernel_events_in: an 80-column wrapped, quoted paste is joined before it is read") {
    Incident incident;
    const std::string text =
        "> [Tue Jan 15 14:02:11 2019] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),c\n"
        "> puset=c2eb61f917df22b5889047fd6cea7dce430e929be00ce75ce0fd8eac43f56acb,mems_allo\n"
        "> wed=0\n"
        "> [Tue Jan 15 14:02:11 2019] ,global_oom,task_memcg=/kubepods/besteffort/pod65e6c1\n"
        "> 10-a88e-4efd-a044-78266d385610/c2eb61f917df22b5889047fd6cea7dce430e929be00ce75ce\n"
        "> 0fd8eac43f56acb,task=python3,pid=23114,uid=0\n"
        "> [Tue Jan 15 14:02:11 2019] Killed process 23114 (python3) total-vm:7608840kB, an\n"
        "> on-rss:6960000kB, file-rss:0kB, shmem-rss:0kB\n";
    const auto events = kernel_events_in(text, incident);
    REQUIRE(events.size() == 1);
    CHECK(std::string(events[0].oom_scope.value_or("")) == "global");
    CHECK(std::string(events[0].pod_uid.value_or("")) == "65e6c110-a88e-4efd-a044-78266d385610");
    CHECK(std::string(events[0].container_id.value_or("")) ==
          "c2eb61f917df22b5889047fd6cea7dce430e929be00ce75ce0fd8eac43f56acb");
    CHECK(events[0].anon_rss_kb.value_or(0) == 6960000);
    CHECK(events[0].time.has_value());
    CHECK(events[0].first_line == 1);
}

TEST_CASE("pm::kernel_events_in: boots, segfaults, page allocation failures, hung tasks") {
    Incident incident;
    const std::string text =
        "2024-03-12T14:38:51+0000 node-c3 kernel: IPVS: rr: TCP 10.96.0.10:53 - no destination available\n"
        "-- Reboot --\n"
        "2024-03-12T14:41:05+0000 node-c3 kernel: Linux version 5.15.0-97-generic (buildd@lcy02) (gcc (Ubuntu 9.4.0) "
        "9.4.0, GNU ld 2.34) #107~20.04.1-Ubuntu SMP\n"
        "[71608.778608] imgproc[140377]: segfault at 0 ip 00007fad6e8bed3e sp 00007ffcfe184480 error 4 in "
        "libvips.so.42.17.2[7fad6e80a000+2a1000] likely on CPU 6 (core 3, socket 0)\n"
        "[276413.408284] flowtap-agent: page allocation failure: order:4, mode:0x40dc0(GFP_KERNEL|__GFP_COMP), "
        "nodemask=(null),cpuset=cri-containerd-c13d4d95ea9cbe8c8c589579d67c8ecbbc0f9726e82b8137dd6d9acf4ceeac6b.scope,"
        "mems_allowed=0\n"
        "[276413.408290] Node 0 DMA: 0*4kB 0*8kB 1*16kB 1*32kB 1*64kB 1*128kB 1*256kB 1*512kB 1*1024kB 1*2048kB "
        "2*4096kB = 12272kB\n"
        "[276413.408291] Node 0 DMA32: 23340*4kB (UME) 7000*8kB (UME) 1750*16kB (UME) 350*32kB (UME) 0*64kB 0*128kB "
        "0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 188560kB\n"
        "[276413.408292] Node 0 Normal: 408769*4kB (UME) 119222*8kB (UME) 25547*16kB (UME) 3832*32kB (UME) 0*64kB "
        "0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 3120228kB\n"
        "[69433.488727] INFO: task postgres:28817 blocked for more than 122 seconds.\n";
    const auto events = kernel_events_in(text, incident);
    REQUIRE(events.size() == 4);
    CHECK(std::string(events[0].kind) == "boot");
    CHECK(std::string(events[0].detail.value_or("")) == "5.15.0-97-generic");
    CHECK(events[0].first_line == 2);  // the `-- Reboot --` marker
    REQUIRE(events[0].quotes.size() == 3);  // the boot before's last line, the marker, the banner
    CHECK(events[0].quotes[0].at.line == 1);
    CHECK(std::string(events[0].previous_boot_end.value_or("")) == "no shutdown messages");
    CHECK(events[0].time.has_value());
    CHECK(std::string(events[1].kind) == "segfault");
    CHECK(std::string(events[1].process.value_or("")) == "imgproc");
    CHECK(events[1].pid.value_or(0) == 140377);
    CHECK(std::string(events[1].detail.value_or("")) ==
          "libvips.so.42.17.2+0xb4d3e; error 4: user-mode read of a page not mapped");
    CHECK(std::string(events[2].kind) == "page-allocation-failure");
    CHECK(events[2].order.value_or(0) == 4);
    CHECK(events[2].free_kb.value_or(0) == 188560 + 3120228);  // DMA is left out
    CHECK(events[2].largest_free_order.value_or(-2) == 3);
    CHECK(std::string(events[2].container_id.value_or("")).starts_with("c13d4d95"));
    CHECK(events[2].last_line == 8);
    CHECK(std::string(events[3].kind) == "hung-task");
    CHECK(std::string(events[3].process.value_or("")) == "postgres");
    CHECK(events[3].pid.value_or(0) == 28817);
}

TEST_CASE("pm::kernel_events_in: userspace OOM killers in the same journal") {
    Incident incident;
    const std::string text =
        "May 21 09:41:16.400918 wk-22 earlyoom[812]: mem avail:   2041 of 64085 MiB ( 3.19%)\n"
        "May 21 09:41:17.402118 wk-22 earlyoom[812]: sending SIGTERM to process 22996 uid 1000 \"chrome\": badness "
        "1312, VmRSS 921 MiB\n"
        "Jun 02 11:04:51 node-3 systemd-oomd[611]: Killed /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-"
        "pod94eb36cd_29e1_478b_b365_4cb5dfc7d6fb.slice/cri-containerd-46b3e0a4c8a94fbd5f0c0ab9e2b7f1d3c5e6a7b8c9d0e1f2a3b4"
        "c5d6e7f8a9b0.scope due to memory pressure for /kubepods.slice being 62.13% > 50.00% for > 20s\n"
        "May 21 10:22:08.791716 wk-22 systemd[1]: cri-containerd-e275.scope: A process of this unit has been killed\n";
    const auto events = kernel_events_in(text, incident);
    REQUIRE(events.size() == 2);
    CHECK(std::string(events[0].kind) == "userspace-oom-kill");
    CHECK(std::string(events[0].trigger.value_or("")) == "earlyoom");
    CHECK(std::string(events[0].process.value_or("")) == "chrome");
    CHECK(events[0].pid.value_or(0) == 22996);
    CHECK(std::string(events[0].detail.value_or("")) == "SIGTERM, VmRSS 921 MiB");
    CHECK(std::string(events[0].yearless_time.value_or("")) == "May 21 09:41:17.402118");
    CHECK(std::string(events[1].trigger.value_or("")) == "systemd-oomd");
    CHECK(std::string(events[1].pod_uid.value_or("")) == "94eb36cd-29e1-478b-b365-4cb5dfc7d6fb");
    CHECK(std::string(events[1].container_id.value_or("")).starts_with("46b3e0a4"));
}

TEST_CASE("pm::yearless_in_year") {
    struct Case {
        const char* stamp;
        int year;
        const char* want;
    };
    const Case cases[] = {
        {"Mar 05 02:17:44", 2024, "2024-03-05T02:17:44"},
        {"Mar  3 02:04:22", 2021, "2021-03-03T02:04:22"},
        {"Nov 19 14:23:06.412772", 2024, "2024-11-19T14:23:06.412772"},
        {"Feb 29 00:00:00", 2023, "none"},  // no such day that year
        {"Foo 29 00:00:00", 2023, "none"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.stamp);
        const auto t = yearless_in_year(c.stamp, c.year);
        CHECK((t ? format_rfc3339(*t) : std::string("none")) == c.want);
    }
}

namespace {

// An incident with one described container (ID, termination) and the kernel events given.
struct Described {
    Incident incident;
    Described(OptText container_id, OptText reason, long long exit_code, const char* finished) {
        Pod pod;
        pod.name = "api-1";
        Container c;
        c.name = "api";
        c.container_id = container_id;
        Termination t;
        t.reason = reason;
        t.exit_code = exit_code;
        t.finished = parse_kube_time(finished)->time;
        c.terminations.push_back(t);
        c.last_termination = 0;
        pod.containers.push_back(std::move(c));
        incident.pods.push_back(std::move(pod));
    }
};

KernelEvent kill(const char* pod_uid, const char* container_id, std::uint32_t input, double uptime) {
    KernelEvent e;
    e.kind = "oom-kill";
    e.process = "java";
    e.pid = 4242;
    e.oom_scope = "memcg";
    e.at = {input, 9};
    e.uptime_s = uptime;
    if (pod_uid != nullptr) {
        e.pod_uid = pod_uid;
        e.cgroup = "/kubepods/burstable/pod";
    }
    if (container_id != nullptr) {
        e.container_id = container_id;
    }
    return e;
}

constexpr const char* k_id = "8d8aafc1b39436dbcadefa73d0f6cbfd0765d8607229f556836c09ddddb728b0";
constexpr const char* k_uid = "bdb65544-c479-4c86-8919-1b0d662029d4";

}  // namespace

TEST_CASE("pm::attach_kernel_events") {
    SUBCASE("by container ID: the pod gets the UID its cgroup path holds") {
        Described d("containerd://8d8aafc1b39436dbcadefa73d0f6cbfd0765d8607229f556836c09ddddb728b0", "OOMKilled", 137,
                    "2024-07-09T10:53:44+02:00");
        d.incident.kernel_events.push_back(kill(k_uid, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 1, 10));
        d.incident.kernel_events.push_back(kill(k_uid, k_id, 1, 20));
        attach_kernel_events(d.incident);
        REQUIRE(d.incident.pods.size() == 1);
        CHECK(std::string(d.incident.pods[0].uid.value_or("")) == k_uid);
        CHECK(std::string(d.incident.kernel_events[1].matched_by) == "its container ID");
        CHECK(std::string(d.incident.kernel_events[0].matched_by).starts_with("its pod UID"));  // an earlier run
        CHECK(d.incident.pods[0].containers[0].kernel_events.size() == 2);
    }
    SUBCASE("by time alone: a journal stamp without a year, read as UTC") {
        Described d(OptText("containerd://edf0dc376b59e1b2122d5e350723a39530e7d07f31761d812938f8c8b2ac33d2"), "Error",
                    137, "2024-03-05T07:47:44+05:30");
        KernelEvent e = kill(k_uid, k_id, 1, 10);
        e.oom_scope = "global";
        e.yearless_time = "Mar 05 02:17:44";
        d.incident.kernel_events.push_back(e);
        attach_kernel_events(d.incident);
        REQUIRE(d.incident.pods.size() == 1);
        CHECK(std::string(d.incident.kernel_events[0].matched_by).find("read as UTC") != std::string::npos);
        CHECK(std::string(d.incident.pods[0].uid.value_or("")) == k_uid);
    }
    SUBCASE("a kill only the kernel names makes a pod; the same kill in two captures is one") {
        Described d(OptText("containerd://edf0dc376b59e1b2122d5e350723a39530e7d07f31761d812938f8c8b2ac33d2"), "Error", 1,
                    "2024-03-05T07:47:44+05:30");
        d.incident.kernel_events.push_back(kill(k_uid, k_id, 1, 19412.507719));
        d.incident.kernel_events.push_back(kill(k_uid, k_id, 2, 19412.508009));
        attach_kernel_events(d.incident);
        REQUIRE(d.incident.kernel_events.size() == 1);
        REQUIRE(d.incident.pods.size() == 2);
        CHECK(std::string(d.incident.pods[1].uid.value_or("")) == k_uid);
        CHECK(d.incident.kernel_events[0].pod_index == 1);
    }
    SUBCASE("a dmesg -T twin puts the same boot's uptime-only kills on the wall clock") {
        Described d(OptText("containerd://edf0dc376b59e1b2122d5e350723a39530e7d07f31761d812938f8c8b2ac33d2"), "Error", 1,
                    "2024-03-05T07:47:44+05:30");
        KernelEvent earlier = kill(k_uid, k_id, 1, 100.5);
        earlier.pid = 1;
        d.incident.kernel_events.push_back(earlier);
        d.incident.kernel_events.push_back(kill(k_uid, k_id, 1, 1000.25));
        KernelEvent twin = kill(k_uid, k_id, 2, 1000.25);
        twin.uptime_s.reset();
        twin.time = parse_kube_time("2024-07-09T08:53:44.250000")->time;
        twin.time_basis = TimeBasis::wall_no_offset;
        d.incident.kernel_events.push_back(twin);
        attach_kernel_events(d.incident);
        REQUIRE(d.incident.kernel_events.size() == 2);
        REQUIRE(d.incident.kernel_events[0].time.has_value());
        CHECK(format_rfc3339(*d.incident.kernel_events[0].time) == "2024-07-09T08:38:44.500000");
        CHECK(d.incident.kernel_events[0].time_from.has_value());
    }
    SUBCASE("a header-less kill with no cgroup: the only container killed by SIGKILL") {
        Described d(OptText("containerd://edf0dc376b59e1b2122d5e350723a39530e7d07f31761d812938f8c8b2ac33d2"), "Error",
                    137, "2024-03-05T07:47:44+05:30");
        d.incident.kernel_events.push_back(kill(nullptr, nullptr, 1, 5));
        attach_kernel_events(d.incident);
        CHECK(d.incident.kernel_events[0].pod_index == 0);
        CHECK(std::string(d.incident.kernel_events[0].matched_by) == "the only container in the inputs killed by SIGKILL");
    }
}

}  // TEST_SUITE
