// Where a probe knocks: read from a describe probe line (`http-get http://:9000/healthz …`,
// `tcp-socket :5432 …`) and from a probe failure's message (`Get "http://10.244.1.9:9000/healthz": …`,
// `dial tcp 10.244.1.9:5432: connect: connection refused`), so an unnamed failure can be tied to the
// container whose probe it was.
#pragma once

#include <optional>
#include <string_view>

namespace pm {

struct ProbeTarget {
    std::optional<int> port;             // a numeric port; a named port (`:http`) is not known here
    std::optional<std::string_view> path;  // HTTP only, without the query
};

// From a describe probe spec; nothing for exec and grpc probes.
ProbeTarget probe_spec_target(std::string_view spec);
// From a probe failure message; nothing when it quotes no URL or address ("HTTP probe failed with
// statuscode: 503").
ProbeTarget probe_message_target(std::string_view message);
// False only when both name a port, or both a path, and they differ.
bool targets_agree(const ProbeTarget& spec, const ProbeTarget& message);

}  // namespace pm
