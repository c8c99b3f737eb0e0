// Renders a Report as a GitHub-flavoured Markdown post-mortem a person attaches to an incident.
#include "report/markdown_writer.hpp"

#include <unordered_set>

#include "report/markdown_parts.hpp"
#include "report/report_shape.hpp"

namespace pm {

namespace {

constexpr std::string_view k_dash = "\u2014";
constexpr std::size_t k_summary_sentences = 5;

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
    return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

struct Located {
    const Pod* pod = nullptr;
    const Container* container = nullptr;  // null for a pod-level finding
    const Finding* finding = nullptr;
};

// The finding the title names: the worst container diagnosis, else the worst finding not tied to
// a container. Ties keep report order, so the title is deterministic.
Located worst_finding(const Report& report) {
    Located best;
    int best_rank = -1;
    for (const Pod& pod : report.pods) {
        for (const Container& container : pod.containers) {
            if (container.diagnosis && finding_rank(*container.diagnosis) > best_rank) {
                best = Located{&pod, &container, &*container.diagnosis};
                best_rank = finding_rank(*container.diagnosis);
            }
        }
    }
    if (best.finding) {
        return best;
    }
    for (const Finding& finding : report.findings) {
        if (!finding.subject.container && finding_rank(finding) > best_rank) {
            best = Located{nullptr, nullptr, &finding};
            best_rank = finding_rank(finding);
        }
    }
    return best;
}

std::size_t terminated_containers(const Report& report, std::size_t* total) {
    std::size_t count = 0;
    *total = 0;
    for (const Pod& pod : report.pods) {
        for (const Container& container : pod.containers) {
            ++*total;
            if (has_terminated(container)) {
                ++count;
            }
        }
    }
    return count;
}

std::string headline(const Report& report, const MdContext& ctx) {
    std::size_t total = 0;
    const std::size_t terminated = terminated_containers(report, &total);
    if (report.pods.size() > 1) {
        return plural(report.pods.size(), "pod", "pods") + ", " +
               plural(terminated, "container", "containers") + " terminated";
    }
    const Located worst = worst_finding(report);
    std::string out;
    if (report.pods.size() == 1) {
        out = pod_title(report.pods.front(), ctx);
    }
    if (worst.finding) {
        out += out.empty() ? "" : " \u2014 ";
        if (worst.container) {
            out += "container " + container_title(*worst.container, ctx) + ": ";
        }
        out += cause_label(worst.finding->cause, ctx.options()) + " (" + confidence_label(worst.finding->confidence) + ")";
    } else if (!report.pods.empty()) {
        out += terminated == 0 ? " \u2014 no container terminated"
                               : " \u2014 " + plural(terminated, "container", "containers") + " terminated, no diagnosis";
    } else {
        out = "no pod found in " + plural(report.inputs.size(), "input", "inputs");
    }
    return out;
}

// The first sentence of a summary (up to ". " before a capital letter): the paragraph gives one
// sentence per container, the container section the whole summary.
std::string_view first_sentence(std::string_view text) {
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        if (text[i] == '.' && text[i + 1] == ' ' && text[i + 2] >= 'A' && text[i + 2] <= 'Z') {
            return text.substr(0, i + 1);
        }
    }
    return text;
}

std::string ensure_period(std::string text) {
    if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?') {
        text.push_back('.');
    }
    return text;
}

std::string summary_paragraph(const Report& report, const MdContext& ctx) {
    // What was read: input count by kind, in first-seen order.
    std::vector<std::pair<std::string, std::size_t>> kinds;
    long long lines = 0;
    for (const InputInfo& input : report.inputs) {
        lines += input.lines;
        bool seen = false;
        for (auto& [kind, count] : kinds) {
            if (kind == input.kind) {
                ++count;
                seen = true;
            }
        }
        if (!seen) {
            kinds.emplace_back(input.kind, 1);
        }
    }
    std::string out = "Read " + plural(report.inputs.size(), "input", "inputs");
    if (!kinds.empty()) {
        out += " (";
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            out += (i > 0 ? ", " : "") + std::to_string(kinds[i].second) + " " + ctx.prose(kinds[i].first);
        }
        out += "; " + plural(static_cast<std::size_t>(lines < 0 ? 0 : lines), "line", "lines") + ")";
    }
    std::size_t total = 0;
    const std::size_t terminated = terminated_containers(report, &total);
    out += ". Found " + plural(report.pods.size(), "pod", "pods") + " with " +
           plural(total, "container", "containers") + "; " + std::to_string(terminated) + " terminated.";

    std::size_t sentences = 0;
    std::size_t more = 0;
    for (const Pod& pod : report.pods) {
        for (const Container& container : pod.containers) {
            if (!container.diagnosis && !has_terminated(container)) {
                continue;
            }
            if (sentences == k_summary_sentences) {
                ++more;
                continue;
            }
            ++sentences;
            // A diagnosis summary names its container already; the pod says where it ran.
            bool named = container.diagnosis && !container.diagnosis->summary.empty();
            out += named ? " In " + pod_title(pod, ctx) + ": "
                         : " Container " + container_title(container, ctx) + " of " + pod_title(pod, ctx) + ": ";
            if (!container.diagnosis) {
                out += "terminated, no diagnosis.";
            } else if (container.diagnosis->summary.empty()) {
                out += cause_label(container.diagnosis->cause, ctx.options()) + " (" +
                       confidence_label(container.diagnosis->confidence) + ").";
            } else {
                out += ensure_period(ctx.prose(first_sentence(container.diagnosis->summary)));
            }
        }
    }
    if (more > 0) {
        out += " And " + std::to_string(more) + " more (see below).";
    }
    return out;
}

