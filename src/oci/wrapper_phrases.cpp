// The one table of wrapper phrases the unwrapper splits at, with a tiny pattern matcher for it.
#include "oci/wrapper_phrases.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace pm::oci {

namespace {

struct WrapperPhrase {
    // Literal text, except `%q` (a Go-quoted string), `%p` (text up to the matching `)`) and `%w` (a
    // word). A trailing space in a transport pattern may also meet the end of the text.
    std::string_view pattern;
    PhraseRole role;
    bool from_containerd_or_docker;
};

constexpr PhraseRole k_layer = PhraseRole::layer;
constexpr PhraseRole k_transport = PhraseRole::transport;

// Every wrapper phrase the splitter knows; nothing else ever starts a layer. Sources are the
// sections of shared/spec/formats.md (§4.2 runc, §4.3 containerd/CRI-O/Docker, §4.4 kubelet)
// and the upstream files named there. Longer phrases come before the phrases they start with.
constexpr std::array k_wrapper_phrases{
    // Transport packaging (dropped).
    WrapperPhrase{"Error response from daemon: ", k_transport, true},  // Docker API client (§4.3)
    WrapperPhrase{"docker: ", k_transport, false},                     // `docker run` CLI prefix
    WrapperPhrase{"Error: ", k_transport, false},                      // kubelet event (§4.4)
    WrapperPhrase{"rpc error: code = %w desc = ", k_transport, false},  // grpc-go status.Error
    WrapperPhrase{"invalid header field value ", k_transport, true},    // Go net/http in Docker 1.13 (moby#31037)
    // containerd (§4.3, K17).
    WrapperPhrase{"failed to create containerd task", k_layer, true},      // CRI container_start.go
    WrapperPhrase{"failed to start containerd task %q", k_layer, true},    // CRI (containerd#7388)
    WrapperPhrase{"failed to create shim task", k_layer, true},            // task manager, 1.6+
    WrapperPhrase{"failed to create shim", k_layer, true},                 // task manager, 1.5
    WrapperPhrase{"OCI runtime create failed", k_layer, true},             // shim runtimeError, init.go
    WrapperPhrase{"OCI runtime start failed", k_layer, true},              // shim runtimeError, init.go
    WrapperPhrase{"OCI runtime exec failed", k_layer, true},               // shim runtimeError, exec.go
    WrapperPhrase{"unable to retrieve OCI runtime error (%p)", k_layer, true},  // shim utils.go
    // Docker / dockershim (§4.3, K19).
    WrapperPhrase{"failed to create task for container", k_layer, true},  // moby 23+ (moby#47550)
    WrapperPhrase{"oci runtime error", k_layer, true},                    // Docker 1.13/17.0x (moby#31037)
    WrapperPhrase{"failed to start container %q", k_layer, true},         // dockershim StartContainer
    // Pod sandbox creation (kubelet FailedCreatePodSandBox, §2.3; containerd CRI; CNI's libcni).
    WrapperPhrase{"Failed to create pod sandbox", k_layer, false},            // kubelet event message
    WrapperPhrase{"failed to setup network for sandbox %q", k_layer, true},   // containerd CRI sandbox_run.go
    WrapperPhrase{"failed to destroy network for sandbox %q", k_layer, true}, // containerd CRI sandbox_stop.go
    WrapperPhrase{"plugin type=%q failed (add)", k_layer, false},             // libcni api.go
    WrapperPhrase{"plugin type=%q failed (delete)", k_layer, false},          // libcni api.go
    // CRI-O (§4.3, K18).
    WrapperPhrase{"container create failed", k_layer, false},   // runtime_oci.go CreateContainer
    WrapperPhrase{"Container creation error", k_layer, false},  // CRI-O log line (cri-o#9136)
    // runc >= 1.1: CLI and libcontainer `%w` chains (§4.2 item 3, K16).
    WrapperPhrase{"runc create failed", k_layer, false},  // utils_linux.go
    WrapperPhrase{"runc run failed", k_layer, false},     // utils_linux.go
    WrapperPhrase{"runc exec failed", k_layer, false},    // utils_linux.go
    WrapperPhrase{"exec failed", k_layer, false},         // `runc exec` (kubectl exec)
    WrapperPhrase{"runc init errors", k_layer, false},    // init pipe relay
    WrapperPhrase{"runc init error", k_layer, false},     // init pipe relay
    WrapperPhrase{"unable to start container process", k_layer, false},  // container_linux.go, 1.1+
    WrapperPhrase{"error during container init", k_layer, false},       // 1.2+ (runc#4713)
    WrapperPhrase{"error mounting %q to rootfs at %q", k_layer, false},  // rootfs_linux.go, 1.1+
    // runc <= 1.0: genericError cause phrases after a `file.go:N: ` label (§4.2 items 1 and 2).
    WrapperPhrase{"starting container process", k_layer, false},      // container_linux.go
    WrapperPhrase{"container init", k_layer, false},                  // process_linux.go
    WrapperPhrase{"mounting %q to rootfs at %q", k_layer, false},     // rootfs_linux.go rc94..1.0
    WrapperPhrase{"mounting %q to rootfs %q at %q", k_layer, false},  // rootfs_linux.go <= rc93
};

// Quoted paths and parenthesised reasons are bounded so a missing close costs little.
constexpr std::size_t k_max_argument = 8192;
constexpr std::size_t k_max_label_name = 128;
constexpr std::size_t k_max_label_digits = 7;

struct TrailingHint {
    std::string_view text;
    bool explains_cause;  // worth keeping as a note
};

// Docker appends these after the runtime error (K19 daemon/start.go; the docker CLI), in this order
// from the end.
constexpr std::array k_trailing_hints{
    TrailingHint{"See 'docker run --help'.", false},
    TrailingHint{": Are you trying to mount a directory onto a file (or vice-versa)?", true},
};

bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::size_t match_quoted_argument(std::string_view text, std::size_t pos)
{
    if (pos >= text.size() || text[pos] != '"') {
        return std::string_view::npos;
    }
    const std::size_t limit = std::min(text.size(), pos + k_max_argument);
    for (std::size_t i = pos + 1; i < limit; ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == '"') {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

// Text up to (not including) the `)` that closes an already opened parenthesis.
std::size_t match_parenthesised(std::string_view text, std::size_t pos)
{
    const std::size_t limit = std::min(text.size(), pos + k_max_argument);
    int depth = 0;
    for (std::size_t i = pos; i < limit; ++i) {
        if (text[i] == '(') {
            ++depth;
        } else if (text[i] == ')') {
            if (depth == 0) {
                return i;
            }
            --depth;
        }
    }
    return std::string_view::npos;
}

std::size_t match_pattern(std::string_view pattern, std::string_view text, std::size_t pos)
{
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] == '%' && i + 1 < pattern.size()) {
            std::size_t next = std::string_view::npos;
            if (pattern[i + 1] == 'q') {
                next = match_quoted_argument(text, pos);
            } else if (pattern[i + 1] == 'p') {
                next = match_parenthesised(text, pos);
            } else if (pattern[i + 1] == 'w') {
                next = pos;
                while (next < text.size() && is_word_char(text[next])) {
                    ++next;
                }
                if (next == pos) {
                    next = std::string_view::npos;
                }
            }
            if (next == std::string_view::npos) {
                return next;
            }
            pos = next;
            i += 2;
            continue;
        }
        if (pos >= text.size()) {
            return (pattern.substr(i) == " ") ? pos : std::string_view::npos;
        }
        if (text[pos] != pattern[i]) {
            return std::string_view::npos;
        }
        ++i;
        ++pos;
    }
    return pos;
}

