#include "diagnose/probe_target.hpp"

#include <charconv>

namespace pm {

namespace {

std::optional<int> numeric_port(std::string_view text) {
    int port = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (error != std::errc() || end != text.data() + text.size() || port <= 0 || port > 65535) {
        return std::nullopt;
    }
    return port;
}

// `scheme://host:port/path?query` up to the first quote, space or end; the port defaults by scheme.
ProbeTarget url_target(std::string_view text, std::size_t scheme_at) {
    const bool https = text.substr(scheme_at).starts_with("https://");
    std::size_t pos = scheme_at + (https ? 8 : 7);
    const std::size_t end = text.find_first_of("\" \t'", pos);
    const std::string_view rest = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    const std::size_t slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    ProbeTarget t;
    const std::size_t colon = authority.rfind(':');
    if (colon == std::string_view::npos) {
        t.port = https ? 443 : 80;
    } else if (authority.find(']', colon) == std::string_view::npos) {  // not the inside of an [IPv6] host
        t.port = numeric_port(authority.substr(colon + 1));
    }
    std::string_view path = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    path = path.substr(0, path.find('?'));
    t.path = path;
    return t;
}

// `host:port` at `at`, up to a space, colon-terminated word end or the end.
ProbeTarget address_target(std::string_view text, std::size_t at) {
    std::size_t end = text.find_first_of(" \t\"", at);
    std::string_view address = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    if (address.ends_with(':')) {
        address.remove_suffix(1);
    }
    ProbeTarget t;
    if (const std::size_t colon = address.rfind(':'); colon != std::string_view::npos) {
        t.port = numeric_port(address.substr(colon + 1));
    }
    return t;
}

}  // namespace

ProbeTarget probe_spec_target(std::string_view spec) {
    if (spec.starts_with("http-get ")) {
        const std::size_t scheme = spec.find("://");
        if (scheme == std::string_view::npos || scheme < 4) {
            return {};
        }
        const std::size_t at = spec.rfind(' ', scheme) + 1;
        return url_target(spec, at);
    }
    if (spec.starts_with("tcp-socket ")) {
        return address_target(spec, 11);
    }
    return {};
}

ProbeTarget probe_message_target(std::string_view message) {
    for (const std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
        if (const std::size_t at = message.find(scheme); at != std::string_view::npos) {
            return url_target(message, at);
        }
    }
    if (const std::size_t dial = message.find("dial tcp "); dial != std::string_view::npos) {
        return address_target(message, dial + 9);
    }
    return {};
}

bool targets_agree(const ProbeTarget& spec, const ProbeTarget& message) {
    if (spec.port && message.port && *spec.port != *message.port) {
        return false;
    }
    return !(spec.path && message.path && *spec.path != *message.path);
}

}  // namespace pm
