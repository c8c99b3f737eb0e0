#include "evidence/identity_hints.hpp"

#include <algorithm>
#include <array>
#include <memory>

#include <re2/re2.h>

namespace pm {

namespace {

#define PM_UID "[0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12}"
#define PM_LABEL "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?"
#define PM_SUBDOMAIN "[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?"

// What one pattern's groups are: which hint each capture fills (0 for none).
enum Field : unsigned char { none, ns, pod, uid, container };

struct HintPattern {
    const char* needle;  // a literal every match holds: without it the regex is not run
    const char* pattern;
    std::array<Field, 4> groups;
};

// Quoting levels (`\"`) are seen through: the texts are often runtime errors nested in quotes.
constexpr std::array k_patterns = {
    // kubelet's pod directory: volume-subpaths/<volume>/<container>/<n>, containers/<container>/…
    HintPattern{"/var/lib/kubelet/pods/", "/var/lib/kubelet/pods/(" PM_UID ")/volume-subpaths/[^/\\s\"\\\\]+/(" PM_LABEL ")/",
                {uid, container, none, none}},
    HintPattern{"/var/lib/kubelet/pods/", "/var/lib/kubelet/pods/(" PM_UID ")/containers/(" PM_LABEL ")/", {uid, container, none, none}},
    HintPattern{"/var/lib/kubelet/pods/", "/var/lib/kubelet/pods/(" PM_UID ")/", {uid, none, none, none}},
    // the container log directory: /var/log/pods/<ns>_<pod>_<uid>/<container>/
    HintPattern{"/var/log/pods/", "/var/log/pods/(" PM_LABEL ")_(" PM_SUBDOMAIN ")_(" PM_UID ")/(" PM_LABEL ")", {ns, pod, uid, container}},
    // kubelet's back-off message (1.26+ carries the pod and its UID)
    HintPattern{"ack-off restarting failed container ", "[Bb]ack-off restarting failed container (" PM_LABEL ") in pod (" PM_SUBDOMAIN ")_(" PM_LABEL
                ")\\((" PM_UID ")\\)",
                {container, pod, ns, uid}},
    HintPattern{"ack-off restarting failed container ", "[Bb]ack-off restarting failed container (" PM_LABEL ")", {container, none, none, none}},
    // an event's object field path, also the 1.35+ message prefix
    HintPattern{"ontainers{", "spec\\.(?:initContainers|containers|ephemeralContainers)\\{(" PM_LABEL ")\\}", {container, none, none, none}},
    // klog structured logging
    HintPattern{"pod=", "\\bpod=\\\\*\"(" PM_LABEL ")/(" PM_SUBDOMAIN ")\\\\*\"", {ns, pod, none, none}},
    HintPattern{"podUID=", "\\bpodUID=\\\\*\"?(" PM_UID ")", {uid, none, none, none}},
    HintPattern{"containerName=", "\\bcontainerName=\\\\*\"(" PM_LABEL ")\\\\*\"", {container, none, none, none}},
    // Docker's container names under dockershim: k8s_<container>_<pod>_<namespace>_<uid>_<attempt>
    HintPattern{"k8s_", "\\bk8s_(" PM_LABEL ")_(" PM_SUBDOMAIN ")_(" PM_LABEL ")_(" PM_UID ")_[0-9]+", {container, pod, ns, uid}},
    // kubelet's start errors: failed to start container "x", failed to create containerd container "x"?
    HintPattern{"ailed to ", "\\b[Ff]ailed to (?:start|create|run) container \\\\*\"(" PM_LABEL ")\\\\*\"", {container, none, none, none}},
    // a systemd cgroup slice: kubepods-burstable-pod<uid with _>.slice
    HintPattern{"kubepods", "kubepods(?:-[a-z]+)?-pod(" PM_UID ")\\.slice", {uid, none, none, none}},
    HintPattern{"/kubepods/", "/kubepods/(?:[a-z]+/)?pod(" PM_UID ")", {uid, none, none, none}},
};

#undef PM_UID
#undef PM_LABEL
#undef PM_SUBDOMAIN

const std::array<std::unique_ptr<const RE2>, k_patterns.size()>& compiled() {
    static const auto regexes = [] {
        std::array<std::unique_ptr<const RE2>, k_patterns.size()> out;
        RE2::Options options;
        options.set_log_errors(false);
        for (std::size_t i = 0; i < k_patterns.size(); ++i) {
            out[i] = std::make_unique<const RE2>(k_patterns[i].pattern, options);
        }
        return out;
    }();
    return regexes;
}

void set_once(std::optional<std::string>& slot, std::string_view value) {
    if (!slot && !value.empty()) {
        slot = std::string(value);
    }
}

}  // namespace

void IdentityHints::fill_from(const IdentityHints& other) {
    if (!namespace_) namespace_ = other.namespace_;
    if (!pod) pod = other.pod;
    if (!pod_uid) pod_uid = other.pod_uid;
    if (!container) container = other.container;
}

std::optional<std::string> canonical_pod_uid(std::string_view text) {
    if (text.size() != 36) {
        return std::nullopt;
    }
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char& c = out[i];
        if (dash) {
            if (c != '-' && c != '_') {
                return std::nullopt;
            }
            c = '-';
        } else if (c >= 'A' && c <= 'F') {
            c = static_cast<char>(c - 'A' + 'a');
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return std::nullopt;
        }
    }
    return out;
}

IdentityHints find_identity_hints(std::string_view text) {
    IdentityHints hints;
    // A cheap screen: every pattern needs one of these bytes or words.
    if (text.find('/') == std::string_view::npos && text.find("ack-off") == std::string_view::npos &&
        text.find("spec.") == std::string_view::npos && text.find('=') == std::string_view::npos &&
        text.find("k8s_") == std::string_view::npos && text.find("ontainer") == std::string_view::npos) {
        return hints;
    }
    const auto& regexes = compiled();
    const re2::StringPiece input(text.data(), text.size());
    for (std::size_t i = 0; i < k_patterns.size(); ++i) {
        if (text.find(k_patterns[i].needle) == std::string_view::npos) {
            continue;  // the literal every match holds is absent: the regex cannot match
        }
        const RE2& re = *regexes[i];
        if (!re.ok()) {
            continue;
        }
        std::array<re2::StringPiece, 5> groups;
        const int n = std::min(re.NumberOfCapturingGroups(), 4);
        if (!re.Match(input, 0, input.size(), RE2::UNANCHORED, groups.data(), n + 1)) {
            continue;
        }
        for (int g = 0; g < n; ++g) {
            const std::string_view value(groups[static_cast<std::size_t>(g) + 1].data(),
                                         groups[static_cast<std::size_t>(g) + 1].size());
            switch (k_patterns[i].groups[static_cast<std::size_t>(g)]) {
            case ns: set_once(hints.namespace_, value); break;
            case pod: set_once(hints.pod, value); break;
            case uid:
                if (!hints.pod_uid) {
                    hints.pod_uid = canonical_pod_uid(value);
                }
                break;
            case container: set_once(hints.container, value); break;
            case none: break;
            }
        }
    }
    return hints;
}

}  // namespace pm
