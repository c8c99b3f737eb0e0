// Renders a Report as a GitHub-flavoured Markdown post-mortem a person attaches to an incident.
#include "report/markdown_writer.hpp"

#include "base/text.hpp"

#include "report/markdown_parts.hpp"
#include "report/report_shape.hpp"

namespace pm {

namespace {

constexpr std::string_view k_dash = "\u2014";
constexpr std::size_t k_summary_sentences = 5;

std::size_t terminated_containers(const Incident& incident, std::size_t* total) {
    std::size_t count = 0;
    *total = 0;
    for (const Pod& pod : incident.pods) {
        for (const Container& container : pod.containers) {
            ++*total;
            if (has_terminated(container)) {
                ++count;
            }
        }
    }
    return count;
}

// What a person calls the input: its reader's name where it says more than the contract's kind
// (a kubelet journal is `node-journal`, though the JSON's closed list says kernel-log).
std::string_view shown_kind(const InputRecord& input) {
    return input.reader.empty() || input.reader == input.kind ? input.kind : input.reader;
}

std::string headline(const MdContext& ctx) {
    const Incident& incident = ctx.incident();
    std::size_t total = 0;
    const std::size_t terminated = terminated_containers(incident, &total);
    const Diagnoses& diagnoses = ctx.diagnoses();
    const Finding* worst = diagnoses.headline == k_none_index ? nullptr : &diagnoses.findings[diagnoses.headline];
    if (incident.pods.size() > 1) {
        // Many pods: how many, and the worst finding, which the summary names first.
        std::string out = plural(incident.pods.size(), "pod", "pods") + ", " +
                          plural(terminated, "container", "containers") + " terminated";
        if (worst != nullptr && worst->cause != "unknown") {
            out += " \u2014 worst: " + cause_label(worst->cause, ctx.options()) + " (" +
                   confidence_label(worst->confidence) + ")";
        }
        return out;
    }
    std::string out;
    if (incident.pods.size() == 1) {
        out = pod_title(incident.pods.front(), ctx);
    }
    if (worst) {
        out += out.empty() ? "" : " \u2014 ";
        const Pod* pod = worst->subject.pod == k_none_index ? nullptr : &incident.pods[worst->subject.pod];
        if (pod != nullptr && worst->subject.container != k_none_index) {
            out += "container " + container_title(pod->containers[worst->subject.container], ctx) + ": ";
        }
        out += cause_label(worst->cause, ctx.options()) + " (" + confidence_label(worst->confidence) + ")";
    } else if (!incident.pods.empty()) {
        out += terminated == 0 ? " \u2014 no container terminated"
                               : " \u2014 " + plural(terminated, "container", "containers") + " terminated, no diagnosis";
    } else {
        out = "no pod found in " + plural(incident.inputs.size(), "input", "inputs");
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

std::string summary_paragraph(const MdContext& ctx) {
    const Incident& incident = ctx.incident();
    // What was read: input count by kind, in first-seen order.
    std::vector<std::pair<std::string_view, std::size_t>> kinds;
    unsigned long long lines = 0;
    for (const InputRecord& input : incident.inputs) {
        lines += input.lines;
        bool seen = false;
        for (auto& [kind, count] : kinds) {
            if (kind == shown_kind(input)) {
                ++count;
                seen = true;
            }
        }
        if (!seen) {
            kinds.emplace_back(shown_kind(input), 1);
        }
    }
    std::string out = "Read " + plural(incident.inputs.size(), "input", "inputs");
    if (!kinds.empty()) {
        out += " (";
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            out += (i > 0 ? ", " : "") + std::to_string(kinds[i].second) + " " + ctx.prose(kinds[i].first);
        }
        out += "; " + plural(static_cast<std::size_t>(lines), "line", "lines") + ")";
    }
    std::size_t total = 0;
    const std::size_t terminated = terminated_containers(incident, &total);
    out += ". Found " + plural(incident.pods.size(), "pod", "pods") + " with " +
           plural(total, "container", "containers") + "; " + std::to_string(terminated) + " terminated.";

    std::size_t sentences = 0;
    std::size_t more = 0;
    for (std::size_t p = 0; p < incident.pods.size(); ++p) {
        const Pod& pod = incident.pods[p];
        for (std::size_t c = 0; c < pod.containers.size(); ++c) {
            const Container& container = pod.containers[c];
            const Finding* diagnosis = ctx.diagnoses().of(p, c);
            if (!diagnosis && !has_terminated(container)) {
                continue;
            }
            if (sentences == k_summary_sentences) {
                ++more;
                continue;
            }
            ++sentences;
            // A diagnosis summary names its container already; the pod says where it ran.
            bool named = diagnosis && !diagnosis->summary.empty();
            out += named ? " In " + pod_title(pod, ctx) + ": "
                         : " Container " + container_title(container, ctx) + " of " + pod_title(pod, ctx) + ": ";
            if (!diagnosis) {
                out += "terminated, no diagnosis.";
            } else if (diagnosis->summary.empty()) {
                out += cause_label(diagnosis->cause, ctx.options()) + " (" + confidence_label(diagnosis->confidence) + ").";
            } else {
                out += ensure_period(ctx.prose(first_sentence(diagnosis->summary)));
            }
        }
    }
    if (more > 0) {
        out += " And " + std::to_string(more) + " more (see below).";
    }
    return out;
}

std::string overview_table(const MdContext& ctx) {
    std::string out = "| Pod | Container | Type | Restarts | Last exit | Cause | Confidence |\n"
                      "|---|---|---|---|---|---|---|";
    for (std::size_t p = 0; p < ctx.incident().pods.size(); ++p) {
        const Pod& pod = ctx.incident().pods[p];
        const std::string pod_cell =
            pod.name ? ctx.code(pod_key(pod), MdPlace::table_cell) : std::string("(unnamed)");
        if (pod.containers.empty()) {
            out += "\n| " + pod_cell + " | " + std::string(k_dash) + " | " + std::string(k_dash) + " | " +
                   std::string(k_dash) + " | " + std::string(k_dash) + " | " + std::string(k_dash) + " | " +
                   std::string(k_dash) + " |";
            continue;
        }
        for (std::size_t c = 0; c < pod.containers.size(); ++c) {
            const Container& container = pod.containers[c];
            const Termination* last = container.latest();
            const Finding* diagnosis = ctx.diagnoses().of(p, c);
            out += "\n| " + pod_cell + " | " +
                   (container.name ? ctx.code(*container.name, MdPlace::table_cell) : std::string("(unnamed)")) +
                   " | " + ctx.prose(container_type_name(container.type), MdPlace::table_cell) + " | " +
                   (container.restart_count ? std::to_string(*container.restart_count) : std::string(k_dash)) +
                   " | " + (last ? exit_text(*last, ctx) : std::string(k_dash)) + " | " +
                   (diagnosis ? cause_label(diagnosis->cause, ctx.options())
                              : ended_normally(container) ? std::string("ended normally") : std::string(k_dash)) + " | " +
                   (diagnosis ? ctx.prose(confidence_name(diagnosis->confidence), MdPlace::table_cell)
                              : std::string(k_dash)) +
                   " |";
        }
    }
    return out;
}

// A finding is shown once: under its container, or here when it is about no pod (the node, the
// inputs as a whole).
void append_unattached_findings(MdDoc& doc, MdContext& ctx) {
    std::size_t listed = 0;
    std::size_t left_out = 0;
    for (const Finding& finding : ctx.diagnoses().findings) {
        if (finding.subject.pod != k_none_index) {
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
        doc.block("**Subject:** the inputs as a whole");
        append_finding_head(doc, finding, false, ctx);
        append_evidence(doc, finding, ctx);
        append_finding_tail(doc, finding, ctx);
    }
    if (left_out > 0) {
        doc.block("_" + std::to_string(left_out) + " more findings not shown (all are in the JSON report)._");
    }
}

std::string mib_text(long long kb) {
    return std::to_string((kb + 512) / 1024) + " MiB";
}

// An event's figures in words: the memory in MiB, the victim the kernel chose, what it hit.
std::string kernel_event_details(const KernelEvent& e, const MdContext& ctx) {
    std::vector<std::string> parts;
    if (e.anon_rss_kb) {
        parts.push_back("anon-rss " + mib_text(*e.anon_rss_kb));
    }
    if (e.memcg_usage_kb && e.memcg_limit_kb) {
        parts.push_back("cgroup " + mib_text(*e.memcg_usage_kb) + " of " + mib_text(*e.memcg_limit_kb));
    }
    if (e.kmem_usage_kb) {
        parts.push_back("kmem " + mib_text(*e.kmem_usage_kb));
    }
    if (e.chosen_pid) {
        parts.push_back("chosen pid " + std::to_string(*e.chosen_pid));
    }
    if (e.group_kill) {
        parts.push_back("group kill");
    }
    if (e.header_lost) {
        parts.push_back("report header lost to the ratelimit");
    }
    if (e.order && e.kind == "page-allocation-failure") {
        parts.push_back("order " + std::to_string(*e.order));
    }
    if (e.free_kb) {
        parts.push_back(mib_text(*e.free_kb) + " free, largest free order " + std::to_string(e.largest_free_order.value_or(-1)));
    }
    std::string out;
    for (const std::string& p : parts) {
        out += (out.empty() ? "" : "; ") + p;
    }
    if (e.detail) {
        out += (out.empty() ? "" : "; ") + ctx.code(*e.detail, MdPlace::table_cell);
    }
    if (e.year_from) {
        out += (out.empty() ? "" : "; ") + std::string("year from ") + ctx.cite(*e.year_from, MdPlace::table_cell);
    }
    if (e.time_from) {
        out += (out.empty() ? "" : "; ") + std::string("clock from ") + ctx.cite(*e.time_from, MdPlace::table_cell);
    }
    if (e.pod_index != k_none_index && !e.matched_by.empty()) {
        out += (out.empty() ? "" : "; ") + std::string("tied by ") + std::string(e.matched_by);
    }
    return out.empty() ? std::string(k_dash) : out;
}

void append_kernel_events(MdDoc& doc, const MdContext& ctx) {
    const auto& events = ctx.incident().kernel_events;
    if (events.empty()) {
        return;
    }
    doc.block("## Kernel events");
    std::string table =
        "| Kind | Time | Process | PID | OOM scope | Cgroup | Details | Source |\n|---|---|---|---|---|---|---|---|";
    const std::size_t shown = std::min(events.size(), k_md_max_list);
    for (std::size_t i = 0; i < shown; ++i) {
        const KernelEvent& e = events[i];
        std::string time = std::string(k_dash);
        if (e.time) {
            time = time_text(e.time, ctx);
        } else if (e.uptime_s) {
            time = ctx.code("[" + std::to_string(*e.uptime_s) + "]", MdPlace::table_cell);
        }
        const auto opt = [&](const OptText& value) {
            return value ? ctx.code(*value, MdPlace::table_cell) : std::string(k_dash);
        };
        table += "\n| " + ctx.code(e.kind, MdPlace::table_cell) + " | " + time + " | " + opt(e.process) + " | " +
                 (e.pid ? std::to_string(*e.pid) : std::string(k_dash)) + " | " + opt(e.oom_scope) + " | " +
                 opt(e.cgroup) + " | " + kernel_event_details(e, ctx) + " | " + ctx.cite(e.at, MdPlace::table_cell) + " |";
    }
    doc.block(table);
    if (events.size() > shown) {
        doc.block("_" + std::to_string(events.size() - shown) + " more kernel events not shown (all are in the JSON report)._");
    }
}

void append_runtime_errors(MdDoc& doc, const MdContext& ctx) {
    const auto& errors = ctx.incident().runtime_errors;
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
        out += "- " + ctx.cite(e.at) + " \u2014 " + cause_label(e.cause, ctx.options()) + ": innermost " + ctx.code(e.innermost);
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

void append_inputs(MdDoc& doc, const MdContext& ctx);

// What the reader reads first: the failing container, the cause and its confidence, the lines that
// decide it, and what to do now.
void append_summary_block(MdDoc& doc, const MdContext& ctx) {
    const Incident& incident = ctx.incident();
    const Diagnoses& diagnoses = ctx.diagnoses();
    doc.block("## Summary");
    if (diagnoses.headline == k_none_index) {
        std::string kinds;
        for (const InputRecord& input : incident.inputs) {
            kinds += (kinds.empty() ? "" : ", ") + ctx.code(input.path) + " as " + ctx.prose(shown_kind(input));
        }
        doc.block("**Nothing could be diagnosed.** Read " + (kinds.empty() ? std::string("no input") : kinds) +
                  "; no container in them terminated or waits for a reason that explains itself. To let podmortem "
                  "answer, save: `kubectl describe pod POD -n NAMESPACE` (the container states and events), "
                  "`kubectl logs --previous POD -c CONTAINER` (the last words of the container that died), "
                  "`kubectl get events -n NAMESPACE`, and the node's `journalctl -k` from around the failure.");
        return;
    }
    const Finding& f = diagnoses.findings[diagnoses.headline];
    const Pod* pod = f.subject.pod == k_none_index ? nullptr : &incident.pods[f.subject.pod];
    std::string failing = "**Failing:** ";
    if (pod != nullptr && f.subject.container != k_none_index) {
        failing += "container " + container_title(pod->containers[f.subject.container], ctx) + " of " + pod_title(*pod, ctx);
    } else if (pod != nullptr) {
        failing += pod_title(*pod, ctx);
    } else {
        failing += "the inputs as a whole";
    }
    std::size_t others = 0;
    for (const Finding& other : diagnoses.findings) {
        others += &other != &f && other.cause != "unknown" ? 1 : 0;
    }
    if (others > 0) {
        failing += " (and " + plural(others, "other finding", "other findings") + " below)";
    }
    std::string lines = failing + "  \n**Cause:** " + cause_label(f.cause, ctx.options()) + ", " +
                        confidence_label(f.confidence) + ".";
    if (!f.summary.empty()) {
        lines += " " + ensure_period(ctx.prose(first_sentence(f.summary)));
    }
    if (!f.why.empty() && first_sentence(f.summary).size() < f.summary.size()) {
        lines += " " + ensure_period(ctx.prose(f.why));  // what decided it, when the first sentence does not say
    }
    doc.block(lines);
    // Diagnosis names the deciding lines; a finding built without them shows its first evidence.
    const std::vector<Quote> fallback = f.evidence.empty() ? std::vector<Quote>{} : std::vector<Quote>{f.evidence.front()};
    const std::vector<Quote>& decisive = f.decisive.empty() ? fallback : f.decisive;
    if (!decisive.empty()) {
        std::string list = "Decided by:\n\n";
        for (const Quote& q : decisive) {
            list += "- " + ctx.cite(q.at) + " \u2014 " + ctx.short_code(q.text, 240) + "\n";
        }
        doc.block(list);
    }
    if (!f.remediation.empty()) {
        doc.block("**Do now:** " + ctx.prose(f.remediation.front()));
    }
}

bool pod_needs_section(std::size_t p, const MdContext& ctx) {
    const Pod& pod = ctx.incident().pods[p];
    for (std::size_t c = 0; c < pod.containers.size(); ++c) {
        if (ctx.diagnoses().of(p, c) != nullptr ||
            (has_terminated(pod.containers[c]) && !ended_normally(pod.containers[c]))) {
            return true;
        }
    }
    return pod.containers.empty();
}

void append_appendix(MdDoc& doc, const MdContext& ctx) {
    doc.block("## Appendix");
    const Incident& incident = ctx.incident();
    for (std::size_t p = 0; p < incident.pods.size(); ++p) {
        const Pod& pod = incident.pods[p];
        if (incident.pods.size() > 1 && !pod_needs_section(p, ctx)) {
            continue;
        }
        for (const Container& c : pod.containers) {
            const std::string listed = container_appendix(c, ctx);
            if (!listed.empty()) {
                doc.block("### Container " + container_title(c, ctx) + " of " + pod_title(pod, ctx));
                doc.block(listed);
            }
        }
    }
    append_inputs(doc, ctx);
}

void append_inputs(MdDoc& doc, const MdContext& ctx) {
    doc.block("### Inputs");
    std::string table = "| Path | Kind | Encoding | Lines |\n|---|---|---|---|";
    for (const InputRecord& input : ctx.incident().inputs) {
        table += "\n| " + ctx.code(input.path, MdPlace::table_cell) + " | " + ctx.prose(shown_kind(input), MdPlace::table_cell) +
                 " | " + ctx.prose(input.encoding, MdPlace::table_cell) + " | " + std::to_string(input.lines) + " |";
    }
    doc.block(table);
    // A pasted notes file holds several kinds: say which lines were read as what.
    std::string regions;
    for (const InputRecord& input : ctx.incident().inputs) {
        if (input.regions.size() < 2) {
            continue;
        }
        regions += "- " + ctx.code(input.path) + ": ";
        for (std::size_t i = 0; i < input.regions.size(); ++i) {
            const RegionRecord& r = input.regions[i];
            // A kind the contract does not name (a `kubectl get pods` table) is said by its reader's name.
            const std::string_view said = r.kind == "unknown" ? r.reader : r.kind;
            regions += (i > 0 ? ", " : "") + ctx.prose(said) + " (lines " + std::to_string(r.first_line) + "\u2013" +
                       std::to_string(r.last_line) + ")";
        }
        regions += "; the lines between are prose and prompts, not read\n";
    }
    if (!regions.empty()) {
        doc.block("Regions read from pasted notes:\n\n" + regions);
    }
}

void append_warnings(MdDoc& doc, const MdContext& ctx) {
    const auto& warnings = ctx.incident().diagnostics;
    if (warnings.empty()) {
        return;
    }
    doc.block("## Warnings");
    std::string out;
    const std::size_t shown = std::min(warnings.size(), k_md_max_list);
    for (std::size_t i = 0; i < shown; ++i) {
        const Diagnostic& w = warnings[i];
        const std::string where = diagnostic_where(w);  // empty for the run as a whole
        out += "- " + (where.empty() ? std::string() : ctx.code(where) + ": ") +
               ctx.prose(w.help.empty() ? w.message : w.message + "; " + w.help) + "\n";
    }
    if (warnings.size() > shown) {
        out += "- \u2026 and " + std::to_string(warnings.size() - shown) + " more warnings (all are in the JSON report)\n";
    }
    doc.block(out);
}

}  // namespace

void render_markdown(const Incident& incident, const Diagnoses& diagnoses, const RenderOptions& opts, OutputSink& out) {
    MdContext ctx(incident, diagnoses, opts);
    MdDoc doc;
    doc.block("# Post-mortem: " + headline(ctx));
    append_summary_block(doc, ctx);
    doc.block(summary_paragraph(ctx));
    doc.block("## Overview");
    doc.block(overview_table(ctx));
    for (std::size_t p = 0; p < incident.pods.size(); ++p) {
        // A healthy pod of a many-pod file has its row in the overview; a section would say nothing more.
        if (incident.pods.size() > 1 && !pod_needs_section(p, ctx)) {
            continue;
        }
        append_pod_section(doc, p, ctx);
    }
    append_unattached_findings(doc, ctx);
    append_kernel_events(doc, ctx);
    append_runtime_errors(doc, ctx);
    append_appendix(doc, ctx);
    append_warnings(doc, ctx);
    // The generator's marker: how a later run knows this file is a report, not evidence.
    doc.block(std::string(k_markdown_marker_prefix) + PM_VERSION +
              " from saved files; every claim cites the file:line it rests on._");
    out.write(doc.finish());
}

std::string render_markdown(const Incident& incident, const Diagnoses& diagnoses, const RenderOptions& opts) {
    StringSink sink;
    render_markdown(incident, diagnoses, opts, sink);
    return sink.take();
}

}  // namespace pm
