// CRI-O's logrus `msg="…"` texts and conmon's syslog lines, matched by their wording (§7.5); conmon
// names a container by the first 20 characters of its ID, so IDs are tied to `Created container`.
#include "readers/node_journal/crio_lines.hpp"

#include <algorithm>
#include <charconv>

#include "base/exit_code.hpp"
#include "base/text.hpp"
#include "readers/node_journal/runtime_stop.hpp"

namespace pm {

namespace {

constexpr std::size_t k_max_instances = 1 << 16;  // IDs tracked per journal
constexpr std::size_t k_conmon_id = 20;           // conmon prints this much of the ID

bool is_hex_id(std::string_view id) {
    return id.size() >= k_conmon_id &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// logrus's msg value; CRI-O's container messages carry no inner quotes.
std::string_view msg_of(std::string_view message) {
    std::size_t a = message.find("msg=\"");
    if (a == std::string_view::npos) {
        return {};
    }
    a += 5;
    std::size_t b = message.find('"', a);
    return b == std::string_view::npos ? std::string_view{} : message.substr(a, b - a);
}

// `<cid>: ns/pod/container` after `prefix`; false when the shape differs.
bool id_and_description(std::string_view msg, std::string_view prefix, std::string_view& id, std::string_view& ns,
                        std::string_view& pod, std::string_view& container) {
    if (!msg.starts_with(prefix)) {
        return false;
    }
    std::string_view rest = msg.substr(prefix.size());
    std::size_t colon = rest.find(": ");
    if (colon == std::string_view::npos) {
        return false;
    }
    id = rest.substr(0, colon);
    std::string_view d = rest.substr(colon + 2);
    std::size_t s1 = d.find('/');
    std::size_t s2 = s1 == std::string_view::npos ? s1 : d.find('/', s1 + 1);
    if (!is_hex_id(id) || s2 == std::string_view::npos || s1 == 0 || s2 == s1 + 1 || s2 + 1 >= d.size()) {
        return false;
    }
    ns = d.substr(0, s1);
    pod = d.substr(s1 + 1, s2 - s1 - 1);
    container = d.substr(s2 + 1);
    return true;
}

}  // namespace

CrioLines::Instance* CrioLines::by_prefix(std::string_view prefix) {
    auto full = m_by_prefix.find(std::string(prefix.substr(0, k_conmon_id)));
    if (full == m_by_prefix.end()) {
        return nullptr;
    }
    auto it = m_instances.find(full->second);
    return it == m_instances.end() ? nullptr : &it->second;
}

bool CrioLines::feed(std::size_t line, std::string_view ident, std::string_view message) {
    if (ident == "conmon") {
        return feed_conmon(line, message);
    }
    std::string_view msg = msg_of(message);
    return !msg.empty() && feed_crio(line, msg);
}

bool CrioLines::feed_crio(std::size_t line, std::string_view msg) {
    Quote cite{m_context.cite(line), trim(m_context.text.body_lines()[line])};
    std::string_view id, ns, pod, container;
    if (id_and_description(msg, "Created container ", id, ns, pod, container)) {
        if (m_instances.size() >= k_max_instances) {
            return true;
        }
        std::string key = std::string(ns) + "/" + std::string(pod);
        auto [at, fresh] = m_pod_index.try_emplace(key, m_pods.size());
        if (fresh) {
            Pod p;
            p.namespace_ = m_context.incident.keep(ns);
            p.name = m_context.incident.keep(pod);
            p.at = cite.at;
            m_pods.push_back(std::move(p));
        }
        Instance in;
        in.pod = at->second;
        in.name = m_context.incident.keep(container);
        in.id = std::string(id);
        in.created = cite.at;
        m_by_prefix[in.id.substr(0, k_conmon_id)] = in.id;
        m_instances[in.id] = std::move(in);
        return true;
    }
    // `Stopping container: <cid> (timeout: 30s)` comes before the exit; `Stopped container` after it.
    if (msg.starts_with("Stopping container: ")) {
        std::string_view rest = msg.substr(20);
        if (auto it = m_instances.find(std::string(rest.substr(0, rest.find(' ')))); it != m_instances.end()) {
            it->second.stopped = true;
        }
        return true;
    }
    if (id_and_description(msg, "Stopped container ", id, ns, pod, container)) {
        if (auto it = m_instances.find(std::string(id)); it != m_instances.end()) {
            it->second.stopped = true;
            m_pods[it->second.pod].events.push_back(
                runtime_stop_event(m_context.incident, "crio", it->second.name, cite));
        }
        return true;
    }
    return false;
}

bool CrioLines::feed_conmon(std::size_t line, std::string_view message) {
    // `conmon <cid20> <ninfo>: container 4012 exited with status 137`, `conmon <cid20> <ninfo>: OOM received`
    if (!message.starts_with("conmon ")) {
        return false;
    }
    std::string_view rest = message.substr(7);
    Instance* in = by_prefix(rest.substr(0, rest.find(' ')));
    if (in == nullptr) {
        return false;
    }
    Quote cite{m_context.cite(line), trim(m_context.text.body_lines()[line])};
    if (rest.ends_with(": OOM received") || rest.ends_with(": OOM event received")) {
        in->oom = true;
        in->cites.push_back(cite);
        return true;
    }
    std::size_t at = rest.find(" exited with status ");
    if (at == std::string_view::npos || rest.find(": container ") == std::string_view::npos) {
        return false;
    }
    std::string_view digits = rest.substr(at + 20);
    long long status = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), status);
    if (ec != std::errc() || ptr == digits.data()) {
        return false;
    }
    on_exit(*in, status, cite);
    return true;
}

void CrioLines::on_exit(Instance& in, long long status, Quote cite) {
    if (in.stopped) {
        return;  // a stop kubelet asked for: its Killing event says so
    }
    Termination t;
    t.at = cite.at;
    t.cites = in.cites;
    t.cites.push_back(cite);
    NormalisedExit exit = normalise_exit_code(status);
    t.exit_code = exit.code;
    t.raw_exit_code = exit.raw;
    if (auto s = signal_from_exit_code(*t.exit_code)) {
        t.signal = *s;
    }
    // CRI-O's reasons (formats.md §7.5): OOMKilled when conmon saw the OOM, else Error (conmon logs non-zero exits only).
    t.reason = in.oom ? Text{"OOMKilled"} : Text{"Error"};
    Pod& pod = m_pods[in.pod];
    auto c = std::find_if(pod.containers.begin(), pod.containers.end(), [&](const Container& k) { return k.name == in.name; });
    if (c == pod.containers.end()) {
        Container fresh;
        fresh.name = in.name;
        fresh.at = in.created;
        pod.containers.push_back(std::move(fresh));
        c = pod.containers.end() - 1;
    }
    c->container_id = m_context.incident.keep("cri-o://" + in.id);
    c->last_termination = static_cast<std::uint32_t>(c->terminations.size());
    c->terminations.push_back(std::move(t));
    in.oom = false;
}

void CrioLines::finish() {
    for (Pod& pod : m_pods) {
        bool died = std::any_of(pod.containers.begin(), pod.containers.end(),
                                [](const Container& c) { return !c.terminations.empty(); });
        if (died) {
            m_context.incident.pods.push_back(std::move(pod));
        }
    }
}

}  // namespace pm
