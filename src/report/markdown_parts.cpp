// Pieces shared by the Markdown writer's files: context, block joining, labels.
#include "report/markdown_parts.hpp"

#include <array>
#include <utility>

#include "report/redact.hpp"
#include "report/text_safety.hpp"

namespace pm {

std::string chain_key(const std::vector<std::string>& chain) {
    std::string key;
    for (const std::string& layer : chain) {
        key += layer;
        key.push_back('\x1f');  // a unit separator: cannot be confused with text in a layer
        key += std::to_string(layer.size());
        key.push_back('\x1f');
    }
    return key;
}

MdContext::MdContext(const Report& report, const RenderOptions& opts)
    : m_report(report), m_opts(opts), m_shown(report.runtime_errors.size(), false) {
    const auto& errors = report.runtime_errors;
    for (std::size_t i = 0; i < errors.size(); ++i) {
        m_by_source.emplace(errors[i].source, i);
        m_by_message.emplace(errors[i].message, i);
        if (!errors[i].chain.empty()) {
            m_by_chain.emplace(chain_key(errors[i].chain), i);
        }
    }
}

std::string MdContext::untrusted(std::string_view text) const {
    return m_opts.redact ? redact_secrets(text) : std::string(text);
}

MdContext::Window MdContext::window(std::string_view text) const {
    // Four bytes per code point at most, plus room for a secret that starts before the cap.
    constexpr std::size_t k_window_bytes = 4 * k_md_max_quote + 16384;
    if (text.size() <= k_window_bytes) {
        return Window{untrusted(text), 0};
    }
    std::size_t cut = k_window_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;  // never split a UTF-8 sequence
    }
    std::size_t hidden = 0;
    for (std::size_t i = cut; i < text.size(); ++i) {
        hidden += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
    }
    return Window{untrusted(text.substr(0, cut)), hidden};
}

std::string MdContext::code(std::string_view text, MdPlace place) const {
    const Window shown = window(text);
    return md_code(shown.text, place, shown.hidden);
}

std::string MdContext::prose(std::string_view text, MdPlace place) const {
    const Window shown = window(text);
    return md_prose(shown.text, place, shown.hidden);
}

std::string MdContext::fenced(std::string_view text) const {
    const Window shown = window(text);
    return md_fenced_block(shown.text, shown.hidden);
}

std::string MdContext::env_value(std::string_view name, std::string_view value) const {
    if (!m_opts.redact) {
        return code(value);
    }
    const std::string_view bounded = value.substr(0, 4 * k_md_max_quote + 16384);
    return md_code(redact_env_value(name, bounded), MdPlace::block,
                   count_code_points(value.substr(bounded.size())));
}

const RuntimeError* MdContext::runtime_error_for(const Termination& termination) {
    // The same line first; then the same unwrapped chain or message read from another line
    // (describe's `Message:` line vs the `Last State:` line the termination cites).
    std::size_t found = m_report.runtime_errors.size();
    if (const auto at = m_by_source.find(termination.source); at != m_by_source.end()) {
        found = at->second;
    } else if (const auto by_chain = m_by_chain.find(chain_key(termination.message_chain));
               !termination.message_chain.empty() && by_chain != m_by_chain.end()) {
        found = by_chain->second;
    } else if (termination.message) {
        if (const auto by_message = m_by_message.find(*termination.message); by_message != m_by_message.end()) {
            found = by_message->second;
        }
    }
    if (found == m_report.runtime_errors.size()) {
        return nullptr;
    }
    m_shown[found] = true;
    return &m_report.runtime_errors[found];
}

void MdDoc::block(std::string text) {
    while (!text.empty() && text.back() == '\n') {
        text.pop_back();
    }
    if (!text.empty()) {
        m_blocks.push_back(std::move(text));
    }
}

std::string MdDoc::finish() const {
    std::string out;
    for (const std::string& text : m_blocks) {
        if (!out.empty()) {
            out += "\n\n";
        }
        out += text;
    }
    out.push_back('\n');
    return out;
}

std::string cause_label(std::string_view cause, const RenderOptions& opts) {
    auto it = opts.cause_titles.find(std::string(cause));
    return it != opts.cause_titles.end() ? md_prose(it->second) : md_code(cause);
}

std::string confidence_label(std::string_view confidence) {
    if (confidence == "high" || confidence == "medium" || confidence == "low") {
        return std::string(confidence) + " confidence";
    }
    return md_code(confidence) + " confidence";
}

std::string pod_key(const Pod& pod) {
    if (!pod.name) {
        return {};
    }
    return pod.namespace_ ? *pod.namespace_ + "/" + *pod.name : *pod.name;
}

std::string pod_title(const Pod& pod, const MdContext& ctx) {
    if (pod.name) {
        return ctx.code(pod_key(pod));
    }
    return "(unnamed, from " + ctx.code(pod.source) + ")";
}

std::string container_title(const Container& container, const MdContext& ctx) {
    return container.name ? ctx.code(*container.name) : std::string("(unnamed)");
}

std::string exit_text(const Termination& termination, const MdContext& ctx) {
    if (!termination.exit_code) {
        return "\u2014";
    }
    std::string out = std::to_string(*termination.exit_code);
    std::vector<std::string> notes;
    if (termination.signal_name) {
        notes.push_back(ctx.prose(*termination.signal_name, MdPlace::table_cell));
    } else if (termination.signal) {
        notes.push_back("signal " + std::to_string(*termination.signal));
    }
    if (termination.raw_exit_code) {
        notes.push_back("raw " + std::to_string(*termination.raw_exit_code));
    }
    for (std::size_t i = 0; i < notes.size(); ++i) {
        out += i == 0 ? " (" : ", ";
        out += notes[i];
    }
    if (!notes.empty()) {
        out += ")";
    }
    return out;
}

const Termination* newest_termination(const Container& container) {
    if (!container.terminations.empty()) {
        return &container.terminations.back();
    }
    if (container.state.as_termination) {
        return &*container.state.as_termination;
    }
    if (container.last_termination) {
        return &*container.last_termination;
    }
    return nullptr;
}

bool has_terminated(const Container& container) {
    return newest_termination(container) != nullptr || container.state.status == "terminated";
}

int finding_rank(const Finding& finding) {
    int rank = 0;
    if (finding.cause != "unknown") {
        rank += 100;
    }
    if (finding.confidence == "high") {
        rank += 30;
    } else if (finding.confidence == "medium") {
        rank += 20;
    } else if (finding.confidence == "low") {
        rank += 10;
    }
    if (finding.cause != "app-exit-normal") {
        rank += 1;
    }
    return rank;
}

}  // namespace pm
