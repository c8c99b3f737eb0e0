#include "regions/typed_command.hpp"

#include <array>

#include "base/text.hpp"

namespace pm {

namespace {

// kubectl's global flags that take a value as the next word (`-n shop`); with `=` or glued (`-nshop`)
// they are one word.
constexpr std::array<std::string_view, 14> k_valued_flags = {
    "-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server", "--as", "--as-group",
    "--request-timeout", "-v", "--token", "--certificate-authority"};

// The next word of `text` from `pos`, which then points past it and the blanks after it.
std::string_view next_word(std::string_view text, std::size_t& pos) {
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != ' ' && text[pos] != '\t') {
        ++pos;
    }
    const std::string_view word = text.substr(start, pos - start);
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) {
        ++pos;
    }
    return word;
}

bool takes_value(std::string_view flag) {
    for (const std::string_view f : k_valued_flags) {
        if (flag == f) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string canonical_command(std::string_view command) {
    std::size_t pos = 0;
    std::string_view tool = next_word(command, pos);
    if (tool == "sudo") {
        tool = next_word(command, pos);
    }
    const bool oc = tool == "oc";
    if (!oc && tool != "kubectl" && tool != "k" && tool != "kubecolor" && !tool.ends_with("/kubectl")) {
        return std::string(command);
    }
    // Global flags before the verb; a bare flag (`-A`, `--insecure-skip-tls-verify`) is one word.
    while (pos < command.size() && command[pos] == '-') {
        const std::string_view flag = next_word(command, pos);
        if (takes_value(flag)) {
            next_word(command, pos);
        }
    }
    std::string out = oc ? "oc " : "kubectl ";
    out.append(command.substr(pos));
    return out;
}

}  // namespace pm