// A layer ends at the end of its text, at `: ` (or a final `:`), or at ` caused: `/` caused "`.
bool at_layer_boundary(std::string_view text, std::size_t pos)
{
    if (pos >= text.size()) {
        return true;
    }
    if (text[pos] == ':') {
        return pos + 1 == text.size() || text[pos + 1] == ' ' || text[pos + 1] == '\t';
    }
    const std::string_view rest = text.substr(pos);
    return rest.starts_with(" caused:") || rest.starts_with(" caused \"") || rest.starts_with(" caused \\");
}

bool is_label_char(char c)
{
    return is_word_char(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// The table's phrases grouped by first byte, so a split candidate only tries its few phrases.
struct PhraseIndex {
    std::array<std::vector<std::size_t>, 256> by_first_byte;
};

const PhraseIndex& phrase_index()
{
    static const PhraseIndex index = [] {
        PhraseIndex built;
        for (std::size_t i = 0; i < k_wrapper_phrases.size(); ++i) {
            built.by_first_byte[static_cast<unsigned char>(k_wrapper_phrases[i].pattern.front())].push_back(i);
        }
        return built;
    }();
    return index;
}

}  // namespace

bool may_start_phrase(std::string_view text, std::size_t pos)
{
    if (pos >= text.size()) {
        return false;
    }
    return is_label_char(text[pos]) || !phrase_index().by_first_byte[static_cast<unsigned char>(text[pos])].empty();
}

std::optional<PhraseMatch> match_wrapper_phrase(std::string_view text, std::size_t pos)
{
    if (pos >= text.size()) {
        return std::nullopt;
    }
    for (std::size_t index : phrase_index().by_first_byte[static_cast<unsigned char>(text[pos])]) {
        const WrapperPhrase& phrase = k_wrapper_phrases[index];
        const std::size_t end = match_pattern(phrase.pattern, text, pos);
        if (end == std::string_view::npos) {
            continue;
        }
        if (phrase.role == PhraseRole::layer && !at_layer_boundary(text, end)) {
            continue;
        }
        return PhraseMatch{end, phrase.role, phrase.from_containerd_or_docker};
    }
    return std::nullopt;
}

bool mentions_containerd_or_docker(std::string_view text)
{
    for (const WrapperPhrase& phrase : k_wrapper_phrases) {
        if (!phrase.from_containerd_or_docker) {
            continue;
        }
        const std::string_view head = phrase.pattern.substr(0, phrase.pattern.find('%'));
        if (text.find(head) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

std::size_t match_source_label(std::string_view text, std::size_t pos)
{
    std::size_t i = pos;
    const std::size_t name_limit = std::min(text.size(), pos + k_max_label_name);
    while (i < name_limit && is_label_char(text[i])) {
        ++i;
    }
    if (i == pos || text.substr(i, 4) != ".go:") {
        return std::string_view::npos;
    }
    i += 4;
    const std::size_t digits_start = i;
    while (i < text.size() && i - digits_start < k_max_label_digits && text[i] >= '0' && text[i] <= '9') {
        ++i;
    }
    if (i == digits_start || text.substr(i, 2) != ": ") {
        return std::string_view::npos;
    }
    return i + 2;
}

std::string_view strip_trailing_hints(std::string_view text, std::vector<std::string>& notes)
{
    for (const TrailingHint& hint : k_trailing_hints) {
        // The hints sit at the very end, so only the tail needs looking at.
        const std::size_t window = hint.text.size() + 200;
        const std::size_t from = text.size() > window ? text.size() - window : 0;
        const std::size_t at = text.find(hint.text, from);
        if (at == std::string_view::npos) {
            continue;
        }
        if (hint.explains_cause) {
            std::string_view note = text.substr(at + 2);  // without the `: ` joining it to the error
            while (!note.empty() && std::string_view(" \t\r\n").find(note.back()) != std::string_view::npos) {
                note.remove_suffix(1);
            }
            notes.emplace_back(note.substr(0, std::min<std::size_t>(note.size(), window)));
        }
        text = text.substr(0, at);
    }
    return text;
}

}  // namespace pm::oci
