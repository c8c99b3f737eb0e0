// Each kubelet message is matched by its text (formats.md §7.3); values come from klog's key=value
// pairs, `%+v` (`&{ID:… Type:…}`) or JSON (`{"ID":"…"}`) alike.
#include "readers/node_journal/kubelet_lines.hpp"

#include "readers/node_journal/journal_line.hpp"

namespace pm {

namespace {

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// The text after `key` up to a delimiter, past the `"`, `:` and blanks `%+v` and JSON put before it.
std::string_view value_after(std::string_view text, std::string_view key) {
    std::size_t at = text.find(key);
    if (at == std::string_view::npos) {
        return {};
    }
    std::size_t i = at + key.size();
    while (i < text.size() && (text[i] == '"' || text[i] == ':' || text[i] == ' ' || text[i] == '\\')) {
        ++i;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != ',' && text[j] != '}' && text[j] != '"' && text[j] != '\\') {
        ++j;
    }
    return text.substr(i, j - i);
}

// A container ID (lowercase hex, at least 4 digits) after `key`; empty otherwise.
std::string hex_after(std::string_view text, std::string_view key) {
    std::string_view v = value_after(text, key);
    if (std::size_t scheme = v.find("://"); scheme != std::string_view::npos) {
        v.remove_prefix(scheme + 3);  // containerd://, docker://, cri-o://
    }
    std::size_t n = 0;
    while (n < v.size() && is_hex(v[n])) {
        ++n;
    }
    return n >= 4 && n == v.size() ? std::string(v) : std::string();
}

// "NAME_NS(UID)" or "NAME_NS(UID):CONTAINER", as printf-era kubelets name a pod.
bool printf_target(std::string_view text, KubeletReading& r) {
    std::size_t open = text.find('(');
    std::size_t under = text.substr(0, open).rfind('_');
    if (open == std::string_view::npos || under == std::string_view::npos || under == 0) {
        return false;
    }
    r.name = text.substr(0, under);
    r.namespace_ = text.substr(under + 1, open - under - 1);
    std::size_t close = text.find(')', open);
    if (close != std::string_view::npos && close + 1 < text.size() && text[close + 1] == ':') {
        r.container = text.substr(close + 2);
    }
    return true;
}

// pod="ns/name" (klog.KObj) and containerName.
bool structured_target(std::string_view body, KubeletReading& r) {
    std::optional<std::string> pod = klog_value(body, "pod");
    std::size_t slash = pod ? pod->find('/') : std::string::npos;
    if (slash == std::string::npos) {
        return false;
    }
    r.namespace_ = pod->substr(0, slash);
    r.name = pod->substr(slash + 1);
    r.container = klog_value(body, "containerName").value_or("");
    return true;
}

void set_event(KubeletReading& r, const char* type, const char* reason, std::string message) {
    r.event.type = Text{type};
    r.event.reason = Text{reason};
    r.message = std::move(message);
}

// kubelet's own SystemOOM wording (oom_watcher_linux.go), from cadvisor's OomInstance in the line.
std::string system_oom_message(std::string_view body) {
    std::string_view process = value_after(body, "ProcessName");
    std::string_view pid = value_after(body, "Pid");
    std::string out = "System OOM encountered";
    if (!process.empty() && !pid.empty() && pid != "0") {
        out += ", victim process: " + std::string(process) + ", pid: " + std::string(pid);
    }
    return out;
}

// PLEG's ContainerDied, either serialisation; false for the other lifecycle events.
bool read_died(std::string_view event, KubeletReading& r) {
    if (event.find("Type:ContainerDied") == std::string_view::npos &&
        event.find("Type\":\"ContainerDied\"") == std::string_view::npos &&
        event.find("Type:\"ContainerDied\"") == std::string_view::npos) {
        return false;
    }
    r.container_id = hex_after(event, "Data");
    if (r.container_id.empty()) {
        return false;
    }
    r.died = true;
    r.may_tell = false;
    set_event(r, "Normal", "ContainerDied", "Container {} died (PLEG)");
    return true;
}

std::optional<KubeletReading> read_structured(std::string_view msg, std::string_view body) {
    KubeletReading r;
    if (msg == "Got sys oom event") {
        r.scope = KubeletScope::node;
        set_event(r, "Warning", "SystemOOM", system_oom_message(body));
        return r;
    }
    if (msg == "Eviction manager: attempting to reclaim" || msg.starts_with("Eviction manager: must evict pod")) {
        r.resource = klog_value(body, "resourceName").value_or("");
        r.scope = msg.starts_with("Eviction manager: attempting") ? KubeletScope::node : KubeletScope::reclaim;
        set_event(r, "Warning", "EvictionThresholdMet", "Attempting to reclaim " + r.resource);
        return r.resource.empty() ? std::nullopt : std::optional(r);
    }
    if (msg.starts_with("Shutdown manager detected new shutdown event")) {
        std::string value = klog_value(body, "event").value_or("");
        if (value != "true" && value != "shutdown") {
            return std::nullopt;  // event=false: a shutdown cancelled
        }
        r.scope = KubeletScope::node;
        set_event(r, "Normal", "NodeShutdown", "Shutdown manager detected shutdown event");
        return r;
    }
    if (msg == "Starting kubelet main sync loop") {
        r.scope = KubeletScope::node;
        set_event(r, "Normal", "Starting", "Starting kubelet.");
        return r;
    }
    if (!structured_target(body, r)) {
        return std::nullopt;
    }
    if (msg == "Probe failed") {
        set_event(r, "Warning", "Unhealthy",
                  klog_value(body, "probeType").value_or("") + " probe failed: " + klog_value(body, "output").value_or(""));
    } else if (msg == "Message for Container of pod") {
        // The restart decision kubelet also records as a Killing event.
        set_event(r, "Normal", "Killing", klog_value(body, "containerMessage").value_or(""));
        std::size_t status = body.find("containerStatusID=");
        r.container_id = status == std::string_view::npos ? std::string() : hex_after(body.substr(status + 18), "ID");
    } else if (msg.starts_with("Killing container with a grace period")) {
        r.container_id = hex_after(body, " containerID=");
        r.may_tell = false;  // logged for every stop: deletions, evictions and probe kills alike
        set_event(r, "Normal", "Killing",
                  "Killing container {} with " + klog_value(body, "gracePeriod").value_or("?") + " second grace period");
    } else if (msg == "SyncLoop (PLEG): event for pod") {
        if (!read_died(body.substr(body.find(" event=") == std::string_view::npos ? body.size() : body.find(" event=")), r)) {
            return std::nullopt;
        }
    } else if (msg == "Eviction manager: pod is evicted successfully") {
        set_event(r, "Warning", "Evicted", "");  // the reader names the resource of the last reclaim
    } else if (msg == "Shutdown manager killing pod with gracePeriod") {
        // The status kubelet writes for it (nodeshutdown_manager_linux.go, 1.22+).
        set_event(r, "Warning", "Terminated", "Pod was terminated in response to imminent node shutdown.");
    } else {
        return std::nullopt;
    }
    return r;
}

std::optional<KubeletReading> read_printf(std::string_view body) {
    KubeletReading r;
    // `Liveness probe for "web-…_shop(uid):web" failed (failure): OUTPUT`
    if (std::size_t at = body.find(" probe for \""); at != std::string_view::npos &&
                                                     body.find("\" failed (") != std::string_view::npos) {
        std::size_t q = at + 12;
        std::size_t end = body.find('"', q);
        std::size_t colon = body.find("): ", end);
        if (end == std::string_view::npos || colon == std::string_view::npos || !printf_target(body.substr(q, end - q), r)) {
            return std::nullopt;
        }
        set_event(r, "Warning", "Unhealthy", std::string(body.substr(0, at)) + " probe failed: " + std::string(body.substr(colon + 3)));
        return r;
    }
    // `Container "web" ({"docker" "3c03…"}) of pod web-…_shop(uid): Container web failed liveness probe, …`
    if (body.starts_with("Container \"")) {
        std::size_t of = body.find(" of pod ");
        std::size_t colon = of == std::string_view::npos ? of : body.find("): ", of);
        if (colon == std::string_view::npos || !printf_target(body.substr(of + 8, colon + 1 - (of + 8)), r)) {
            return std::nullopt;
        }
        std::size_t quote = body.find('"', 11);
        r.container = body.substr(11, quote == std::string_view::npos ? 0 : quote - 11);
        r.container_id = hex_after(body.substr(0, of), "\" \"");
        set_event(r, "Normal", "Killing", std::string(body.substr(colon + 3)));
        return r;
    }
    // `Killing container "docker://3c03…" with 30 second grace period`
    if (body.starts_with("Killing container \"") && body.find(" second grace period") != std::string_view::npos) {
        r.scope = KubeletScope::by_id;
        r.container_id = hex_after(body, "Killing container ");
        std::size_t with = body.find("\" with ");
        if (r.container_id.empty() || with == std::string_view::npos) {
            return std::nullopt;
        }
        r.may_tell = false;
        std::string_view seconds = value_after(body.substr(with + 6), "");
        set_event(r, "Normal", "Killing", "Killing container {} with " + std::string(seconds) + " second grace period");
        return r;
    }
    // `SyncLoop (PLEG): "NAME_NS(UID)", event: &pleg.PodLifecycleEvent{ID:"…", Type:"ContainerDied", Data:"…"}`
    if (body.starts_with("SyncLoop (PLEG): \"")) {
        std::size_t end = body.find("\", event: ", 18);
        if (end == std::string_view::npos || !printf_target(body.substr(18, end - 18), r) || !read_died(body.substr(end), r)) {
            return std::nullopt;
        }
        return r;
    }
    if (body.starts_with("Got sys oom event")) {
        r.scope = KubeletScope::node;
        set_event(r, "Warning", "SystemOOM", system_oom_message(body));
        return r;
    }
    // `eviction manager: attempting to reclaim memory`, `eviction manager: pod NAME_NS(UID) is evicted successfully`
    if (body.starts_with("eviction manager: attempting to reclaim ")) {
        r.scope = KubeletScope::node;
        r.resource = value_after(body, "attempting to reclaim ");
        set_event(r, "Warning", "EvictionThresholdMet", "Attempting to reclaim " + r.resource);
        return r.resource.empty() ? std::nullopt : std::optional(r);
    }
    if (body.starts_with("eviction manager: pod ") && body.ends_with(" is evicted successfully")) {
        std::string_view who = body.substr(22, body.size() - 22 - 24);
        if (!printf_target(who, r)) {
            return std::nullopt;
        }
        set_event(r, "Warning", "Evicted", "");
        return r;
    }
    if (body.starts_with("Shutdown manager detected new shutdown event, isNodeShuttingDownNow: true")) {
        r.scope = KubeletScope::node;
        set_event(r, "Normal", "NodeShutdown", "Shutdown manager detected shutdown event");
        return r;
    }
    return std::nullopt;
}

}  // namespace

std::optional<KubeletReading> read_kubelet_line(std::string_view body) {
    if (std::optional<std::string_view> msg = klog_message(body)) {
        return read_structured(*msg, body);
    }
    return read_printf(body);
}

}  // namespace pm
