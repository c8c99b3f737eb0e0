// The describe key vocabulary as one table, and the key/value split every describe stage uses.
#include "readers/describe/describe_keys.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

namespace pm {

namespace {

constexpr unsigned k_p = k_scope_pod;
constexpr unsigned k_c = k_scope_container;
constexpr unsigned k_s = k_scope_state;
constexpr unsigned k_v = k_scope_volume;

// Every spelling from kubectl 1.2 to 1.37 (formats.md §1.2, §1.4); synonyms share an id.
constexpr KeyInfo k_keys[] = {
    {"Name", k_p | k_v, DescribeKey::name},
    {"Namespace", k_p, DescribeKey::namespace_},
    {"Priority", k_p, DescribeKey::priority},
    {"Priority Class Name", k_p, DescribeKey::pod_scalar},
    {"PriorityClassName", k_p, DescribeKey::pod_scalar},  // kubectl 1.11-1.13
    {"Image(s)", k_p, DescribeKey::pod_scalar},           // kubectl 1.0: the pod's images on one line
    {"Replication Controllers", k_p, DescribeKey::pod_scalar},  // kubectl 1.0: "NAME (1/1 replicas created)"
    {"Runtime Class Name", k_p, DescribeKey::pod_scalar},
    {"Service Account", k_p, DescribeKey::pod_scalar},
    {"Node", k_p, DescribeKey::node},
    {"Start Time", k_p, DescribeKey::start_time},
    {"Labels", k_p, DescribeKey::labels},
    {"Annotations", k_p, DescribeKey::annotations},
    {"Status", k_p, DescribeKey::status},
    {"Termination Grace Period", k_p, DescribeKey::pod_scalar},
    {"Reason", k_p | k_s, DescribeKey::reason},
    {"Message", k_p | k_s, DescribeKey::message},
    {"SeccompProfile", k_p | k_c, DescribeKey::pod_scalar},
    {"LocalhostProfile", k_p | k_c, DescribeKey::pod_scalar},
    {"IP", k_p, DescribeKey::ip},
    {"IPs", k_p, DescribeKey::ips},
    {"Controlled By", k_p, DescribeKey::controlled_by},
    {"Controllers", k_p, DescribeKey::controlled_by},
    {"Created By", k_p, DescribeKey::pod_scalar},
    {"Security Policy", k_p, DescribeKey::pod_scalar},
    {"NominatedNodeName", k_p, DescribeKey::pod_scalar},
    {"Resources", k_p, DescribeKey::pod_block},
    {"Init Containers", k_p, DescribeKey::init_containers},
    {"Containers", k_p, DescribeKey::containers},
    {"Ephemeral Containers", k_p, DescribeKey::ephemeral_containers},
    {"Readiness Gates", k_p, DescribeKey::pod_block},
    {"Conditions", k_p, DescribeKey::conditions},
    {"Volumes", k_p, DescribeKey::volumes},
    {"QoS Class", k_p, DescribeKey::qos_class},
    {"QoS Tier", k_p | k_c, DescribeKey::qos_class},
    {"Node-Selectors", k_p, DescribeKey::pod_block},
    {"Tolerations", k_p, DescribeKey::pod_block},
    {"Topology Spread Constraints", k_p, DescribeKey::pod_block},
    {"SchedulingGroup", k_p, DescribeKey::pod_block},
    {"Events", k_p, DescribeKey::events},
    {"Container ID", k_c, DescribeKey::container_id},
    {"Image", k_c, DescribeKey::image},
    {"Image ID", k_c, DescribeKey::container_scalar},
    {"Port", k_c, DescribeKey::container_scalar},
    {"Ports", k_c, DescribeKey::container_scalar},
    {"Host Port", k_c, DescribeKey::container_scalar},
    {"Host Ports", k_c, DescribeKey::container_scalar},
    {"Restart Policy", k_c, DescribeKey::container_scalar},
    {"Command", k_c, DescribeKey::command},
    {"Args", k_c, DescribeKey::args},
    {"State", k_c, DescribeKey::state},
    {"Last State", k_c, DescribeKey::last_state},
    {"Last Termination State", k_c, DescribeKey::last_state},
    {"Ready", k_c, DescribeKey::ready},
    {"Restart Count", k_c, DescribeKey::restart_count},
    {"Limits", k_c, DescribeKey::limits},
    {"Requests", k_c, DescribeKey::requests},
    {"Liveness", k_c, DescribeKey::liveness},
    {"Readiness", k_c, DescribeKey::readiness},
    {"Startup", k_c, DescribeKey::startup},
    {"Environment Variables from", k_c, DescribeKey::env_from},
    {"Environment", k_c, DescribeKey::environment},
    {"Environment Variables", k_c, DescribeKey::environment},
    {"Mounts", k_c, DescribeKey::mounts},
    {"Volume Mounts", k_c, DescribeKey::mounts},
    {"Devices", k_c, DescribeKey::devices},
    {"Resize Policy", k_c, DescribeKey::container_block},
    {"Exit Code", k_s, DescribeKey::exit_code},
    {"Signal", k_s, DescribeKey::signal},
    {"Started", k_s, DescribeKey::started},
    {"Finished", k_s, DescribeKey::finished},
    {"Type", k_v, DescribeKey::volume_type},
    {"SecretName", k_v, DescribeKey::volume_field},
    {"ConfigMapName", k_v, DescribeKey::volume_field},
    {"ConfigMapOptional", k_v, DescribeKey::volume_field},
    {"Optional", k_v, DescribeKey::volume_field},
    {"Medium", k_v, DescribeKey::volume_field},
    {"SizeLimit", k_v, DescribeKey::volume_field},
    {"ClaimName", k_v, DescribeKey::volume_field},
    {"ReadOnly", k_v, DescribeKey::volume_field},
    {"Path", k_v, DescribeKey::volume_field},
    {"HostPathType", k_v, DescribeKey::volume_field},
    {"TokenExpirationSeconds", k_v, DescribeKey::volume_field},
    {"DownwardAPI", k_v, DescribeKey::volume_field},
    {"Server", k_v, DescribeKey::volume_field},
};

// Longer than any key kubectl prints, long enough for env var and annotation names; bounds the
// search for `: ` on megabyte lines.
constexpr size_t k_max_key_length = 320;

struct KeyIndex {
    std::array<std::vector<const KeyInfo*>, 128> by_first_char;
    std::size_t longest = 0;