std::string overview_table(const Report& report, const MdContext& ctx) {
    std::string out = "| Pod | Container | Type | Restarts | Last exit | Cause | Confidence |\n"
                      "|---|---|---|---|---|---|---|";
    for (const Pod& pod : report.pods) {
        const std::string pod_cell =
            pod.name ? ctx.code(pod_key(pod), MdPlace::table_cell) : std::string("(unnamed)");
        if (pod.containers.empty()) {
            out += "\n| " + pod_cell + " | " + std::string(k_dash) + " | " + std::string(k_dash) + " | " +
                   std::string(k_dash) + " | " + std::string(k_dash) + " | " + std::string(k_dash) + " | " +
                   std::string(k_dash) + " |";
            continue;
        }
        for (const Container& container : pod.containers) {
            const Termination* last = newest_termination(container);
            const Finding* diagnosis = container.diagnosis ? &*container.diagnosis : nullptr;
            out += "\n| " + pod_cell + " | " +
                   (container.name ? ctx.code(*container.name, MdPlace::table_cell) : std::string("(unnamed)")) +
                   " | " + ctx.prose(container.type, MdPlace::table_cell) + " | " +
                   (container.restart_count ? std::to_string(*container.restart_count) : std::string(k_dash)) +
                   " | " + (last ? exit_text(*last, ctx) : std::string(k_dash)) + " | " +
                   (diagnosis ? cause_label(diagnosis->cause, ctx.options()) : std::string(k_dash)) + " | " +
                   (diagnosis ? ctx.prose(diagnosis->confidence, MdPlace::table_cell) : std::string(k_dash)) + " |";
        }
    }
    return out;
}

// A finding is shown once: under its container when it is one's diagnosis (an unnamed container
// from a pasted runtime error has no name for the subject to carry).
std::string finding_key(const Finding& f) {
    return f.cause + '\n' + f.summary + '\n' + (f.evidence.empty() ? std::string() : f.evidence.front().source);
}

void append_unattached_findings(MdDoc& doc, MdContext& ctx) {
    std::size_t listed = 0;
    std::size_t left_out = 0;
    std::unordered_set<std::string> shown;
    for (const Pod& pod : ctx.report().pods) {
        for (const Container& c : pod.containers) {
            if (c.diagnosis) {
                shown.insert(finding_key(*c.diagnosis));
            }
        }
    }
    for (const Finding& finding : ctx.report().findings) {
        if (finding.subject.container || shown.count(finding_key(finding)) != 0) {
            continue;
        }
        if (listed == k_md_max_list) {
            ++left_out;
            continue;
        }
        if (listed == 0) {
            doc.block("## Findings not tied to a container");
        }
        ++listed;
        doc.block("### " + cause_label(finding.cause, ctx.options()) + " (" + confidence_label(finding.confidence) + ")");
        std::vector<std::string> subject;
        if (finding.subject.pod) {
            subject.push_back("pod " + ctx.code(*finding.subject.pod));
        }
        if (finding.subject.node) {
            subject.push_back("node " + ctx.code(*finding.subject.node));
        }
        doc.block("**Subject:** " + (subject.empty() ? std::string("the inputs as a whole")
                                                     : subject.front() + (subject.size() > 1 ? ", " + subject[1] : "")));
        append_finding_head(doc, finding, false, ctx);
        append_evidence(doc, finding, ctx);
        append_finding_tail(doc, finding, ctx);
    }
    if (left_out > 0) {
        doc.block("_" + std::to_string(left_out) + " more findings not shown (all are in the JSON report)._");
    }
}

