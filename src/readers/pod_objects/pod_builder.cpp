// Pods, PodLists and Lists read from their object tree into the records describe produces: container
// statuses with their states, and the spec fields diagnosis weighs (limits, probes, mounts).
#include "readers/pod_objects/pod_builder.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <charconv>
#include <iterator>
#include <string>

#include "base/exit_code.hpp"
#include "base/text.hpp"
#include "base/time_point.hpp"

namespace pm {

namespace {

constexpr size_t k_max_cites = 32;

class PodBuilder {
public:
    PodBuilder(const ObjectTree& tree, const SourceText& text, InputId input, Incident& incident)
        : m_tree(tree), m_text(text), m_input(input), m_incident(incident) {}

    std::optional<Pod> build(const ObjectNode& object);

private:
    Cite cite(const ObjectNode& n) const { return {m_input, n.line + 1}; }
    Quote quote(const ObjectNode& n) const { return {cite(n), trim(m_text.body_lines()[n.line])}; }
    void read_status(const ObjectNode& list, ContainerType type);
    void read_spec(const ObjectNode& list, ContainerType type);
    Container& container(const ObjectNode& item, ContainerType type);
    std::optional<Termination> termination(const ObjectNode& block);
    State state(const ObjectNode& block, Container& c);
    Probe probe(const ObjectNode& p, Text kind);
    void adopt_fragments(const ObjectNode& object, Container& only);
    void read_limits(const ObjectNode& resources, Container& c);

