#include "correlate/node_names.hpp"

#include <string>

#include "base/text.hpp"

namespace pm {

namespace {

std::string_view label_of(std::string_view name) {
    return name.substr(0, name.find('.'));
}

}  // namespace

std::optional<std::string_view> known_host(const std::optional<std::string_view>& host) {
    if (!host || host->empty() || iequals(*host, "localhost") || *host == "(none)" || *host == "-") {
        return std::nullopt;  // journald's and syslog's words for a machine that had no name yet
    }
    return host;
}

bool other_node(const std::optional<std::string_view>& node, const std::optional<std::string_view>& host) {
    const auto h = known_host(host);
    if (!node || node->empty() || !h) {
        return false;
    }
    const std::string_view a = *node;
    const std::string_view b = *h;
    if (iequals(a, b)) {
        return false;
    }
    const bool prefix = a.size() < b.size() ? iequals(a, b.substr(0, a.size())) : iequals(b, a.substr(0, b.size()));
    return !prefix || !iequals(label_of(a), label_of(b));
}

std::string first_label(std::string_view name) {
    std::string out(label_of(name));
    for (char& c : out) {
        c = ascii_lower(c);
    }
    return out;
}

}  // namespace pm
