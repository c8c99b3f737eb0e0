// containerd 1.6 (gogo `&TaskExit{…}`) and 1.7+ (protobuf text `container_id:\"…\"`) lines read by
// their message text, never by file:line; Go's quoting is seen through (`\"`).
#include "readers/node_journal/containerd_lines.hpp"

#include <charconv>
#include <string>

#include "base/exit_code.hpp"
#include "base/text.hpp"
#include "readers/node_journal/runtime_stop.hpp"
#include "base/time_point.hpp"

namespace pm {

namespace {

constexpr std::size_t k_max_instances = 1 << 16;  // IDs tracked per journal; more are not tied to pods

// The text between `after` and the next `until`, searched from `from`; empty when absent.
std::string_view between(std::string_view text, std::string_view after, std::string_view until, std::size_t from = 0) {
    std::size_t a = text.find(after, from);
    if (a == std::string_view::npos) {
        return {};
    }
    a += after.size();
    std::size_t b = text.find(until, a);
    return b == std::string_view::npos ? std::string_view{} : text.substr(a, b - a);
}

// A quoted ID after `key`: `key\"ID\"`, `key"ID"` or gogo's `key:ID,`.
std::string_view quoted_id(std::string_view text, std::string_view key) {
    std::size_t at = text.find(key);
    if (at == std::string_view::npos) {
        return {};
    }
    std::size_t i = at + key.size();
    while (i < text.size() && (text[i] == '\\' || text[i] == '"' || text[i] == ':')) {
        ++i;
    }
    std::size_t j = i;
    while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || (text[j] >= 'a' && text[j] <= 'f'))) {
        ++j;
    }
    return j - i >= 12 ? text.substr(i, j - i) : std::string_view{};
}

std::optional<long long> number_after(std::string_view text, std::string_view key) {
    std::size_t at = text.find(key);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    std::size_t i = at + key.size();
    while (i < text.size() && text[i] == ' ') {
        ++i;
    }
    long long v = 0;
    auto [ptr, ec] = std::from_chars(text.data() + i, text.data() + text.size(), v);
    if (ec != std::errc() || ptr == text.data() + i) {
        return std::nullopt;
    }
    return v;
}

// logrus's `time="2024-06-03T14:10:43.4+09:00"`.
OptTime logrus_time(std::string_view message) {
    std::string_view t = between(message, "time=\"", "\"");
    std::optional<KubeTime> k = t.empty() ? std::nullopt : parse_kube_time(t);
    return k ? k->time : std::nullopt;
}

}  // namespace

Container& ContainerdLines::container_of(const Instance& instance) {
    Pod& pod = m_pods[instance.pod];
    for (Container& c : pod.containers) {
        if (c.name == instance.name) {
            return c;
        }
    }
    Container c;
    c.name = instance.name;
    c.at = instance.cites.empty() ? pod.at : instance.cites.front().at;
    pod.containers.push_back(std::move(c));
    return pod.containers.back();
}

void ContainerdLines::on_exit(std::size_t line, std::string_view cid, std::string_view message) {
    auto it = m_instances.find(std::string(cid));
    if (it == m_instances.end()) {
        return;  // a sandbox's exit, or a container created before the journal starts
    }
    Instance& in = it->second;
    Quote cite{m_context.cite(line), trim(m_context.text.body_lines()[line])};
    if (in.stopped) {
        return;  // a stop kubelet asked for (deletion, eviction, probe restart): its Killing event says so
    }
    std::optional<long long> status = number_after(message, "exit_status:");
    if (!status) {
        status = number_after(message, "ExitStatus:");
    }
    Termination t;
    t.at = cite.at;
    t.cites = in.cites;
    t.cites.push_back(cite);
    if (status) {
        NormalisedExit exit = normalise_exit_code(*status);
        t.exit_code = exit.code;
        t.raw_exit_code = exit.raw;
        if (auto s = signal_from_exit_code(*t.exit_code)) {
            t.signal = *s;
        }
    }
    // The reasons containerd's CRI plugin reports for an exit (formats.md §5.1).
    t.reason = in.oom ? Text{"OOMKilled"} : (t.exit_code.value_or(1) == 0 ? Text{"Completed"} : Text{"Error"});
    if (std::optional<long long> seconds = number_after(message, "exited_at:{seconds:"); seconds) {
        TimePoint when;
        when.basis = TimeBasis::wall_with_offset;
        when.seconds = *seconds;
        when.utc_designator = true;
        t.finished = when;  // Unix time, UTC
    }
    t.started = in.started;
    Container& c = container_of(in);
    c.restart_count = std::max(c.restart_count.value_or(0), in.attempt);
    c.container_id = m_context.incident.keep("containerd://" + std::string(cid));
    c.last_termination = static_cast<std::uint32_t>(c.terminations.size());
    c.terminations.push_back(std::move(t));
    m_instances.erase(it);
}

