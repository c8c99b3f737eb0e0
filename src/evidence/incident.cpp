#include "evidence/incident.hpp"

#include <algorithm>

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
    return m_base + static_cast<InputId>(inputs.size() - 1);
}

const SourceText& Incident::keep_source(std::unique_ptr<SourceText> text) {
    m_sources.push_back(std::move(text));
    return *m_sources.back();
}

std::string Incident::where(Cite at) const {
    if (!at.known() || at.input < m_base || at.input - m_base >= inputs.size()) {
        return {};
    }
    const std::string& path = input(at.input).path;
    return at.line == 0 ? path : path + ":" + std::to_string(at.line);
}

void Incident::warn(Cite at, std::string message, std::string help) {
    Diagnostic d;
    if (at.known() && at.input >= m_base && at.input - m_base < inputs.size()) {
        d.file = input(at.input).path;
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

namespace {

// Moves `from`'s elements to the end of `to`: the whole buffer when `to` is empty and has no more
// room than it (the first part of a run, or the only one), else one by one.
template <typename T>
void append_moved(std::vector<T>& to, std::vector<T>& from) {
    if (to.empty() && to.capacity() <= from.capacity()) {
        to = std::move(from);  // nothing reserved to keep: take the part's storage
        return;
    }
    for (auto& item : from) {
        to.push_back(std::move(item));
    }
}

// Room for `more` elements, growing at least by half: a reader that reserves for each of many
// large regions in turn must not copy the list once per region.
template <typename T>
void grow_for(std::vector<T>& list, std::size_t more) {
    const std::size_t needed = list.size() + more;
    if (needed > list.capacity()) {
        list.reserve(std::max(needed, list.capacity() + list.capacity() / 2));
    }
}

}  // namespace

std::optional<Cite> Incident::cite_of(Text text) const {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const SourceText* source = inputs[i].source;
        if (source == nullptr || text.empty()) {
            continue;
        }
        const char* begin = source->text.data();
        if (text.data() >= begin && text.data() < begin + source->text.size()) {
            const auto offset = static_cast<std::size_t>(text.data() - begin);
            return Cite{m_base + static_cast<InputId>(i), static_cast<std::uint32_t>(source->lines.line_containing(offset) + 1)};
        }
    }
    return std::nullopt;
}

void Incident::reserve_for(const std::vector<std::unique_ptr<Incident>>& parts) {
    std::size_t more_pods = 0;
    std::size_t more_kernel = 0;
    std::size_t more_logs = 0;
    std::size_t more_diagnostics = 0;
    std::size_t more_sources = 0;
    for (const auto& part : parts) {
        if (part) {
            more_pods += part->pods.size();
            more_kernel += part->kernel_events.size();
            more_logs += part->container_logs.size();
            more_diagnostics += part->diagnostics.size();
            more_sources += part->m_sources.size();
        }
    }
    grow_for(pods, more_pods);
    grow_for(kernel_events, more_kernel);
    grow_for(container_logs, more_logs);
    grow_for(diagnostics, more_diagnostics);
    grow_for(m_sources, more_sources);
}

void Incident::absorb(Incident&& part) {
    for (std::size_t i = 0; i < part.inputs.size(); ++i) {
        const InputId id = part.m_base + static_cast<InputId>(i);
        if (id >= m_base && id - m_base < inputs.size()) {
            input(id) = std::move(part.inputs[i]);
        } else {
            inputs.push_back(std::move(part.inputs[i]));
        }
    }
    for (auto& source : part.m_sources) {
        m_sources.push_back(std::move(source));
    }
    m_arena.absorb(std::move(part.m_arena));
    // Runtime errors again through this incident's cap, in order; copies the part only counted
    // are counted here too.
    std::vector<std::uint32_t> moved(part.runtime_errors.size(), k_none_index);
    std::vector<std::uint32_t> listed_in_part(part.runtime_errors.size(), 0);
    for (const auto& [key, count] : part.m_repeats) {
        listed_in_part[count.first] = static_cast<std::uint32_t>(count.listed);
    }
    for (std::size_t i = 0; i < part.runtime_errors.size(); ++i) {
        RuntimeError error = std::move(part.runtime_errors[i]);
        const long long counted_there = listed_in_part[i] > 0 ? error.occurrences - listed_in_part[i] : 0;
        error.occurrences = 1;
        const std::uint32_t at = list_runtime_error(std::move(error));
        moved[i] = at;
        if (counted_there > 0) {
            // The part's first copy stood for copies it only counted: they are counted here as well.
            const std::uint32_t first = m_repeats[repeat_key(runtime_errors[at])].first;
            runtime_errors[first].occurrences += counted_there;
            m_counted += counted_there;
        }
    }
    for (auto& pod : part.pods) {
        if (pod.lone_error != k_none_index) {
            pod.lone_error = moved[pod.lone_error];
        }
    }
    append_moved(pods, part.pods);
    append_moved(kernel_events, part.kernel_events);
    append_moved(container_logs, part.container_logs);
    append_moved(diagnostics, part.diagnostics);
    part = Incident();
}

}  // namespace pm
