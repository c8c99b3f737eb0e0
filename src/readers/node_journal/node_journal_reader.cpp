// kubelet journal lines read into the events they stand for: structured klog (1.21+) and printf (≤1.20).
#include "readers/node_journal/node_journal_reader.hpp"

#include <map>

#include "base/text.hpp"
#include "oci/classify.hpp"
#include "oci/unwrap.hpp"
#include "readers/events/event_failure.hpp"
#include "readers/node_journal/containerd_lines.hpp"
#include "readers/node_journal/journal_line.hpp"

namespace pm {

namespace {

constexpr size_t k_max_row_text = 1000;

struct Target {
    std::string namespace_;
    std::string name;
    std::string container;
};

// "NAME_NS(UID):CONTAINER" or "NAME_NS(UID)", as printf-era kubelets name a pod (§7.3).
std::optional<Target> printf_target(std::string_view text) {
    size_t open = text.find('(');
    size_t under = text.substr(0, open).rfind('_');
    if (open == std::string_view::npos || under == std::string_view::npos) {
        return std::nullopt;
    }
    Target t;
    t.name = text.substr(0, under);
    t.namespace_ = text.substr(under + 1, open - under - 1);
    size_t close = text.find(')', open);
    if (close != std::string_view::npos && close + 1 < text.size() && text[close + 1] == ':') {
        t.container = text.substr(close + 2);
    }
    return t;
}

// "ns/name" (klog.KObj).
std::optional<Target> structured_target(std::string_view body) {
    std::optional<std::string> pod = klog_value(body, "pod");
    size_t slash = pod ? pod->find('/') : std::string::npos;
    if (slash == std::string::npos) {
        return std::nullopt;
    }
    Target t;
    t.namespace_ = pod->substr(0, slash);
    t.name = pod->substr(slash + 1);
    t.container = klog_value(body, "containerName").value_or("");
    return t;
}

struct Reading {
    Target target;
    Event event;
    std::string message;  // kept in the incident once the line is known to matter
};

// The event a kubelet line stands for, if any.
std::optional<Reading> reading_of(std::string_view body) {
    Reading r;
    if (std::optional<std::string_view> msg = klog_message(body)) {
        std::optional<Target> t = structured_target(body);
        if (!t) {
            return std::nullopt;
        }
        r.target = *t;
        if (*msg == "Probe failed") {
            r.event.type = "Warning";
            r.event.reason = "Unhealthy";
            r.message = klog_value(body, "probeType").value_or("") + " probe failed: " +
                                    klog_value(body, "output").value_or("");
        } else if (*msg == "Message for Container of pod") {
            r.event.type = "Normal";
            r.event.reason = "Killing";  // the restart decision kubelet also records as a Killing event
            r.message = klog_value(body, "containerMessage").value_or("");
        } else {
            return std::nullopt;
        }
        return r;
    }
    // printf: `Liveness probe for "web-…_shop(uid):web" failed (failure): OUTPUT`
    if (size_t at = body.find(" probe for \""); at != std::string_view::npos && body.find("\" failed (") != std::string_view::npos) {
        size_t q = at + 12;
        size_t end = body.find('"', q);
        std::optional<Target> t = printf_target(body.substr(q, end - q));
        size_t colon = body.find("): ", end);
        if (!t || colon == std::string_view::npos) {
            return std::nullopt;
        }
        r.target = *t;
        r.event.type = "Warning";
        r.event.reason = "Unhealthy";
        r.message = std::string(body.substr(0, at)) + " probe failed: " + std::string(body.substr(colon + 3));
        return r;
    }
    // printf: `Container "web" ({…}) of pod web-…_shop(uid): Container web failed liveness probe, will be restarted`
    if (body.starts_with("Container \"")) {
        size_t of = body.find(" of pod ");
        size_t colon = of == std::string_view::npos ? of : body.find("): ", of);
        if (colon == std::string_view::npos) {
            return std::nullopt;
        }
        std::optional<Target> t = printf_target(body.substr(of + 8, colon + 1 - (of + 8)));
        if (!t) {
            return std::nullopt;
        }
        r.target = *t;
        r.target.container = body.substr(11, body.find('"', 11) - 11);
        r.event.type = "Normal";
        r.event.reason = "Killing";
        r.message = body.substr(colon + 3);
        return r;
    }
    return std::nullopt;
}

struct Grouped {
    Pod pod;
    bool telling = false;
};

}  // namespace

void read_node_journal(ReadContext& context) {
    const LineIndex& lines = context.text.body_lines();
    std::map<std::pair<std::string, std::string>, size_t> index;
    std::vector<Grouped> groups;
    size_t runtime_lines = 0;
    ContainerdLines containerd(context);
    for (size_t i = context.region.first; i <= context.region.last && i < lines.size(); ++i) {
        std::string_view line = trim(lines[i]);
        std::optional<JournalLine> j = parse_journal_line(line);
        const bool kubelet = j && (j->ident == "kubelet" || j->ident == "kubenswrapper" || j->ident == "k3s");
        std::optional<std::string_view> body = kubelet ? klog_body(j->message) : std::nullopt;
        std::optional<Reading> r = body ? reading_of(*body) : std::nullopt;
        if (!r && j && j->ident == "containerd" && containerd.feed(i, j->message)) {
            continue;
        }
        if (!r) {
            // Any other line (containerd, CRI-O, a kubelet error) may still carry a runtime error.
            runtime_lines += (j && !kubelet) ? 1 : 0;
            if (looks_like_runtime_error(line)) {
                context.incident.list_runtime_error(
                    analyse_runtime_error(context.grammar, line, context.cite(i), context.incident));
            }
            continue;
        }
        Event e;
        e.type = r->event.type;
        e.reason = r->event.reason;
        e.from = Text{"kubelet"};
        e.message = context.incident.keep(r->message);
        e.at = context.cite(i);
        e.row_text = line.size() <= k_max_row_text ? line : context.incident.keep(cut_with_mark(line, k_max_row_text));
        if (!r->target.container.empty()) {
            e.object = context.incident.keep("spec.containers{" + r->target.container + "}");
        }
        auto [it, fresh] = index.try_emplace({r->target.namespace_, r->target.name}, groups.size());
        if (fresh) {
            Grouped g;
            g.pod.namespace_ = context.incident.keep(r->target.namespace_);
            g.pod.name = context.incident.keep(r->target.name);
            g.pod.at = e.at;
            groups.push_back(std::move(g));
        }
        Grouped& g = groups[it->second];
        g.telling = g.telling || tells_of_failure(e);
        g.pod.events.push_back(e);
    }
    for (Grouped& g : groups) {
        if (g.telling) {
            context.incident.pods.push_back(std::move(g.pod));
        }
    }
    containerd.finish();
    if (runtime_lines > 0) {
        const Cite at{context.input, context.whole_input ? 0 : static_cast<std::uint32_t>(context.region.first + 1)};
        context.incident.warn(at, "read as a node journal: kubelet's probe failures and restart decisions and containerd's "
                                      "sandboxes, OOM and exit events are read; " +
                                      std::to_string(runtime_lines) +
                                      " other lines of the runtimes and systemd only for their runtime errors");
    }
}

}  // namespace pm
