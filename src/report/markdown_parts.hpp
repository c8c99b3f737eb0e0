// Pieces shared by the Markdown writer's files (internal to src/report/).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "report/timeline.hpp"
#include "diagnose/findings.hpp"
#include "report/markdown_text.hpp"
#include "report/render_options.hpp"

namespace pm {

// Caps on repeated rows: the JSON report always has everything.
inline constexpr std::size_t k_md_max_events = 50;
inline constexpr std::size_t k_md_max_rows = 50;
inline constexpr std::size_t k_md_max_list = 200;
inline constexpr std::size_t k_md_max_chain_depth = 10;

// What every part needs: the incident, its diagnoses, the options, and which runtime errors a
// container section already showed (so the closing list does not repeat them).
class MdContext {
public:
    MdContext(const Incident& incident, const Diagnoses& diagnoses, const RenderOptions& opts);

    const Incident& incident() const { return m_incident; }
    const Diagnoses& diagnoses() const { return m_diagnoses; }
    const RenderOptions& options() const { return m_opts; }
    // "PATH:LINE" of a citation, as code.
    std::string cite(Cite at, MdPlace place = MdPlace::block) const {
        return at.known() ? code(m_incident.where(at), place) : std::string("\u2014");
    }
    // Input text: redacted (when asked), then quoted.
    std::string code(std::string_view text, MdPlace place = MdPlace::block) const;
    std::string prose(std::string_view text, MdPlace place = MdPlace::block) const;
    // A short quote (a summary's or a timeline's): cut at `max_bytes` at a character, marked with `…`.
    std::string short_code(std::string_view text, std::size_t max_bytes, MdPlace place = MdPlace::block) const;
    std::string fenced(std::string_view text) const;
    std::string env_value(std::string_view name, std::string_view value) const;

    // The runtime error a termination's message holds, or nullptr; marks it shown.
    const RuntimeError* runtime_error_for(const Termination& termination);
    bool runtime_error_shown(std::size_t index) const { return m_shown[index]; }

private:
    // The part of an input text the Markdown can show (a prefix a little longer than the quote
    // cap, so a secret crossing the cap is still recognised), redacted; and how many code points
    // were left out after it. Keeps redaction of a 20 MB line from costing more than a few KB.
    struct Window {
        std::string owned;      // the redacted copy, when a secret was replaced
        std::string_view text;  // what to show: the input itself, or `owned`
        std::size_t hidden = 0;
    };
    // `out.text` views the input or `out.owned`: no copy when nothing was redacted.
    void window(std::string_view text, Window& out) const;
    std::string untrusted(std::string_view text) const;

    const Incident& m_incident;
    const Diagnoses& m_diagnoses;
    const RenderOptions& m_opts;
    std::vector<bool> m_shown;
};

// Blocks joined by one blank line; the document ends in exactly one "\n".
class MdDoc {
public:
    void block(std::string_view text);
    std::string finish();

private:
    std::string m_text;  // the blocks so far, each after a blank line: one buffer, no joining copy
};

// "cgroup OOM" for "cgroup-oom"; a cause outside the closed list is quoted.
std::string cause_label(std::string_view cause, const RenderOptions& opts);
// "high confidence".
std::string confidence_label(Confidence confidence);
// "NS/NAME", "NAME", or "" when the pod has no name.
std::string pod_key(const Pod& pod);
// `NS/NAME` as code, or "(unnamed, from `FILE:LINE`)".
std::string pod_title(const Pod& pod, const MdContext& ctx);
// `NAME` as code, or "(unnamed)".
std::string container_title(const Container& container, const MdContext& ctx);
// "137 (SIGKILL)", "255 (raw -1)", "—".
std::string exit_text(const Termination& termination, const MdContext& ctx);
// An RFC 3339 time as code, or "—".
std::string time_text(const OptTime& time, const MdContext& ctx, MdPlace place = MdPlace::table_cell);
bool has_terminated(const Container& container);
// It ended with exit 0 and was not restarted (diagnosis found nothing to explain).
bool ended_normally(const Container& container);
// A clock time (not an uptime or an age).
bool is_wall(const OptTime& time);

// A failing container's runs and the events about it, oldest first, as a table, from its pod's
// timeline; "" when it would hold a single row.
std::string container_timeline(const Pod& pod, const std::vector<TimelineEntry>& pod_rows, std::uint32_t container,
                               const MdContext& ctx);
// The pod's clock-time rows as a Mermaid timeline (GitHub draws it); "" when there are fewer than three.
std::string pod_timeline_diagram(const Pod& pod, const std::vector<TimelineEntry>& pod_rows);
// The container an appendix lists: its environment and mounts, "" when it has neither.
std::string container_appendix(const Container& container, const MdContext& ctx);

// "## Pod …" with its containers and events.
void append_pod_section(MdDoc& doc, std::size_t pod, MdContext& ctx);
// A finding in three parts, so a container section can put its terminations between them:
// "**Cause:** …" (or the bare summary) and the exit-code sentence; the evidence list;
// remediation and alternatives.
void append_finding_head(MdDoc& doc, const Finding& finding, bool with_cause_line, const MdContext& ctx);
// The messages a section printed, each once; evidence that repeats one refers to it instead.
struct PrintedMessages {
    std::vector<std::pair<Text, std::string>> items;  // the text, and how to refer to it
    // The printed message `text` is, or holds whole (a `Message:` line quoting it).
    const std::string* find(Text text) const {
        for (const auto& [text_printed, name] : items) {
            if (text_printed == text || (text_printed.size() >= 80 && text.find(text_printed) != Text::npos)) {
                return &name;
            }
        }
        return nullptr;
    }
};
// `printed`: the messages the section printed; evidence quoting one refers to it.
void append_evidence(MdDoc& doc, const Finding& finding, const MdContext& ctx, const PrintedMessages* printed = nullptr);
void append_finding_tail(MdDoc& doc, const Finding& finding, const MdContext& ctx);

}  // namespace pm
