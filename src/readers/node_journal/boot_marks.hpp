// Node boots in a journal of kubelet and systemd lines (formats.md §7.6): journalctl's boot separator
// and the first entry after it, recorded as the kernel reader records a boot, with how the boot
// before it ended (systemd's shutdown lines, or none).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "readers/reader.hpp"

namespace pm {

class BootMarks {
public:
    explicit BootMarks(ReadContext& context) : m_context(context) {}

    // Every line of the region, in order; true when it was a boot separator.
    bool feed(std::size_t line, std::string_view text, std::string_view ident, std::string_view message);

private:
    ReadContext& m_context;
    std::optional<Cite> m_marker;  // `-- Reboot --` / `-- Boot ID --` waiting for the boot's first entry
    std::string m_marker_text;
    std::optional<Quote> m_last;   // the last entry before it
    bool m_systemd_seen = false;   // the journal holds systemd's own lines (not one unit's)
    bool m_shutdown_seen = false;  // … and they said the system shut down in order
    std::uint32_t m_boots = 0;
};

}  // namespace pm
