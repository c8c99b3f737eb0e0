#include "evidence/incident.hpp"

namespace pm {

namespace {

// The key two copies of one error share: the chain as unwrapped (the envelope's time stamps are
// peeled off), or the message when nothing was unwrapped.
std::string repeat_key(const RuntimeError& e) {
    if (e.chain.empty()) {
        return std::string(e.message);
    }
    std::string key;
    for (const Text layer : e.chain) {
        key += layer;
        key += '\x1f';
    }
    return key;
}

}  // namespace

InputId Incident::add_input(InputRecord input) {
    inputs.push_back(std::move(input));
    return static_cast<InputId>(inputs.size() - 1);
}

const SourceText& Incident::keep_source(std::unique_ptr<SourceText> text) {
    m_sources.push_back(std::move(text));
    return *m_sources.back();
}

std::string Incident::where(Cite at) const {
    if (!at.known() || at.input >= inputs.size()) {
        return {};
    }
    const std::string& path = inputs[at.input].path;
    return at.line == 0 ? path : path + ":" + std::to_string(at.line);
}

void Incident::warn(Cite at, std::string message, std::string help) {
    Diagnostic d;
    if (at.known() && at.input < inputs.size()) {
        d.file = inputs[at.input].path;
        d.line = at.line;
    }
    d.message = std::move(message);
    d.help = std::move(help);
    diagnostics.push_back(std::move(d));
}

void Incident::warn_file(std::string file, std::uint32_t line, std::string message, std::string help) {
    diagnostics.push_back({DiagnosticLevel::warning, std::move(file), line, std::move(message), std::move(help)});
}

std::uint32_t Incident::list_runtime_error(RuntimeError error, bool* listed) {
    auto [it, fresh] = m_repeats.try_emplace(repeat_key(error));
    RepeatCount& count = it->second;
    if (!fresh && count.listed >= k_max_identical_runtime_errors) {
        ++runtime_errors[count.first].occurrences;
        ++m_counted;
        if (listed != nullptr) {
            *listed = false;
        }
        return count.first;
    }
    if (fresh) {
        count.first = static_cast<std::uint32_t>(runtime_errors.size());
    } else {
        ++runtime_errors[count.first].occurrences;
    }
    ++count.listed;
    runtime_errors.push_back(std::move(error));
    if (listed != nullptr) {
        *listed = true;
    }
    return static_cast<std::uint32_t>(runtime_errors.size() - 1);
}

}  // namespace pm
