// A boot is the separator plus the entry after it (its stamp is the boot's time); systemd's wording
// of an orderly stop varies with StatusUnitFormat, so targets are matched by prefix.
#include "readers/node_journal/boot_marks.hpp"

#include <array>

#include "readers/kernel_log/envelope.hpp"

namespace pm {

namespace {

constexpr std::uint32_t k_max_boots = 256;  // a real journal holds a few boots; a flood is not evidence

bool is_separator(std::string_view text) {
    return text.starts_with("-- Reboot --") || (text.starts_with("-- Boot ") && text.ends_with(" --") && text.size() < 60);
}

// systemd and logind's words for a planned reboot or power-off (§7.6).
bool says_shutdown(std::string_view message) {
    static constexpr std::array<std::string_view, 6> words = {
        "System is rebooting", "System is powering down", "Reached target Shutdown", "Reached target System Reboot",
        "Reached target shutdown.target", "Reached target reboot.target"};
    for (std::string_view w : words) {
        if (message.starts_with(w)) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool BootMarks::feed(std::size_t line, std::string_view text, std::string_view ident, std::string_view message) {
    if (is_separator(text)) {
        m_marker = m_context.cite(line);
        m_marker_text.assign(text);
        return true;
    }
    if (ident.empty()) {
        return false;  // a header or a continuation line: no entry of its own
    }
    if (ident.starts_with("systemd")) {
        m_systemd_seen = true;
        m_shutdown_seen = m_shutdown_seen || says_shutdown(message);
    }
    const Quote here{m_context.cite(line), text};
    if (m_marker && ++m_boots <= k_max_boots) {
        KernelEvent e;
        e.kind = "boot";
        e.at = here.at;
        e.first_line = m_marker->line;
        e.last_line = here.at.line;
        e.boot = m_boots;
        const KernelLine k = strip_kernel_envelope(text);
        e.time = k.wall;
        e.time_basis = k.wall ? k.wall->basis : TimeBasis::uptime;
        if (!k.yearless.empty()) {
            e.yearless_time = m_context.incident.keep(k.yearless);
        }
        if (!k.host.empty()) {
            e.host = m_context.incident.keep(k.host);
        }
        if (m_last) {
            e.quotes.push_back({m_last->at, m_context.incident.keep(m_last->text)});
            // Without systemd's own lines (`journalctl -u kubelet`) how the boot ended is not known.
            if (m_systemd_seen) {
                e.previous_boot_end = m_shutdown_seen ? Text{"a shutdown"} : Text{"no shutdown messages"};
            }
        }
        e.quotes.push_back({*m_marker, m_context.incident.keep(m_marker_text)});
        e.quotes.push_back({here.at, m_context.incident.keep(text)});
        m_context.incident.kernel_events.push_back(std::move(e));
        m_shutdown_seen = false;
    }
    m_marker.reset();
    m_last = here;
    return false;
}

}  // namespace pm
