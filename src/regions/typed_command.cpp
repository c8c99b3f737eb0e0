#include "regions/typed_command.hpp"

#include <array>
#include <span>

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

// `kubectl logs` flags that take the next word as their value (besides -n/-c, read for what they name).
constexpr std::array<std::string_view, 9> k_logs_valued_flags = {
    "--tail", "--since", "--since-time", "-l", "--selector", "--limit-bytes", "--max-log-requests",
    "--pod-running-timeout", "--tls-server-name"};

bool is_one_of(std::string_view word, std::span<const std::string_view> words) {
    for (const std::string_view w : words) {
        if (word == w) {
            return true;
        }
    }
    return false;
}

bool is_kubectl(std::string_view tool) {
    return tool == "kubectl" || tool == "k" || tool == "kubecolor" || tool == "oc" || tool.ends_with("/kubectl");
}

// A flag's value: glued (`-nshop`, `--namespace=shop`) or the next word.
std::string_view flag_value(std::string_view flag, std::string_view name, std::string_view command, std::size_t& pos) {
    if (flag.size() > name.size()) {
        const std::string_view rest = flag.substr(name.size());
        return rest.front() == '=' ? rest.substr(1) : rest;
    }
    return next_word(command, pos);
}

}  // namespace

std::optional<LogsCommand> read_logs_command(std::string_view command) {
    std::size_t pos = 0;
    std::string_view tool = next_word(command, pos);
    if (tool == "sudo") {
        tool = next_word(command, pos);
    }
    if (!is_kubectl(tool)) {
        return std::nullopt;
    }
    LogsCommand out;
    bool verb = false;
    bool selector = false;
    std::size_t positional = 0;
    while (pos < command.size()) {
        const std::string_view word = next_word(command, pos);
        if (word == "|" || word.starts_with(">") || word == "&&" || word == ";") {
            break;  // the rest is another command, or where the output went
        }
        const auto named = [&](std::string_view short_name, std::string_view long_name) {
            return (!short_name.empty() && word.starts_with(short_name) && !word.starts_with("--")) ||
                   word == long_name || word.starts_with(std::string(long_name) + "=");
        };
        if (named("-n", "--namespace")) {
            out.namespace_ = flag_value(word, word.starts_with("--") ? "--namespace" : "-n", command, pos);
        } else if (verb && named("-c", "--container")) {
            out.container = flag_value(word, word.starts_with("--") ? "--container" : "-c", command, pos);
        } else if (verb && (word == "-p" || word == "--previous" || word == "--previous=true")) {
            out.previous = true;
        } else if (verb && (word == "-l" || word.starts_with("--selector") || word.starts_with("-l"))) {
            selector = true;
            if (word == "-l" || word == "--selector") {
                next_word(command, pos);
            }
        } else if (word.starts_with("-")) {
            if ((takes_value(word) || is_one_of(word, k_logs_valued_flags)) && word.find('=') == std::string_view::npos) {
                next_word(command, pos);
            }
        } else if (!verb) {
            if (word != "logs") {
                return std::nullopt;  // another verb
            }
            verb = true;
        } else if (positional++ == 0) {
            if (word.starts_with("pod/") || word.starts_with("pods/")) {
                out.pod = word.substr(word.find('/') + 1);
            } else if (word.find('/') == std::string_view::npos) {
                out.pod = word;
            }
        } else if (positional == 2 && !out.container) {
            out.container = word;  // the old form: kubectl logs POD CONTAINER
        }
    }
    if (!verb) {
        return std::nullopt;
    }
    if (selector) {
        out.pod.reset();
    }
    return out;
}

std::string canonical_command(std::string_view command) {
    std::size_t pos = 0;
    std::string_view tool = next_word(command, pos);
    if (tool == "sudo") {
        tool = next_word(command, pos);
    }
    const bool oc = tool == "oc";
    if (!is_kubectl(tool)) {
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
