#include "readers/container_log/log_owner.hpp"

#include <vector>

#include "evidence/identity_hints.hpp"

namespace pm {

namespace {

std::vector<std::string_view> parts_of(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = std::min(path.find('/', start), path.size());
        if (slash > start) {
            parts.push_back(path.substr(start, slash - start));
        }
        start = slash + 1;
    }
    return parts;
}

bool is_label(std::string_view s) {
    if (s.empty() || s.size() > 63) {
        return false;
    }
    for (const char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return s.front() != '-' && s.back() != '-';
}

}  // namespace

LogOwner log_owner_from_path(std::string_view path) {
    LogOwner owner;
    const std::vector<std::string_view> parts = parts_of(path);
    if (parts.empty()) {
        return owner;
    }
    const std::string_view file = parts.back();
    // /var/log/pods/NS_POD_UID/CONTAINER/N.log
    for (std::size_t i = 0; i + 2 < parts.size(); ++i) {
        if (parts[i] != "pods" || i == 0 || parts[i - 1] != "log") {
            continue;
        }
        const std::string_view dir = parts[i + 1];
        const std::size_t first = dir.find('_');
        const std::size_t last = dir.rfind('_');
        if (first != std::string_view::npos && last != first) {
            owner.namespace_ = std::string(dir.substr(0, first));
            owner.pod = std::string(dir.substr(first + 1, last - first - 1));
            owner.pod_uid = canonical_pod_uid(dir.substr(last + 1));
        } else {
            owner.pod_uid = canonical_pod_uid(dir);  // the oldest layout: /var/log/pods/UID/…
        }
        if (is_label(parts[i + 2]) && i + 3 < parts.size()) {
            owner.container = std::string(parts[i + 2]);
        } else if (const std::size_t under = parts[i + 2].rfind('_'); under != std::string_view::npos) {
            owner.container = std::string(parts[i + 2].substr(0, under));  // CONTAINER_N.log
        }
        owner.how = "its path (/var/log/pods/\u2026)";
        return owner;
    }
    // /var/log/containers/POD_NS_CONTAINER-ID.log
    if (parts.size() >= 2 && parts[parts.size() - 2] == "containers" && file.ends_with(".log")) {
        const std::string_view name = file.substr(0, file.size() - 4);
        const std::size_t first = name.find('_');
        const std::size_t second = first == std::string_view::npos ? first : name.find('_', first + 1);
        const std::size_t dash = name.rfind('-');
        if (second != std::string_view::npos && dash != std::string_view::npos && dash > second) {
            owner.pod = std::string(name.substr(0, first));
            owner.namespace_ = std::string(name.substr(first + 1, second - first - 1));
            owner.container = std::string(name.substr(second + 1, dash - second - 1));
            owner.how = "its path (/var/log/containers/\u2026)";
            return owner;
        }
    }
    // CONTAINER-previous.log (and a bundle's POD/CONTAINER-previous.log)
    std::string_view stem = file;
    for (const std::string_view ext : {std::string_view(".log"), std::string_view(".txt")}) {
        if (stem.ends_with(ext)) {
            stem.remove_suffix(ext.size());
        }
    }
    for (const std::string_view tail : {std::string_view("-previous"), std::string_view("_previous"),
                                        std::string_view(".previous")}) {
        // CONTAINER-previous, or with a date or size after it (api-previous-2024-05-14)
        const std::size_t at = stem.find(tail);
        const std::size_t after = at == std::string_view::npos ? at : at + tail.size();
        if (at != std::string_view::npos && at > 0 &&
            (after == stem.size() || stem[after] == '-' || stem[after] == '_' || stem[after] == '.')) {
            const std::string_view name = stem.substr(0, at);
            if (is_label(name)) {
                owner.container = std::string(name);
                owner.previous = true;
                owner.how = "its file name";
                return owner;
            }
        }
    }
    // …/CONTAINER/logs/previous.log, …/CONTAINER/previous.log (support bundles)
    if ((stem == "previous" || stem == "current") && parts.size() >= 2) {
        std::string_view dir = parts[parts.size() - 2];
        if (dir == "logs" && parts.size() >= 3) {
            dir = parts[parts.size() - 3];
        }
        if (is_label(dir)) {
            owner.container = std::string(dir);
            owner.previous = stem == "previous";
            owner.how = "its folder";
        }
    }
    return owner;
}

LogOwner log_owner_of(std::string_view path, std::string_view named_container) {
    LogOwner owner = log_owner_from_path(path);
    if (!named_container.empty()) {
        if (owner.container && *owner.container != named_container) {
            owner.pod.reset();  // the path named another container's pod; the user's word wins
            owner.pod_uid.reset();
            owner.namespace_.reset();
        }
        owner.container = std::string(named_container);
        owner.how = "named with --log " + std::string(named_container) + "=PATH";
    }
    return owner;
}

}  // namespace pm
