#include "correlate/node_names.hpp"

#include <string>

namespace pm {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool same_text(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

std::string_view label_of(std::string_view name) {
    return name.substr(0, name.find('.'));
}

}  // namespace

std::optional<std::string_view> known_host(const std::optional<std::string_view>& host) {
    if (!host || host->empty() || same_text(*host, "localhost") || *host == "(none)" || *host == "-") {
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
    if (same_text(a, b)) {
        return false;
    }
    const bool prefix = a.size() < b.size() ? same_text(a, b.substr(0, a.size())) : same_text(b, a.substr(0, b.size()));
    return !prefix || !same_text(label_of(a), label_of(b));
}

std::string first_label(std::string_view name) {
    std::string out(label_of(name));
    for (char& c : out) {
        c = lower(c);
    }
    return out;
}

}  // namespace pm
