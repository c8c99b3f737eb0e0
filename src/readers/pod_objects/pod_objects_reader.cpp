// Pod objects: one tolerant line reader for YAML and indented JSON, so a fragment reads like a document
// and every value keeps its line for citations.
#include "readers/pod_objects/pod_objects_reader.hpp"

#include <algorithm>
#include <iterator>

#include "readers/pod_objects/event_objects.hpp"
#include "readers/pod_objects/object_tree.hpp"
#include "readers/pod_objects/pod_builder.hpp"

namespace pm {

namespace {

bool same_end(const Termination& a, const Termination& b) {
    return a.reason == b.reason && a.exit_code == b.exit_code && a.finished.has_value() == b.finished.has_value() &&
           (!a.finished || compare_times(*a.finished, *b.finished) == 0);
}

// `from`'s terminations and (when it has one) state folded into `into`, oldest first where the
// finish times allow.
void fold_container(Container& into, Container&& from) {
    into.name = into.name ? into.name : from.name;
    into.image = into.image ? into.image : from.image;
    struct Tagged {
        Termination t;
        bool state = false;
        bool last = false;
    };
    std::vector<Tagged> all;
    for (std::uint32_t i = 0; i < into.terminations.size(); ++i) {
        all.push_back({into.terminations[i], i == into.state.termination, i == into.last_termination});
    }
    const bool takes_state = from.state.status != StateStatus::unknown;
    for (std::uint32_t i = 0; i < from.terminations.size(); ++i) {
        auto known = std::find_if(all.begin(), all.end(), [&](const Tagged& k) { return same_end(k.t, from.terminations[i]); });
        bool state = takes_state && i == from.state.termination;
        bool last = i == from.last_termination;
        if (known == all.end()) {
            all.push_back({from.terminations[i], state, last});
        } else {
            known->state = known->state || state;
            known->last = known->last || last;
        }
    }
    const bool timed = std::all_of(all.begin(), all.end(), [](const Tagged& k) { return k.t.finished.has_value(); });
    if (timed) {
        std::stable_sort(all.begin(), all.end(), [](const Tagged& a, const Tagged& b) {
            return compare_times(*a.t.finished, *b.t.finished) == std::partial_ordering::less;
        });
    }
    if (takes_state) {
        into.state = from.state;
        into.restart_count = from.restart_count ? from.restart_count : into.restart_count;
        into.restart_cite = from.restart_cite ? from.restart_cite : into.restart_cite;
        into.ready = from.ready;
        for (Tagged& k : all) {
            k.state = k.state && from.state.termination != k_none_index;  // a running state ends none
        }
    }
    into.terminations.clear();
    into.state.termination = k_none_index;
    into.last_termination = k_none_index;
    for (Tagged& k : all) {
        const auto index = static_cast<std::uint32_t>(into.terminations.size());
        if (k.state) {
            into.state.termination = index;
        }
        if (k.last) {
            into.last_termination = index;  // the newest Last State wins
        }
        into.terminations.push_back(std::move(k.t));
    }
    if (into.limits.empty() && !from.limits.empty()) {
        into.limits = std::move(from.limits);
        into.requests = std::move(from.requests);
        into.memory_limit_cite = from.memory_limit_cite;
    }
}

// Beyond this many terminations fragments stay apart: folding must not grow quadratic.
constexpr std::size_t k_max_folded_terminations = 64;

// The pod just read from this input, when it names nobody and holds one container: an earlier
// fragment of the same paste.
Pod* earlier_fragment(ReadContext& context, std::size_t before) {
    if (before == 0) {
        return nullptr;
    }
    Pod& p = context.incident.pods[before - 1];
    const bool fragment = p.at.input == context.input && !p.name && p.containers.size() == 1 && p.events.empty();
    return fragment && p.containers[0].terminations.size() < k_max_folded_terminations ? &p : nullptr;
}

}  // namespace

void read_pod_objects(ReadContext& context) {
    ObjectTree tree = read_object_tree(context.text, context.region.first, context.region.last, context.incident);
    std::vector<Pod> pods = build_pods(tree, context.text, context.input, context.incident);
    std::vector<Pod> event_pods = build_event_pods(tree, context.input);
    auto& into = context.incident.pods;
    into.insert(into.end(), std::make_move_iterator(event_pods.begin()), std::make_move_iterator(event_pods.end()));
    const std::size_t before = into.size();
    // Fragments of one pod pasted apart in one note (a JSON `terminated` block, then a YAML status) are one pod.
    if (pods.size() == 1 && !pods[0].name && pods[0].containers.size() == 1) {
        if (Pod* earlier = earlier_fragment(context, before)) {
            const Container& a = earlier->containers[0];
            const Container& b = pods[0].containers[0];
            if (!a.name || !b.name || a.name == b.name) {
                fold_container(earlier->containers[0], std::move(pods[0].containers[0]));
                return;
            }
        }
        const Container& only = pods[0].containers[0];
        if (only.terminations.empty() && only.state.status == StateStatus::unknown) {
            return;  // limits alone, with no status to weigh them against: nothing to report
        }
    }
    into.insert(into.end(), std::make_move_iterator(pods.begin()), std::make_move_iterator(pods.end()));
}

}  // namespace pm