    const ObjectTree& m_tree;
    const SourceText& m_text;
    InputId m_input;
    Incident& m_incident;
    // The pod being built's containers by type (init, app, ephemeral), and by name within each.
    std::array<std::vector<Container>, 3> m_lists;
    std::array<std::unordered_map<Text, size_t>, 3> m_index;
};

OptInt to_int(const OptText& text) {
    if (!text || text->empty()) {
        return std::nullopt;
    }
    long long v = 0;
    const char* begin = text->data();
    const char* end = begin + text->size();
    auto [ptr, ec] = std::from_chars(begin, end, v);
    if (ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return v;
}

OptTime to_time(const OptText& text, bool* epoch = nullptr) {
    if (!text) {
        return std::nullopt;
    }
    std::optional<KubeTime> t = parse_kube_time(*text);
    if (!t) {
        return std::nullopt;
    }
    if (epoch != nullptr) {
        *epoch = t->sentinel == TimeSentinel::unix_epoch;
    }
    return t->time;
}

ContainerType type_of_list(std::string_view key) {
    if (key.starts_with("init")) {
        return ContainerType::init;
    }
    return key.starts_with("ephemeral") ? ContainerType::ephemeral : ContainerType::app;
}

std::optional<Termination> PodBuilder::termination(const ObjectNode& block) {
    Termination t;
    t.at = cite(block);
    t.reason = m_tree.value(block, "reason");
    t.message = m_tree.value(block, "message");
    bool epoch = false;
    t.started = to_time(m_tree.value(block, "startedAt"), &epoch);
    t.never_started = epoch;  // CRI reported StartedAt=0: the process never ran
    t.finished = to_time(m_tree.value(block, "finishedAt"));
    if (OptInt code = to_int(m_tree.value(block, "exitCode")); code) {
        NormalisedExit exit = normalise_exit_code(*code);
        t.exit_code = exit.code;
        t.raw_exit_code = exit.raw;
    }
    // The runtime's signal when it reported one; CRI runtimes leave it 0, so 128+N is the usual source.
    if (OptInt sig = to_int(m_tree.value(block, "signal")); sig && *sig > 0) {
        t.signal = sig;
    } else if (t.exit_code) {
        if (auto s = signal_from_exit_code(*t.exit_code)) {
            t.signal = *s;
        }
    }
    for (std::uint32_t c : block.children) {
        const ObjectNode& n = m_tree.nodes[c];
        if (n.key == "message") {
            t.message_at = cite(n);
        }
        if (t.cites.size() < k_max_cites && n.key != "containerID") {
            t.cites.push_back(quote(n));
        }
    }
    if (!t.reason && !t.exit_code) {
        return std::nullopt;
    }
    return t;
}

State PodBuilder::state(const ObjectNode& block, Container& c) {
    State s;
    for (auto [key, status] : {std::pair{"running", StateStatus::running}, std::pair{"waiting", StateStatus::waiting},
                               std::pair{"terminated", StateStatus::terminated}}) {
        const ObjectNode* n = m_tree.child(block, key);
        if (n == nullptr || n->children.empty()) {
            continue;
        }
        s.status = status;
        s.at = cite(*n);
        s.reason = m_tree.value(*n, "reason");
        s.message = m_tree.value(*n, "message");
        s.started = to_time(m_tree.value(*n, "startedAt"));
        s.finished = to_time(m_tree.value(*n, "finishedAt"));
        for (std::uint32_t k : n->children) {
            if (m_tree.nodes[k].key == "message") {
                s.message_at = cite(m_tree.nodes[k]);
            }
            if (s.cites.size() < k_max_cites && m_tree.nodes[k].key != "containerID") {
                s.cites.push_back(quote(m_tree.nodes[k]));
            }
        }
        if (status == StateStatus::terminated) {
            if (std::optional<Termination> t = termination(*n)) {
                s.exit_code = t->exit_code;
                s.signal = t->signal;
                s.termination = static_cast<std::uint32_t>(c.terminations.size());
                c.terminations.push_back(std::move(*t));
            }
        }
        break;
    }
    return s;
}

Container& PodBuilder::container(const ObjectNode& item, ContainerType type) {
    const auto kind = static_cast<size_t>(type);
    OptText name = m_tree.value(item, "name");
    if (name) {
        if (auto it = m_index[kind].find(*name); it != m_index[kind].end()) {
            return m_lists[kind][it->second];
        }
        m_index[kind].emplace(*name, m_lists[kind].size());
    }
    Container c;
    c.name = name;
    c.type = type;
    const ObjectNode* name_node = m_tree.child(item, "name");
    c.at = cite(name_node != nullptr ? *name_node : item);
    m_lists[kind].push_back(std::move(c));
    return m_lists[kind].back();
}

void PodBuilder::read_status(const ObjectNode& list, ContainerType type) {
    for (std::uint32_t i : list.children) {
        const ObjectNode& item = m_tree.nodes[i];
        if (!item.item) {
            continue;
        }
        Container& c = container(item, type);
        c.image = c.image ? c.image : m_tree.value(item, "image");
        c.container_id = m_tree.value(item, "containerID");
        if (const ObjectNode* rc = m_tree.child(item, "restartCount"); rc != nullptr) {
            c.restart_count = to_int(rc->value);
            c.restart_cite = quote(*rc);
        }
        if (OptText ready = m_tree.value(item, "ready"); ready) {
            c.ready = *ready == "true";
        }
        // The Last State ended before the current state began: oldest first.
        if (const ObjectNode* last = m_tree.child(item, "lastState"); last != nullptr) {
            if (const ObjectNode* t = m_tree.child(*last, "terminated"); t != nullptr) {
                if (std::optional<Termination> term = termination(*t)) {
                    c.last_termination = static_cast<std::uint32_t>(c.terminations.size());
                    c.terminations.push_back(std::move(*term));
                }
            }
        }
        if (const ObjectNode* now = m_tree.child(item, "state"); now != nullptr) {
            c.state = state(*now, c);
        }
    }
}

// As describe prints a probe: "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3".
Probe PodBuilder::probe(const ObjectNode& p, Text kind) {
    std::string spec;
    if (const ObjectNode* h = m_tree.child(p, "httpGet"); h != nullptr) {
        spec = "http-get " + std::string(m_tree.value(*h, "scheme").value_or("HTTP") == "HTTPS" ? "https" : "http") +
               "://" + std::string(m_tree.value(*h, "host").value_or("")) + ":" +
               std::string(m_tree.value(*h, "port").value_or("")) + std::string(m_tree.value(*h, "path").value_or(""));
    } else if (const ObjectNode* t = m_tree.child(p, "tcpSocket"); t != nullptr) {
        spec = "tcp-socket " + std::string(m_tree.value(*t, "host").value_or("")) + ":" +
               std::string(m_tree.value(*t, "port").value_or(""));
    } else if (const ObjectNode* g = m_tree.child(p, "grpc"); g != nullptr) {
        spec = "grpc <pod>:" + std::string(m_tree.value(*g, "port").value_or("")) + " " +
               std::string(m_tree.value(*g, "service").value_or(""));
    } else if (const ObjectNode* e = m_tree.child(p, "exec"); e != nullptr) {
        spec = "exec [";
        if (const ObjectNode* cmd = m_tree.child(*e, "command"); cmd != nullptr) {
            for (std::uint32_t k : cmd->children) {
                spec += (spec.back() == '[' ? "" : " ") + std::string(m_tree.nodes[k].value);
            }
        }
        spec += "]";
    }
    spec += " delay=" + std::string(m_tree.value(p, "initialDelaySeconds").value_or("0")) + "s";
    spec += " timeout=" + std::string(m_tree.value(p, "timeoutSeconds").value_or("1")) + "s";
    spec += " period=" + std::string(m_tree.value(p, "periodSeconds").value_or("10")) + "s";
    spec += " #success=" + std::string(m_tree.value(p, "successThreshold").value_or("1"));
    spec += " #failure=" + std::string(m_tree.value(p, "failureThreshold").value_or("3"));
    Probe out;
    out.kind = kind;
    out.spec = m_incident.keep(spec);
    out.line = quote(p);
    return out;
}

void PodBuilder::read_limits(const ObjectNode& resources, Container& c) {
    for (auto [key, pairs] : {std::pair{"limits", &c.limits}, std::pair{"requests", &c.requests}}) {
        const ObjectNode* block = m_tree.child(resources, key);
        if (block == nullptr) {
            continue;
        }
        for (std::uint32_t k : block->children) {
            const ObjectNode& q = m_tree.nodes[k];
            if (q.scalar) {
                pairs->emplace_back(q.key, q.value);
                if (pairs == &c.limits && q.key == "memory") {
                    c.memory_limit_cite = quote(q);
                }
            }
        }
        std::sort(pairs->begin(), pairs->end());
    }
}

// Blocks pasted beside a container's status in one note - a `"terminated": {…}` cut from an earlier
// capture, a `resources:` block - belong to the pod's only container.
void PodBuilder::adopt_fragments(const ObjectNode& object, Container& only) {
    if (const ObjectNode* t = m_tree.child(object, "terminated"); t != nullptr) {
        if (std::optional<Termination> term = termination(*t)) {
            const bool older = !only.terminations.empty() && term->finished && only.terminations.front().finished &&
                               compare_times(*term->finished, *only.terminations.front().finished) ==
                                   std::partial_ordering::less;
            bool known = false;
            for (const Termination& k : only.terminations) {
                known = known || (k.finished && term->finished && compare_times(*k.finished, *term->finished) == 0);
            }
            if (!known && older) {
                // Oldest first: the indices into the list move up by one.
                only.terminations.insert(only.terminations.begin(), std::move(*term));
                for (std::uint32_t* index : {&only.last_termination, &only.state.termination}) {
                    *index = *index == k_none_index ? k_none_index : *index + 1;
                }
            } else if (!known) {
                only.terminations.push_back(std::move(*term));
            }
        }
    }
    if (const ObjectNode* res = m_tree.child(object, "resources"); res != nullptr && only.limits.empty()) {
        read_limits(*res, only);
    }
}

void PodBuilder::read_spec(const ObjectNode& list, ContainerType type) {
    for (std::uint32_t i : list.children) {
        const ObjectNode& item = m_tree.nodes[i];
        if (!item.item) {
            continue;
        }
        Container& c = container(item, type);
        c.image = m_tree.value(item, "image");
        if (const ObjectNode* res = m_tree.child(item, "resources"); res != nullptr) {
            read_limits(*res, c);
        }
        for (auto [key, kind] : {std::pair{"livenessProbe", "liveness"}, std::pair{"readinessProbe", "readiness"},
                                 std::pair{"startupProbe", "startup"}}) {
            if (const ObjectNode* p = m_tree.child(item, key); p != nullptr) {
                c.probes.push_back(probe(*p, kind));
            }
        }
        if (const ObjectNode* mounts = m_tree.child(item, "volumeMounts"); mounts != nullptr) {
            for (std::uint32_t k : mounts->children) {
                const ObjectNode& m = m_tree.nodes[k];
                Mount mount;
                mount.path = m_tree.value(m, "mountPath").value_or("");
                mount.volume = m_tree.value(m, "name").value_or("");
                mount.mode = m_tree.value(m, "readOnly").value_or("false") == "true" ? "ro" : "rw";
                mount.sub_path = m_tree.value(m, "subPath");
                mount.line = quote(m_tree.child(m, "mountPath") != nullptr ? *m_tree.child(m, "mountPath") : m);
                c.mounts.push_back(mount);
            }
        }
        if (const ObjectNode* cmd = m_tree.child(item, "command"); cmd != nullptr) {
            for (std::uint32_t k : cmd->children) {
                c.command.push_back(m_tree.nodes[k].value);
            }
        }
        if (const ObjectNode* args = m_tree.child(item, "args"); args != nullptr) {
            for (std::uint32_t k : args->children) {
                c.args.push_back(m_tree.nodes[k].value);
            }
        }
        if (const ObjectNode* env = m_tree.child(item, "env"); env != nullptr) {
            for (std::uint32_t k : env->children) {
                OptText name = m_tree.value(m_tree.nodes[k], "name");
                if (name) {
                    c.environment.emplace_back(*name, m_tree.value(m_tree.nodes[k], "value").value_or(""));
                }
            }
        }
        c.spec_complete = true;  // the whole container spec was printed: a missing probe or limit is none
    }
}

std::optional<Pod> PodBuilder::build(const ObjectNode& object) {
    for (size_t k = 0; k < m_lists.size(); ++k) {
        m_lists[k].clear();
        m_index[k].clear();
    }
    Pod pod;
    pod.at = cite(object);
    const ObjectNode* meta = m_tree.child(object, "metadata");
    if (meta != nullptr) {
        pod.name = m_tree.value(*meta, "name");
        pod.namespace_ = m_tree.value(*meta, "namespace");
        pod.uid = m_tree.value(*meta, "uid");
        if (const ObjectNode* name = m_tree.child(*meta, "name"); name != nullptr) {
            pod.at = cite(*name);
        }
    }
    // A fragment starts below the pod: its keys are read where they stand.
    const ObjectNode* spec = m_tree.child(object, "spec");
    const ObjectNode& spec_node = spec != nullptr ? *spec : object;
    pod.node = m_tree.value(spec_node, "nodeName");
    for (std::string_view key : {"initContainers", "containers", "ephemeralContainers"}) {
        if (const ObjectNode* list = m_tree.child(spec_node, key); list != nullptr) {
            read_spec(*list, type_of_list(key));
        }
    }
    const ObjectNode* status = m_tree.child(object, "status");
    const ObjectNode& status_node = status != nullptr ? *status : object;
    if (status != nullptr) {
        pod.status = m_tree.value(status_node, "phase");
        if (const ObjectNode* phase = m_tree.child(status_node, "phase"); phase != nullptr) {
            pod.status_cite = quote(*phase);
        }
        pod.reason = m_tree.value(status_node, "reason");
        if (const ObjectNode* reason = m_tree.child(status_node, "reason"); reason != nullptr) {
            pod.reason_cite = quote(*reason);
        }
        pod.message = m_tree.value(status_node, "message");
        pod.start_time = to_time(m_tree.value(status_node, "startTime"));
        pod.qos_class = m_tree.value(status_node, "qosClass");
    }
    for (std::string_view key : {"initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"}) {
        if (const ObjectNode* list = m_tree.child(status_node, key); list != nullptr) {
            read_status(*list, type_of_list(key));
        }
    }
    // Init containers first, as describe lists them.
    for (auto& list : m_lists) {
        std::move(list.begin(), list.end(), std::back_inserter(pod.containers));
    }
    // A `lastState:` / `state:` / `"terminated": {…}` block pasted alone: one container, name unknown.
    if (pod.containers.empty()) {
        Container c;
        c.at = pod.at;
        if (const ObjectNode* last = m_tree.child(object, "lastState"); last != nullptr) {
            if (const ObjectNode* t = m_tree.child(*last, "terminated"); t != nullptr) {
                if (std::optional<Termination> term = termination(*t)) {
                    c.last_termination = 0;
                    c.terminations.push_back(std::move(*term));
                }
            }
        }
        if (const ObjectNode* now = m_tree.child(object, "state"); now != nullptr) {
            c.state = state(*now, c);
        }
        if (const ObjectNode* t = m_tree.child(object, "terminated"); t != nullptr && c.terminations.empty()) {
            if (std::optional<Termination> term = termination(*t)) {
                c.terminations.push_back(std::move(*term));
            }
        }
        // A `resources:` block alone: the limits of a container another fragment names.
        if (const ObjectNode* res = m_tree.child(object, "resources"); res != nullptr && c.terminations.empty()) {
            read_limits(*res, c);
        }
        if (!c.terminations.empty() || c.state.status != StateStatus::unknown || !c.limits.empty()) {
            pod.containers.push_back(std::move(c));
        }
    }
    if (pod.containers.size() == 1 && &status_node == &object) {
        adopt_fragments(object, pod.containers.front());
    }
    if (!pod.name && pod.containers.empty()) {
        return std::nullopt;  // nothing a diagnosis could tie to a pod
    }
    return pod;
}

}  // namespace

std::vector<Pod> build_pods(const ObjectTree& tree, const SourceText& text, InputId input, Incident& incident) {
    std::vector<Pod> pods;
    PodBuilder builder(tree, text, input, incident);
    const ObjectNode& root = tree.root();
    std::vector<const ObjectNode*> objects;
    if (const ObjectNode* items = tree.child(root, "items"); items != nullptr) {
        for (std::uint32_t i : items->children) {
            objects.push_back(&tree.nodes[i]);
        }
    } else {
        objects.push_back(&root);
    }
    for (const ObjectNode* object : objects) {
        // A watch event wraps the object: {"type":"MODIFIED","object":{…}}.
        if (const ObjectNode* inner = tree.child(*object, "object"); inner != nullptr && tree.child(*object, "type") != nullptr) {
            object = inner;
        }
        OptText kind = tree.value(*object, "kind");
        if (kind && *kind != "Pod") {
            continue;  // an Event, a Deployment, …: not a pod's statuses
        }
        if (std::optional<Pod> pod = builder.build(*object)) {
            pods.push_back(std::move(*pod));
        }
    }
    return pods;
}

}  // namespace pm
