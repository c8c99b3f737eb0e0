#include "readers/kernel_log/kernel_log_reader.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "oci/classify.hpp"
#include "oci/unwrap.hpp"
#include "readers/kernel_log/envelope.hpp"
#include "readers/kernel_log/event_cap.hpp"
#include "readers/kernel_log/oom_record.hpp"
#include "readers/kernel_log/other_events.hpp"

namespace pm {

namespace {

// A pasted line hard-wrapped by a console or a mail client is at least this long.
constexpr std::size_t k_wrap_width = 72;
// A kernel message is at most 1 KiB (printk's LOG_LINE_MAX); a joined one stops growing well past it.
constexpr std::size_t k_max_joined = 8192;

// Hands each kernel message on once the next line shows whether it was wrapped.
class MessageFlow {
public:
    explicit MessageFlow(Incident& incident) : m_incident(incident), m_oom(incident), m_other(incident) {}

    void line(const KernelLine& k, std::size_t physical, Cite at) {
        if (k.kind == KernelLineKind::other) {
            flush();
            m_prev_physical = 0;
            if (k.ident.starts_with("earlyoom") || k.ident.starts_with("systemd-oomd")) {
                KernelMessage m;
                m.text = k.message;
                m.at = at;
                m.wall = k.wall;
                m.boot = m_boot;
                m.yearless = k.yearless;
                m.host = k.host;
                m_other.program(m, k.ident);
            }
            return;
        }
        if (k.kind == KernelLineKind::reboot) {
            flush();
            m_oom.flush();
            m_other.reboot_marker(at);
            ++m_boot;
            m_after_marker = true;  // the banner that follows is this boot, not another
            m_prev_physical = 0;
            return;
        }
        // A bare line right after a stamped line that filled the width: the rest of that line.
        if (k.kind == KernelLineKind::message && !k.stamped && m_pending && m_pending_stamped &&
            m_prev_physical >= k_wrap_width && m_joined.size() < k_max_joined) {
            m_joined += k.message;
            m_pending->text = {};
            m_prev_physical = physical;
            return;
        }
        flush();
        m_prev_physical = physical;
        if (k.kind == KernelLineKind::continuation) {
            return;  // the rest of a multi-line record (a memory.stat dump): nothing reads it yet
        }
        KernelMessage m;
        m.text = k.message;
        m.at = at;
        m.uptime_s = k.uptime_s;
        m.wall = k.wall;
        m.boot = m_boot;
        m.yearless = k.yearless;
        m.host = k.host;
        if (m.text.starts_with("Linux version ") && m_seen_message && !m_after_marker) {
            m_oom.flush();
            ++m_boot;  // a banner in the middle: the node booted again
            m.boot = m_boot;
        }
        m_seen_message = true;
        m_after_marker = false;
        m_pending = m;
        m_pending_stamped = k.stamped;
        m_joined.assign(k.message);
    }

    void flush() {
        if (!m_pending) {
            return;
        }
        KernelMessage m = *m_pending;
        m_pending.reset();
        if (m.text.empty()) {
            m.text = m_incident.keep(m_joined);  // wrapped pieces joined
        }
        m_other.seen(m);
        if (!m_oom.feed(m)) {
            m_other.feed(m);
        }
    }

    std::vector<KernelEvent> finish() {
        flush();
        std::vector<KernelEvent> events = m_oom.finish();
        std::vector<KernelEvent> other = m_other.finish();
        events.insert(events.end(), std::make_move_iterator(other.begin()), std::make_move_iterator(other.end()));
        // In the order of the lines they start at.
        std::stable_sort(events.begin(), events.end(),
                         [](const KernelEvent& a, const KernelEvent& b) { return a.at.line < b.at.line; });
        return events;
    }