void append_kernel_events(MdDoc& doc, const MdContext& ctx) {
    const auto& events = ctx.report().kernel_events;
    if (events.empty()) {
        return;
    }
    doc.block("## Kernel events");
    std::string table = "| Kind | Time | Process | PID | OOM scope | Cgroup | Source |\n|---|---|---|---|---|---|---|";
    const std::size_t shown = std::min(events.size(), k_md_max_list);
    for (std::size_t i = 0; i < shown; ++i) {
        const KernelEvent& e = events[i];
        std::string time = k_dash.data();
        if (e.time) {
            time = ctx.code(*e.time, MdPlace::table_cell);
        } else if (e.uptime_s) {
            time = ctx.code("[" + std::to_string(*e.uptime_s) + "]", MdPlace::table_cell);
        }
        const auto opt = [&](const OptStr& value) {
            return value ? ctx.code(*value, MdPlace::table_cell) : std::string(k_dash);
        };
        table += "\n| " + ctx.code(e.kind, MdPlace::table_cell) + " | " + time + " | " + opt(e.process) + " | " +
                 (e.pid ? std::to_string(*e.pid) : std::string(k_dash)) + " | " + opt(e.oom_scope) + " | " +
                 opt(e.cgroup) + " | " + ctx.code(e.source, MdPlace::table_cell) + " |";
    }
    doc.block(table);
    if (events.size() > shown) {
        doc.block("_" + std::to_string(events.size() - shown) + " more kernel events not shown (all are in the JSON report)._");
    }
}

void append_runtime_errors(MdDoc& doc, const MdContext& ctx) {
    const auto& errors = ctx.report().runtime_errors;
    std::string out;
    std::size_t listed = 0;
    std::size_t left_out = 0;
    for (std::size_t i = 0; i < errors.size(); ++i) {
        if (ctx.runtime_error_shown(i)) {
            continue;
        }
        if (listed == k_md_max_list) {
            ++left_out;
            continue;
        }
        ++listed;
        const RuntimeError& e = errors[i];
        out += "- " + ctx.code(e.source) + " \u2014 " + cause_label(e.cause, ctx.options()) + ": innermost " + ctx.code(e.innermost);
        if (!e.explanation.empty()) {
            out += " \u2014 " + ctx.prose(e.explanation);
        }
        out += "\n";
    }
    if (listed == 0) {
        return;
    }
    if (left_out > 0) {
        out += "- \u2026 " + std::to_string(left_out) + " more (all are in the JSON report)\n";
    }
    doc.block("## Runtime errors");
    doc.block(out);
}

void append_inputs(MdDoc& doc, const MdContext& ctx) {
    doc.block("## Inputs");
    std::string table = "| Path | Kind | Encoding | Lines |\n|---|---|---|---|";
    for (const InputInfo& input : ctx.report().inputs) {
        table += "\n| " + ctx.code(input.path, MdPlace::table_cell) + " | " + ctx.prose(input.kind, MdPlace::table_cell) +
                 " | " + ctx.prose(input.encoding, MdPlace::table_cell) + " | " + std::to_string(input.lines) + " |";
    }
    doc.block(table);
}

void append_warnings(MdDoc& doc, const MdContext& ctx) {
    const auto& warnings = ctx.report().warnings;
    if (warnings.empty()) {
        return;
    }
    doc.block("## Warnings");
    std::string out;
    const std::size_t shown = std::min(warnings.size(), k_md_max_list);
    for (std::size_t i = 0; i < shown; ++i) {
        out += "- " + ctx.code(warnings[i].source) + ": " + ctx.prose(warnings[i].message) + "\n";
    }
    if (warnings.size() > shown) {
        out += "- \u2026 and " + std::to_string(warnings.size() - shown) + " more warnings (all are in the JSON report)\n";
    }
    doc.block(out);
}

}  // namespace

std::string render_markdown(const Report& report, const RenderOptions& opts) {
    MdContext ctx(report, opts);
    MdDoc doc;
    doc.block("# Post-mortem: " + headline(report, ctx));
    doc.block(summary_paragraph(report, ctx));
    doc.block("## Overview");
    doc.block(overview_table(report, ctx));
    for (const Pod& pod : report.pods) {
        append_pod_section(doc, pod, ctx);
    }
    append_unattached_findings(doc, ctx);
    append_kernel_events(doc, ctx);
    append_runtime_errors(doc, ctx);
    append_inputs(doc, ctx);
    append_warnings(doc, ctx);
    // The generator's marker: how a later run knows this file is a report, not evidence.
    doc.block(std::string(k_markdown_marker_prefix) + PM_VERSION +
              " from saved files; every claim cites the file:line it rests on._");
    return doc.finish();
}

}  // namespace pm
