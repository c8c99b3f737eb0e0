// Event objects grouped by the pod they regard, the same records an event listing gives.
#include "readers/pod_objects/event_objects.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "base/text.hpp"
#include "base/time_point.hpp"
#include "readers/events/event_failure.hpp"

namespace pm {

namespace {

OptText first_of(const ObjectTree& tree, const ObjectNode& n, std::initializer_list<std::string_view> keys) {
    for (std::string_view key : keys) {
        if (OptText v = tree.value(n, key); v && !v->empty()) {
            return v;
        }
    }
    return std::nullopt;
}

OptTime time_of(const OptText& text) {
    if (!text) {
        return std::nullopt;
    }
    std::optional<KubeTime> t = parse_kube_time(*text);
    return t ? t->time : std::nullopt;
}

OptInt int_of(const OptText& text) {
    long long v = 0;
    if (!text || std::from_chars(text->data(), text->data() + text->size(), v).ec != std::errc()) {
        return std::nullopt;
    }
    return v;
}

// One Event object as the record a listing row gives.
Event event_of(const ObjectTree& tree, const ObjectNode& obj, const ObjectNode& about, InputId input) {
    const ObjectNode* o = &obj;
    Event e;
    e.type = tree.value(*o, "type");
    e.reason = tree.value(*o, "reason");
    // core/v1 `message`, events.k8s.io `note`; the event is cited at that line.
    const ObjectNode* message = tree.child(*o, "message");
    message = message != nullptr ? message : tree.child(*o, "note");
    e.message = message != nullptr && message->value != "null" ? message->value : Text{};
    e.at = {input, (message != nullptr ? message->line : o->line) + 1};
    e.object = tree.value(about, "fieldPath");
    const ObjectNode* source = tree.child(*o, "source");
    source = source != nullptr ? source : tree.child(*o, "deprecatedSource");
    e.from = source != nullptr ? tree.value(*source, "component") : std::nullopt;
    e.from = e.from ? e.from : first_of(tree, *o, {"reportingComponent", "reportingController"});
    const ObjectNode* series = tree.child(*o, "series");
    e.count = int_of(first_of(tree, *o, {"count", "deprecatedCount"}));
    if (series != nullptr && int_of(tree.value(*series, "count"))) {
        e.count = int_of(tree.value(*series, "count"));
    }
    e.first_seen = time_of(first_of(tree, *o, {"firstTimestamp", "deprecatedFirstTimestamp", "eventTime"}));
    e.last_seen = time_of(first_of(tree, *o, {"lastTimestamp", "deprecatedLastTimestamp"}));
    if (series != nullptr && !e.last_seen) {
        e.last_seen = time_of(tree.value(*series, "lastObservedTime"));
    }
    e.last_seen = e.last_seen ? e.last_seen : e.first_seen;
    return e;
}

struct Grouped {
    Pod pod;
    bool telling = false;
};

}  // namespace

std::vector<Pod> build_event_pods(const ObjectTree& tree, InputId input) {
    std::vector<const ObjectNode*> objects;
    if (const ObjectNode* items = tree.child(tree.root(), "items"); items != nullptr) {
        for (std::uint32_t i : items->children) {
            objects.push_back(&tree.nodes[i]);
        }
    } else {
        objects.push_back(&tree.root());
    }
    std::map<std::pair<Text, Text>, size_t> index;
    std::vector<Grouped> groups;
    std::map<Text, std::pair<size_t, size_t>> seen;  // event name -> (group, index): a watch's MODIFIED replaces
    for (const ObjectNode* o : objects) {
        // A watch event wraps the object: {"type":"ADDED","object":{…}}.
        if (const ObjectNode* inner = tree.child(*o, "object"); inner != nullptr && tree.child(*o, "type") != nullptr) {
            o = inner;
        }
        if (tree.value(*o, "kind").value_or("") != "Event") {
            continue;
        }
        const ObjectNode* about = tree.child(*o, "involvedObject");
        about = about != nullptr ? about : tree.child(*o, "regarding");
        if (about == nullptr || tree.value(*about, "kind").value_or("") != "Pod") {
            continue;  // a Node's, a Job's, an autoscaler's event: not about a container here
        }
        OptText name = tree.value(*about, "name");
        if (!name) {
            continue;
        }
        Text ns = tree.value(*about, "namespace").value_or("");
        Event e = event_of(tree, *o, *about, input);
        auto [it, fresh] = index.try_emplace({ns, *name}, groups.size());
        if (fresh) {
            Grouped g;
            g.pod.name = name;
            if (!ns.empty()) {
                g.pod.namespace_ = ns;
            }
            g.pod.uid = tree.value(*about, "uid");
            g.pod.at = e.at;
            groups.push_back(std::move(g));
        }
        Grouped& g = groups[it->second];
        g.telling = g.telling || tells_of_failure(e);
        const ObjectNode* meta = tree.child(*o, "metadata");
        OptText event_name = meta != nullptr ? tree.value(*meta, "name") : std::nullopt;
        if (event_name) {
            auto [was, first] = seen.try_emplace(*event_name, it->second, g.pod.events.size());
            if (!first && was->second.first == it->second) {
                g.pod.events[was->second.second] = e;  // the later state of the same event
                continue;
            }
        }
        g.pod.events.push_back(e);
    }
    std::vector<Pod> pods;
    for (Grouped& g : groups) {
        if (!g.telling) {
            continue;
        }
        auto& events = g.pod.events;
        // The server lists by name, not by time (formats.md §2.2): oldest first when every event has a time.
        if (std::all_of(events.begin(), events.end(), [](const Event& e) { return e.last_seen.has_value(); })) {
            std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
                return compare_times(*a.last_seen, *b.last_seen) == std::partial_ordering::less;
            });
        }
        pods.push_back(std::move(g.pod));
    }
    return pods;
}

}  // namespace pm
