// Pieces shared by the Markdown writer's files: context, block joining, labels.
#include "report/markdown_parts.hpp"

#include <array>
#include <utility>

#include "base/text.hpp"
#include "base/text_safety.hpp"
#include "report/redact.hpp"

namespace pm {

MdContext::MdContext(const Incident& incident, const Diagnoses& diagnoses, const RenderOptions& opts)
    : m_incident(incident), m_diagnoses(diagnoses), m_opts(opts), m_shown(incident.runtime_errors.size(), false) {}

std::string MdContext::untrusted(std::string_view text) const {
    return m_opts.redact ? redact_secrets(text) : std::string(text);
}

void MdContext::window(std::string_view text, Window& out) const {
    // Four bytes per code point at most, plus room for a secret that starts before the cap.
    constexpr std::size_t k_window_bytes = 4 * k_md_max_quote + 16384;
    out.hidden = 0;
    if (text.size() > k_window_bytes) {
        std::size_t cut = k_window_bytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut;  // never split a UTF-8 sequence
        }
        for (std::size_t i = cut; i < text.size(); ++i) {
            out.hidden += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
        }
        text = text.substr(0, cut);
    }
    out.text = m_opts.redact && redact_into(text, out.owned) ? std::string_view(out.owned) : text;
}

std::string MdContext::code(std::string_view text, MdPlace place) const {
    Window shown;
    window(text, shown);
    return md_code(shown.text, place, shown.hidden);
}

std::string MdContext::prose(std::string_view text, MdPlace place) const {
    Window shown;
    window(text, shown);
    return md_prose(shown.text, place, shown.hidden);
}

std::string MdContext::short_code(std::string_view text, std::size_t max_bytes, MdPlace place) const {
    if (text.size() <= max_bytes) {
        return code(text, place);
    }
    // Redacted before the cut, so a secret crossing it is still found; the mark is ours.
    const std::string shown = cut_with_mark(untrusted(text.substr(0, 4 * max_bytes)), max_bytes);
    return md_code(shown, place);
}

std::string MdContext::fenced(std::string_view text) const {
    Window shown;
    window(text, shown);
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
    if (termination.runtime_error == k_none_index) {
        return nullptr;
    }
    m_shown[termination.runtime_error] = true;
    return &m_incident.runtime_errors[termination.runtime_error];
}

void MdDoc::block(std::string_view text) {
    while (!text.empty() && text.back() == '\n') {
        text.remove_suffix(1);
    }
    if (text.empty()) {
        return;
    }
    if (!m_text.empty()) {
        m_text += "\n\n";
    }
    m_text += text;
}

std::string MdDoc::finish() {
    m_text.push_back('\n');
    return std::move(m_text);
}

std::string cause_label(std::string_view cause, const RenderOptions& opts) {
    auto it = opts.cause_titles.find(cause);
    return it != opts.cause_titles.end() ? md_prose(it->second) : md_code(cause);
}

std::string confidence_label(Confidence confidence) {
    return std::string(confidence_name(confidence)) + " confidence";
}

std::string pod_key(const Pod& pod) {
    if (!pod.name) {
        return {};
    }
    return pod.namespace_ ? std::string(*pod.namespace_) + "/" + std::string(*pod.name) : std::string(*pod.name);
}

std::string pod_title(const Pod& pod, const MdContext& ctx) {
    if (pod.name) {
        return ctx.code(pod_key(pod));
    }
    return "(unnamed, from " + ctx.cite(pod.at) + ")";
}

std::string time_text(const OptTime& time, const MdContext& ctx, MdPlace place) {
    if (!time || time->basis == TimeBasis::uptime || time->basis == TimeBasis::relative_to_capture) {
        return "\u2014";
    }
    return ctx.code(format_rfc3339(*time), place);
}

std::string container_title(const Container& container, const MdContext& ctx) {
    return container.name ? ctx.code(*container.name) : std::string("(unnamed)");
}

std::string exit_text(const Termination& termination, const MdContext& ctx) {
    if (!termination.exit_code) {
        return "\u2014";
    }
    if (termination.windows_status) {
        // An NTSTATUS, never a Unix 0-255 code: the status by name, the printed number beside it.
        return ctx.code(*termination.windows_status, MdPlace::table_cell) +
               (termination.raw_exit_code ? " (raw " + std::to_string(*termination.raw_exit_code) + ")" : "");
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

bool ended_normally(const Container& container) {
    const Termination* t = container.latest();
    return t != nullptr && t->exit_code && *t->exit_code == 0 && !(container.restart_count && *container.restart_count > 0);
}

bool is_wall(const OptTime& time) {
    return time && (time->basis == TimeBasis::wall_with_offset || time->basis == TimeBasis::wall_no_offset);
}

bool has_terminated(const Container& container) {
    return container.latest() != nullptr || container.state.status == StateStatus::terminated;
}

}  // namespace pm
