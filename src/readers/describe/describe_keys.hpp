// The field names `kubectl describe pod` prints (all versions), and the `Key:  value` split.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace pm {

// Where a key may appear; a name can belong to several scopes (`Reason:` is pod- and state-level).
enum KeyScope : unsigned {
    k_scope_pod = 1U,
    k_scope_container = 2U,
    k_scope_state = 4U,
    k_scope_volume = 8U,
};

enum class DescribeKey {
    name, namespace_, priority, node, start_time, labels, annotations, status, reason, message,
    ip, ips, controlled_by, init_containers, containers, ephemeral_containers, conditions, volumes,
    qos_class, events, pod_block,  // pod_block: a pod-level block podmortem skips (Tolerations, …)
    pod_scalar,                    // a pod-level one-line field podmortem does not keep
    container_id, image, command, args, state, last_state, ready, restart_count, limits, requests,
    liveness, readiness, startup, environment, env_from, mounts, devices, container_block, container_scalar,
    exit_code, signal, started, finished,
    volume_type, volume_field,
};

struct KeyInfo {
    std::string_view name;
    unsigned scopes;
    DescribeKey id;
};

// The known key spelled exactly `key` (case-sensitive, as kubectl prints it), or nullptr.
const KeyInfo* find_describe_key(std::string_view key);

// When a known key followed by `:` and whitespace (or the end) starts at text[pos], its info and
// the length of `Key:`; otherwise {nullptr, 0}.
struct KeyMatch {
    const KeyInfo* info = nullptr;
    size_t length = 0;
};
KeyMatch match_describe_key_at(std::string_view text, size_t pos);

struct KeyValue {
    bool has_key = false;
    std::string_view key;    // without the colon
    std::string_view value;  // trimmed; may be empty
};

// Splits `Key:  value` on the first `:` followed by whitespace or the end of the text (values may
// hold colons: `Node: w/10.0.0.1`, URLs, times). Keys longer than a few hundred bytes are not keys.
KeyValue split_key_value(std::string_view text);

// Inline: these run once per byte of megabyte lines.
inline bool is_blank_char(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

// Leading blanks (space, TAB, CR) of `text`; eight spaces at a time, since indentation can run to
// megabytes in hostile input.
inline size_t count_leading_blanks(std::string_view text) {
    constexpr unsigned long long k_eight_spaces = 0x2020202020202020ULL;
    size_t p = 0;
    while (p + 8 <= text.size()) {
        unsigned long long word = 0;
        std::memcpy(&word, text.data() + p, 8);
        if (word != k_eight_spaces) {
            break;
        }
        p += 8;
    }
    while (p < text.size() && is_blank_char(text[p])) {
        ++p;
    }
    return p;
}

inline std::string_view rtrim_view(std::string_view text) {
    while (!text.empty() && is_blank_char(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

inline std::string_view trim_view(std::string_view text) {
    return rtrim_view(text.substr(count_leading_blanks(text)));
}

// At most `limit` bytes of `text` for a warning message, with `…` when cut.
std::string quote_for_warning(std::string_view text, size_t limit = 60);

}  // namespace pm