    KeyIndex() {
        for (const KeyInfo& info : k_keys) {
            by_first_char[static_cast<unsigned char>(info.name.front())].push_back(&info);
            longest = std::max(longest, info.name.size());
        }
    }
};

const KeyIndex& key_index() {
    static const KeyIndex index;
    return index;
}

}  // namespace

std::string quote_for_warning(std::string_view text, size_t limit) {
    if (text.size() <= limit) {
        return std::string(text);
    }
    // Cut on a UTF-8 boundary so the warning stays valid text.
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
        --cut;
    }
    return std::string(text.substr(0, cut)) + "…";
}

const KeyInfo* find_describe_key(std::string_view key) {
    // The few keys of the same first letter, compared by length first: cheaper than hashing the key.
    if (key.empty() || static_cast<unsigned char>(key.front()) >= 128) {
        return nullptr;
    }
    for (const KeyInfo* info : key_index().by_first_char[static_cast<unsigned char>(key.front())]) {
        if (info->name == key) {
            return info;
        }
    }
    return nullptr;
}

KeyMatch match_describe_key_at(std::string_view text, size_t pos) {
    if (pos >= text.size()) {
        return {};
    }
    auto first = static_cast<unsigned char>(text[pos]);
    if (first >= 128) {
        return {};
    }
    const KeyIndex& index = key_index();
    const auto& candidates = index.by_first_char[first];
    if (candidates.empty()) {
        return {};
    }
    // No key holds a colon, so a key can only end at the first one: find it, then compare only
    // the keys of that length.
    const std::size_t window = std::min(text.size() - pos, index.longest + 1);
    const auto* colon = static_cast<const char*>(std::memchr(text.data() + pos, ':', window));
    if (colon == nullptr) {
        return {};
    }
    const auto end = static_cast<std::size_t>(colon - text.data());
    if (end + 1 != text.size() && !is_blank_char(text[end + 1])) {
        return {};
    }
    const std::string_view key = text.substr(pos, end - pos);
    for (const KeyInfo* info : candidates) {
        if (info->name == key) {
            return {info, info->name.size() + 1};
        }
    }
    return {};
}

KeyValue split_key_value(std::string_view text) {
    KeyValue out;
    size_t limit = text.size() < k_max_key_length ? text.size() : k_max_key_length;
    for (size_t i = 1; i < limit; ++i) {
        const auto* colon = static_cast<const char*>(std::memchr(text.data() + i, ':', limit - i));
        if (colon == nullptr) {
            return out;
        }
        i = static_cast<size_t>(colon - text.data());
        if (i + 1 < text.size() && !is_blank_char(text[i + 1])) {
            continue;  // `http://…`, `node.kubernetes.io/x:NoExecute`, `12:30`
        }
        std::string_view key = rtrim_view(text.substr(0, i));
        if (key.empty()) {
            return out;
        }
        out.has_key = true;
        out.key = key;
        out.value = trim_view(text.substr(i + 1));
        return out;
    }
    return out;
}

}  // namespace pm
