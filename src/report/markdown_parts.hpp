// Pieces shared by the Markdown writer's files (internal to src/report/).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "records/model.hpp"
#include "report/markdown_text.hpp"
#include "report/render_options.hpp"

namespace pm {

// Caps on repeated rows: the JSON report always has everything.
inline constexpr std::size_t k_md_max_events = 50;
inline constexpr std::size_t k_md_max_rows = 50;
inline constexpr std::size_t k_md_max_list = 200;
inline constexpr std::size_t k_md_max_chain_depth = 10;

// A runtime error chain as one lookup key.
std::string chain_key(const std::vector<std::string>& chain);

// What every part needs: the report, the options, and which runtime errors a container section
// already showed (so the closing list does not repeat them).
class MdContext {
public:
    MdContext(const Report& report, const RenderOptions& opts);

    const Report& report() const { return m_report; }
    const RenderOptions& options() const { return m_opts; }
    // Input text: redacted (when asked), then quoted.
    std::string code(std::string_view text, MdPlace place = MdPlace::block) const;
    std::string prose(std::string_view text, MdPlace place = MdPlace::block) const;
    std::string fenced(std::string_view text) const;
    std::string env_value(std::string_view name, std::string_view value) const;

    // The runtime error that explains a termination's message, or nullptr; marks it shown.
    const RuntimeError* runtime_error_for(const Termination& termination);
    bool runtime_error_shown(std::size_t index) const { return m_shown[index]; }

private:
    // The part of an input text the Markdown can show (a prefix a little longer than the quote
    // cap, so a secret crossing the cap is still recognised), redacted; and how many code points
    // were left out after it. Keeps redaction of a 20 MB line from costing more than a few KB.
    struct Window {
        std::string text;
        std::size_t hidden = 0;
    };
    Window window(std::string_view text) const;
    std::string untrusted(std::string_view text) const;

    const Report& m_report;
    const RenderOptions& m_opts;
    std::vector<bool> m_shown;
    // First runtime error per source, per message and per chain (joined), for linear lookups.
    std::unordered_map<std::string_view, std::size_t> m_by_source;
    std::unordered_map<std::string_view, std::size_t> m_by_message;
    std::unordered_map<std::string, std::size_t> m_by_chain;
};

// Blocks joined by one blank line; the document ends in exactly one "\n".
class MdDoc {
public:
    void block(std::string text);
    std::string finish() const;

private:
    std::vector<std::string> m_blocks;
};

// "cgroup OOM" for "cgroup-oom"; a cause outside the closed list is quoted.
std::string cause_label(std::string_view cause, const RenderOptions& opts);
// "high confidence"; unknown values quoted.
std::string confidence_label(std::string_view confidence);
// "NS/NAME", "NAME", or "" when the pod has no name.
std::string pod_key(const Pod& pod);
// `NS/NAME` as code, or "(unnamed, from `FILE:LINE`)".
std::string pod_title(const Pod& pod, const MdContext& ctx);
// `NAME` as code, or "(unnamed)".
std::string container_title(const Container& container, const MdContext& ctx);
// "137 (SIGKILL)", "255 (raw -1)", "—".
std::string exit_text(const Termination& termination, const MdContext& ctx);
// The newest termination the record knows of, or nullptr.
const Termination* newest_termination(const Container& container);
bool has_terminated(const Container& container);
// Higher is worse: used to pick the finding the title names.
int finding_rank(const Finding& finding);

// "## Pod …" with its containers and events.
void append_pod_section(MdDoc& doc, const Pod& pod, MdContext& ctx);
// A finding in three parts, so a container section can put its terminations between them:
// "**Cause:** …" (or the bare summary) and the exit-code sentence; the evidence list;
// remediation and alternatives.
void append_finding_head(MdDoc& doc, const Finding& finding, bool with_cause_line, const MdContext& ctx);
void append_evidence(MdDoc& doc, const Finding& finding, const MdContext& ctx);
void append_finding_tail(MdDoc& doc, const Finding& finding, const MdContext& ctx);

}  // namespace pm
