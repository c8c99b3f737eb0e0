// Whose log a file is, from its path (formats.md §9.2, §9.4, bundles.md): the node's
// /var/log/pods/NS_POD_UID/CONTAINER/N.log and /var/log/containers/POD_NS_CONTAINER-ID.log, a
// support bundle's …/POD/CONTAINER-previous.log or …/CONTAINER/logs/previous.log, a file a person
// named CONTAINER-previous.log.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pm {

struct LogOwner {
    std::optional<std::string> namespace_;
    std::optional<std::string> pod;
    std::optional<std::string> pod_uid;
    std::optional<std::string> container;
    std::string how;  // how the path says it: "its path (/var/log/pods/…)", …
    bool previous = false;  // the log of the previous run (-previous, N.log below the current)
};

LogOwner log_owner_from_path(std::string_view path);

// The owner a user named with `--log CONTAINER=PATH` (what the path says besides stays), else the path's.
LogOwner log_owner_of(std::string_view path, std::string_view named_container);

}  // namespace pm
