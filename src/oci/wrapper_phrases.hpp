// The known wrapper phrases of runc, containerd, CRI-O, Docker and the kubelet, and their matchers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pm::oci {

enum class PhraseRole {
    layer,      // a layer of its own (`OCI runtime create failed`)
    transport,  // packaging without a cause of its own (`Error: `, `rpc error: …`): dropped
};

struct PhraseMatch {
    std::size_t end = 0;  // just past the phrase
    PhraseRole role = PhraseRole::layer;
    bool from_containerd_or_docker = false;  // licenses dropping the gRPC `: unknown` suffix
};

// A wrapper phrase starting exactly at `pos`. A layer phrase only matches when a layer boundary
// follows it (end of text, `: ` or ` caused: `), so `exec failed` does not match `exec failed to…`.
std::optional<PhraseMatch> match_wrapper_phrase(std::string_view text, std::size_t pos);

// End of a runc source label (`container_linux.go:349: `) starting at `pos`, or npos.
std::size_t match_source_label(std::string_view text, std::size_t pos);

// True when `text` names a containerd or Docker layer (the phrases of the table marked so).
bool mentions_containerd_or_docker(std::string_view text);

// True when `text[pos]` could start a phrase or label at all (cheap filter before the matchers).
bool may_start_phrase(std::string_view text, std::size_t pos);

// `text` without the advice Docker appends after the error (the ENOTDIR mount hint, the CLI's
// `See 'docker run --help'.`); the ENOTDIR hint, which explains the cause, goes to `notes`.
std::string_view strip_trailing_hints(std::string_view text, std::vector<std::string>& notes);

}  // namespace pm::oci