    // Events left out beyond the cap (the oldest), after finish().
    std::uint64_t dropped() const { return m_oom.dropped() + m_other.dropped(); }

private:
    Incident& m_incident;
    OomBuilder m_oom;
    OtherEvents m_other;
    std::optional<KernelMessage> m_pending;
    bool m_pending_stamped = false;
    std::string m_joined;
    std::size_t m_prev_physical = 0;
    std::uint32_t m_boot = 0;
    bool m_seen_message = false;
    bool m_after_marker = false;
};

std::size_t unquoted_length(std::string_view raw) {
    while (raw.starts_with('>')) {
        raw.remove_prefix(raw.size() > 1 && raw[1] == ' ' ? 2 : 1);
    }
    if (raw.ends_with('\r')) {
        raw.remove_suffix(1);
    }
    return raw.size();
}

void warn_dropped(Incident& incident, Cite at, std::uint64_t dropped) {
    if (dropped > 0) {
        incident.warn(at, std::to_string(dropped) + " older kernel events were counted, not kept: an input keeps its last " +
                              std::to_string(k_max_kernel_events) + " OOM kills and its last " +
                              std::to_string(k_max_kernel_events) + " other events");
    }
}

// Whether a line can hold words an event keeps (a quote, a field): the streamed reader copies only these.
bool may_be_quoted(std::string_view raw) {
    static constexpr std::array<std::string_view, 17> needles = {
        "oom",          "Killed process", "Kill process", "memory: usage", "kmem: usage",   "Task in ",
        "Memory limit", "cpuset=",        "Linux version", "segfault",     "allocation failure", "INFO: task",
        "Kernel panic", "*4kB",           "Tasks in",     "task_memcg",    "-- Reboot --"};
    return std::any_of(needles.begin(), needles.end(),
                       [&](std::string_view n) { return raw.find(n) != std::string_view::npos; });
}

}  // namespace

class KernelLogStream::Flow : public MessageFlow {
public:
    using MessageFlow::MessageFlow;
};

KernelLogStream::KernelLogStream(const Grammar& g, Incident& incident, InputId input)
    : m_grammar(g), m_incident(incident), m_input(input), m_flow(std::make_unique<Flow>(incident)) {}

KernelLogStream::~KernelLogStream() = default;

void KernelLogStream::feed(std::string_view lines, bool piece) {
    if (piece) {
        m_in_piece = true;  // no kernel message is a megabyte long: an overlong line is skipped
        return;
    }
    for (std::size_t start = 0; start < lines.size();) {
        const std::size_t newline = lines.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? lines.size() : newline;
        std::string_view raw = lines.substr(start, end - start);
        start = end + 1;
        const Cite at{m_input, static_cast<std::uint32_t>(++m_lines)};
        if (m_in_piece) {
            m_in_piece = false;  // the tail of the overlong line
            continue;
        }
        // The chunk is reused: a line an event may quote lives on in the arena.
        if (may_be_quoted(raw)) {
            raw = m_incident.keep(raw);
        }
        m_flow->line(strip_kernel_envelope(raw), unquoted_length(raw), at);
        if (looks_like_runtime_error(raw)) {
            m_incident.list_runtime_error(analyse_runtime_error(m_grammar, m_incident.keep(raw), at, m_incident));
        }
    }
    m_flow->flush();  // nothing pending may point into the chunk once it is reused
}

void KernelLogStream::finish() {
    for (KernelEvent& e : m_flow->finish()) {
        m_incident.kernel_events.push_back(std::move(e));
    }
    warn_dropped(m_incident, Cite{m_input, 0}, m_flow->dropped());
}

std::vector<KernelEvent> kernel_events_in(std::string_view text, Incident& keep) {
    MessageFlow flow(keep);
    std::uint32_t line = 0;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view raw = text.substr(start, end - start);
        flow.line(strip_kernel_envelope(raw), unquoted_length(raw), Cite{0, ++line});
        start = end + 1;
    }
    return flow.finish();
}

void read_kernel_log(ReadContext& context) {
    Incident& incident = context.incident;
    const LineIndex& lines = context.text.body_lines();
    if (lines.empty()) {
        return;
    }
    MessageFlow flow(incident);
    const std::size_t last = std::min(context.region.last, lines.size() - 1);
    for (std::size_t i = context.region.first; i <= last; ++i) {
        const std::string_view raw = lines[i];
        flow.line(strip_kernel_envelope(raw), unquoted_length(raw), context.cite(i));
        // Runtime errors a node log holds (a kubelet or containerd line in the same file).
        if (looks_like_runtime_error(raw)) {
            incident.list_runtime_error(analyse_runtime_error(context.grammar, raw, context.cite(i), incident));
        }
    }
    for (KernelEvent& e : flow.finish()) {
        incident.kernel_events.push_back(std::move(e));
    }
    warn_dropped(incident, context.cite(context.region.first), flow.dropped());
}

}  // namespace pm