bool ContainerdLines::feed(std::size_t line, std::string_view message) {
    Quote cite{m_context.cite(line), trim(m_context.text.body_lines()[line])};
    if (message.find("RunPodSandbox for &PodSandboxMetadata{") != std::string_view::npos &&
        message.find("returns sandbox id") != std::string_view::npos) {
        std::string_view meta = between(message, "PodSandboxMetadata{", "}");
        std::string_view sid = quoted_id(message, "returns sandbox id ");
        if (sid.empty() || m_sandboxes.size() >= k_max_instances) {
            return false;
        }
        Pod pod;
        pod.name = m_context.incident.keep(between(meta, "Name:", ","));
        pod.uid = m_context.incident.keep(between(meta, "Uid:", ","));
        pod.namespace_ = m_context.incident.keep(between(meta, "Namespace:", ","));
        pod.at = cite.at;
        m_sandboxes[std::string(sid)] = Sandbox{m_pods.size()};
        m_pods.push_back(std::move(pod));
        return true;
    }
    if (message.find("CreateContainer within sandbox") != std::string_view::npos &&
        message.find("returns container id") != std::string_view::npos) {
        auto sandbox = m_sandboxes.find(std::string(quoted_id(message, "within sandbox ")));
        std::string_view cid = quoted_id(message, "returns container id ");
        if (sandbox == m_sandboxes.end() || cid.empty() || m_instances.size() >= k_max_instances) {
            return false;
        }
        std::string_view meta = between(message, "ContainerMetadata{", "}");
        Instance in;
        in.pod = sandbox->second.pod;
        in.name = m_context.incident.keep(between(meta, "Name:", ","));
        in.attempt = number_after(meta, "Attempt:").value_or(0);
        m_instances[std::string(cid)] = std::move(in);
        return true;
    }
    std::string_view cid = quoted_id(message, "TaskOOM event container_id:");
    cid = cid.empty() ? quoted_id(message, "TaskOOM event &TaskOOM{ContainerID:") : cid;
    if (!cid.empty()) {
        if (auto it = m_instances.find(std::string(cid)); it != m_instances.end()) {
            it->second.oom = true;
            it->second.cites.push_back(cite);
        }
        return true;
    }
    cid = quoted_id(message, "TaskExit event container_id:");
    cid = cid.empty() ? quoted_id(message, "TaskExit event &TaskExit{ContainerID:") : cid;
    if (!cid.empty()) {
        on_exit(line, cid, message);
        return true;
    }
    if (std::string_view stop = quoted_id(message, "StopContainer for "); !stop.empty() &&
        message.find("with timeout") != std::string_view::npos) {
        if (auto it = m_instances.find(std::string(stop)); it != m_instances.end()) {
            it->second.stopped = true;
            m_pods[it->second.pod].events.push_back(
                runtime_stop_event(m_context.incident, "containerd", it->second.name, cite));
        }
        return true;
    }
    if (std::string_view started = quoted_id(message, "StartContainer for "); !started.empty() &&
        message.find("returns successfully") != std::string_view::npos) {
        if (auto it = m_instances.find(std::string(started)); it != m_instances.end()) {
            it->second.started = logrus_time(message);
        }
        return true;
    }
    return false;
}

void ContainerdLines::finish() {
    for (Pod& pod : m_pods) {
        // A pod whose containers never failed here (a Job's one clean run) holds nothing to explain.
        bool failed = false;
        for (const Container& c : pod.containers) {
            failed = failed || c.restart_count.value_or(0) > 0;
            for (const Termination& t : c.terminations) {
                failed = failed || t.exit_code.value_or(0) != 0;
            }
        }
        if (failed) {
            m_context.incident.pods.push_back(std::move(pod));
        }
    }
}

}  // namespace pm
