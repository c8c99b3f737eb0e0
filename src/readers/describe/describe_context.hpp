// The state one parse_describe call shares between its stages: repaired lines, the pod and
// container being built, which block is open, and the capped warning sink.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/source_text.hpp"
#include "readers/describe/describe_keys.hpp"
#include "readers/describe/paste_repair.hpp"
#include "evidence/incident.hpp"

namespace pm {

// The pod-level block whose item lines are being read.
enum class PodArea { none, labels, annotations, ips, conditions, volumes, containers, skipped, pod_resources };

// The container-level block whose item lines are being read; `state` is a State/Last State block.
enum class ContainerList { none, command, args, limits, requests, environment, env_from, mounts, devices, skipped, state };

// A State / Last State block as printed, before exit codes are normalised and signals derived.
struct StateDraft {
    StateStatus status = StateStatus::unknown;
    OptText reason;
    OptText message;
    OptTime started;
    OptTime finished;
    OptInt printed_exit_code;
    OptInt printed_signal;
    bool never_started = false;
    Cite at;
    Cite message_at;
    std::vector<Quote> cites;
};

struct ContainerDraft {
    Container container;
    std::optional<StateDraft> current;
    std::optional<StateDraft> last;
    int indent = -1;  // of the name line; -1 when implied by a fragment without one
    // A multi-line environment value being read: its lines are joined once, when it ends.
    std::string env_tail;
    bool env_open = false;
};

struct DescribeContext {
    DescribeContext(const SourceText& source, InputId id, std::size_t first_line, std::size_t final_line,
                    Incident& store)
        : file(source), input(id), first(first_line), last(final_line), incident(store) {}

    const SourceText& file;
    InputId input;
    std::size_t first;  // the region's lines (0-based, inclusive)
    std::size_t last;
    Incident& incident;
    PasteProfile profile;
    std::vector<PasteLine> lines;

    std::vector<Pod> pods;
    bool pod_open = false;
    bool pod_named = false;   // the record started at a `Name:` line (not a fragment)
    bool saw_events = false;  // the record reached `Events:`
    size_t last_line = 0;     // last non-blank line of the record, for the truncation warning
    PodArea area = PodArea::none;
    int area_indent = 0;
    ContainerType section_type = ContainerType::app;  // container type of the open Containers section
    bool saw_container_section = false;  // a Containers / Init Containers / Ephemeral Containers header
    size_t sectionless_containers = 0;   // containers of a fragment read before any such header

    std::optional<ContainerDraft> container;
    ContainerList list = ContainerList::none;
    int list_indent = 0;
    bool state_is_last = false;  // with list == state: the Last State block is open

    Pod& pod() { return pods.back(); }
    StateDraft* open_state();

    Cite where(const PasteLine& line) const { return {input, line.line + 1}; }
    Quote evidence(const PasteLine& line) const { return {where(line), line.text}; }
    // Adds a warning at `line` (or at a Cite); after a few dozen per file only counts them, so
    // garbage input cannot flood the report.
    void warn(const PasteLine& line, const std::string& message);
    void warn_at(Cite at, const std::string& message);
    // A derived text kept as long as the incident.
    Text keep(std::string_view text) { return incident.keep(text); }
    // One summary warning for those not added, and one for list items dropped by has_room.
    void finish_warnings();

    // False when a list already holds k_max_list_items, or the file as a whole reached its budget
    // of list items (the item is then counted as dropped). A true answer counts the item as kept.
    bool has_room(size_t size);
    size_t dropped_items = 0;
    size_t containers_kept = 0;

private:
    size_t m_kept_items = 0;
    size_t m_warned = 0;
    size_t m_suppressed = 0;
};

}  // namespace pm
