// The Markdown sections for one pod: header line, each container, and the pod's events.
#include "report/markdown_parts.hpp"

#include <algorithm>

#include "base/text.hpp"

namespace pm {

namespace {

constexpr std::string_view k_dash = "\u2014";
constexpr std::string_view k_sep = " \u00B7 ";  // " · "

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            out += separator;
        }
        out += parts[i];
    }
    return out;
}

std::string cell(const OptText& value, const MdContext& ctx) {
    return value ? ctx.code(*value, MdPlace::table_cell) : std::string(k_dash);
}

std::string int_cell(const OptInt& value) {
    return value ? std::to_string(*value) : std::string(k_dash);
}

std::string table_row(const std::vector<std::string>& cells) {
    return "| " + join(cells, " | ") + " |";
}

std::string table_head(const std::vector<std::string>& names) {
    std::string out = table_row(names) + "\n|";
    for (std::size_t i = 0; i < names.size(); ++i) {
        out += "---|";
    }
    return out;
}

std::string map_line(const TextPairs& values, const MdContext& ctx) {
    std::vector<std::string> parts;
    for (const auto& [resource, quantity] : values) {
        parts.push_back(ctx.code(std::string(resource) + "=" + std::string(quantity)));
    }
    return join(parts, ", ");
}

void append_container_facts(MdDoc& doc, const Container& container, const MdContext& ctx) {
    std::vector<std::string> facts;
    facts.push_back("**Image:** " + (container.image ? ctx.code(*container.image) : std::string(k_dash)));
    if (container.container_id) {
        facts.push_back("**ID:** " + ctx.code(*container.container_id));
    }
    std::string state = "**State:** " + ctx.prose(state_status_name(container.state.status));
    if (container.state.reason) {
        state += " (" + ctx.code(*container.state.reason) + ")";
    }
    facts.push_back(state);
    facts.push_back("**Restarts:** " + int_cell(container.restart_count));
    if (container.ready) {
        facts.push_back(std::string("**Ready:** ") + (*container.ready ? "yes" : "no"));
    }
    if (!container.limits.empty()) {
        facts.push_back("**Limits:** " + map_line(container.limits, ctx));
    }
    if (!container.requests.empty()) {
        facts.push_back("**Requests:** " + map_line(container.requests, ctx));
    }
    doc.block(join(facts, k_sep));
}

std::string started_cell(const Termination& termination, const MdContext& ctx) {
    if (termination.never_started) {
        return "never started";
    }
    return time_text(termination.started, ctx);
}

std::string signal_cell(const Termination& termination, const MdContext& ctx) {
    if (!termination.signal) {
        return std::string(k_dash);
    }
    std::string out = std::to_string(*termination.signal);
    if (termination.signal_name) {
        out += " (" + ctx.prose(*termination.signal_name, MdPlace::table_cell) + ")";
    }
    return out;
}

// The chain outermost first as nested bullets. Depth is capped: deeper layers are counted, and
// the innermost (the one that matters) is always printed.
void append_chain(MdDoc& doc, const std::vector<Text>& chain, const RuntimeError* error, const MdContext& ctx) {
    const std::size_t shown_outer =
        chain.size() > k_md_max_chain_depth ? k_md_max_chain_depth - 2 : chain.size() - 1;
    std::string out;
    std::size_t depth = 0;
    const auto bullet = [&](std::string_view text) {
        out += std::string(2 * depth, ' ') + "- " + std::string(text) + "\n";
        ++depth;
    };
    for (std::size_t i = 0; i < shown_outer; ++i) {
        bullet(ctx.code(chain[i]));
    }
    if (shown_outer + 1 < chain.size()) {
        bullet("\u2026 " + std::to_string(chain.size() - 1 - shown_outer) + " more layers \u2026");
    }
    std::string innermost = ctx.code(chain.back());
    if (error && !error->explanation.empty()) {
        innermost += " \u2014 innermost cause: " + ctx.prose(error->explanation);
    } else if (error && !error->innermost.empty() && error->innermost != chain.back()) {
        innermost += " \u2014 innermost cause: " + ctx.code(error->innermost);
    }
    bullet(innermost);
    doc.block(out);
}

// The terminations a container section lists: the newest k_md_max_rows (the JSON report has all).
struct TerminationList {
    std::vector<const Termination*> items;
    std::size_t skip = 0;
};

TerminationList terminations_of(const Container& container) {
    TerminationList list;
    for (const Termination& termination : container.terminations) {
        list.items.push_back(&termination);
    }
    if (list.items.empty() && container.latest()) {
        list.items.push_back(container.latest());
    }
    list.skip = list.items.size() > k_md_max_rows ? list.items.size() - k_md_max_rows : 0;
    return list;
}

// A message this long is folded into a <details> block: the report stays readable, nothing is lost.
constexpr std::size_t k_md_fold_lines = 8;
constexpr std::size_t k_md_fold_bytes = 800;

void append_message(MdDoc& doc, const std::string& title, Text message, const MdContext& ctx) {
    const std::size_t lines = static_cast<std::size_t>(std::count(message.begin(), message.end(), '\n')) + 1;
    if (lines <= k_md_fold_lines && message.size() <= k_md_fold_bytes) {
        doc.block(title + ":");
        doc.block(ctx.fenced(message));
        return;
    }
    // Our own plain words only inside <summary> (HTML: no Markdown there, and no input text).
    doc.block(title + ", folded:");
    doc.block("<details>\n<summary>" + plural(lines, "line", "lines") + "</summary>");
    doc.block(ctx.fenced(message));
    doc.block("</details>");
}

void append_termination_table(MdDoc& doc, const TerminationList& list, PrintedMessages& printed,
                              const MdContext& ctx) {
    if (list.items.empty()) {
        return;
    }
    std::string table = table_head({"#", "Reason", "Exit", "Signal", "Started", "Finished", "Source"});
    for (std::size_t i = list.skip; i < list.items.size(); ++i) {
        const Termination& t = *list.items[i];
        table += "\n" + table_row({std::to_string(i + 1), cell(t.reason, ctx), exit_text(t, ctx),
                                   signal_cell(t, ctx), started_cell(t, ctx), time_text(t.finished, ctx),
                                   ctx.cite(t.at, MdPlace::table_cell)});
    }
    doc.block(table);
    if (list.skip > 0) {
        doc.block("_" + std::to_string(list.skip) + " older terminations not shown (all are in the JSON report)._");
    }
    // Messages are multi-line (panics, stack traces): each printed once, a repeat said in words.
    for (std::size_t i = list.skip; i < list.items.size(); ++i) {
        const Termination& t = *list.items[i];
        if (!t.message || t.message->empty()) {
            continue;
        }
        const std::string name = "message of termination " + std::to_string(i + 1);
        if (const std::string* same = printed.find(*t.message)) {
            doc.block("**Termination " + std::to_string(i + 1) + " message:** the same as the " + *same + ".");
            continue;
        }
        append_message(doc, "**Termination " + std::to_string(i + 1) + " message** (" + ctx.cite(t.at) + ")", *t.message,
                       ctx);
        printed.items.emplace_back(*t.message, name + " (above)");
    }
}

void append_chains(MdDoc& doc, const TerminationList& list, MdContext& ctx) {
    const std::vector<Text>* previous = nullptr;
    for (std::size_t i = list.skip; i < list.items.size(); ++i) {
        const Termination& t = *list.items[i];
        const RuntimeError* error = ctx.runtime_error_for(t);
        if (error == nullptr || error->chain.size() < 2) {
            continue;
        }
        if (previous && *previous == error->chain) {
            continue;
        }
        doc.block("**Runtime error chain** (termination " + std::to_string(i + 1) + ", outermost first):");
        append_chain(doc, error->chain, error, ctx);
        previous = &error->chain;
    }
}

}  // namespace

std::string container_appendix(const Container& container, const MdContext& ctx) {
    std::string out;
    if (!container.environment.empty()) {
        out += "Environment:\n\n";
        std::size_t count = 0;
        for (const auto& [name, value] : container.environment) {
            if (count == k_md_max_rows) {
                out += "- \u2026 " + std::to_string(container.environment.size() - count) + " more\n";
                break;
            }
            out += "- " + ctx.code(name) + " = " + ctx.env_value(name, value) + "\n";
            ++count;
        }
    }
    if (!container.mounts.empty()) {
        out += std::string(out.empty() ? "" : "\n") + "Mounts:\n\n";
        std::size_t count = 0;
        for (const Mount& m : container.mounts) {
            if (count == k_md_max_rows) {
                out += "- \u2026 " + std::to_string(container.mounts.size() - count) + " more\n";
                break;
            }
            out += "- " + ctx.code(m.path) + " from " + ctx.code(m.volume) +
                   (m.mode.empty() ? std::string() : " (" + ctx.prose(m.mode) + ")") +
                   (m.sub_path ? ", subPath " + ctx.code(*m.sub_path) : std::string()) + " \u2014 " + ctx.cite(m.line.at) +
                   "\n";
            ++count;
        }
    }
    return out;
}

namespace {

// The one line a container that needs no section gets: it runs, or ended the way its kind ends.
std::string quiet_container_line(const Container& container, const MdContext& ctx) {
    std::string out = "Container " + container_title(container, ctx) + " (" + ctx.prose(container_type_name(container.type)) +
                      "): ";
    if (const Termination* t = container.latest()) {
        out += "ended normally (" + (t->reason ? ctx.code(*t->reason) : std::string("exit")) + ", exit " +
               exit_text(*t, ctx) + (is_wall(t->finished) ? ", at " + time_text(t->finished, ctx, MdPlace::block) : std::string()) +
               "); nothing to explain.";
    } else {
        out += ctx.prose(state_status_name(container.state.status)) +
               (container.state.reason ? " (" + ctx.code(*container.state.reason) + ")" : std::string()) +
               "; it did not terminate.";
    }
    return out;
}

// What the container's logs said last: the deciding signature's trace, quoted once with its lines,
// or the last line of a log that ends without an error.
void append_last_words(MdDoc& doc, std::size_t pod, std::size_t container, PrintedMessages& printed,
                       const MdContext& ctx) {
    for (const ContainerLog& log : ctx.incident().container_logs) {
        if (log.pod_index != pod || log.container_index != container) {
            continue;
        }
        const std::string from = log.from_message ? std::string("its termination message")
                                                  : ctx.cite(log.at) + " (" + ctx.prose(log.attributed_by) + ")";
        if (const LogSignature* sig = log.decisive()) {
            std::string title = "**Last words** in " + from + ", lines " + std::to_string(sig->at.line) + "\u2013" +
                                std::to_string(sig->last_line);
            if (log.signatures_seen > 1) {
                title += "; " + std::to_string(log.signatures_seen) + " signatures in all, the last fatal one decides";
            }
            append_message(doc, title, sig->block, ctx);
            printed.items.emplace_back(sig->block, "last words (above)");
        } else if (log.last_line && !log.from_message) {
            doc.block("**The log ends without an error** (" + from + "); its last line, " + ctx.cite(log.last_line->at) +
                      ": " + ctx.short_code(log.last_line->text, 240));
        }
    }
}

void append_container(MdDoc& doc, const Pod& pod, const std::vector<TimelineEntry>& pod_rows, std::size_t pod_index,
                      std::size_t container_index, const Container& container, const Finding* diagnosis,
                      MdContext& ctx) {
    if (!diagnosis && (!has_terminated(container) || ended_normally(container))) {
        doc.block(quiet_container_line(container, ctx));
        return;
    }
    doc.block("### Container " + container_title(container, ctx) + " (" + ctx.prose(container_type_name(container.type)) +
              ")");
    append_container_facts(doc, container, ctx);
    if (diagnosis) {
        append_finding_head(doc, *diagnosis, true, ctx);
    } else {
        doc.block("**Cause:** no diagnosis was made for this container.");
    }
    const std::string timeline =
        container_timeline(pod, pod_rows, static_cast<std::uint32_t>(container_index), ctx);
    if (!timeline.empty()) {
        doc.block(timeline);
    }
    const TerminationList list = terminations_of(container);
    PrintedMessages printed;
    append_termination_table(doc, list, printed, ctx);
    append_last_words(doc, pod_index, container_index, printed, ctx);
    if (diagnosis) {
        append_evidence(doc, *diagnosis, ctx, &printed);
    }
    append_chains(doc, list, ctx);
    if (diagnosis) {
        append_finding_tail(doc, *diagnosis, ctx);
    }
}

void append_events(MdDoc& doc, const Pod& pod, const MdContext& ctx) {
    if (pod.events.empty()) {
        return;
    }
    doc.block("### Events of " + pod_title(pod, ctx));
    std::vector<const Event*> listed;
    std::vector<std::pair<std::string_view, long long>> routine;  // reason, how often, in first-seen order
    const Event* first_routine = nullptr;
    const Event* last_routine = nullptr;
    for (const Event& e : pod.events) {
        if (!is_routine_event(e) || !e.reason || (e.type && *e.type == "Warning")) {
            listed.push_back(&e);
            continue;
        }
        first_routine = first_routine ? first_routine : &e;
        last_routine = &e;
        const long long n = e.count.value_or(1);
        auto it = std::find_if(routine.begin(), routine.end(), [&](const auto& r) { return r.first == *e.reason; });
        if (it == routine.end()) {
            routine.emplace_back(*e.reason, n);
        } else {
            it->second += n;
        }
    }
    if (!listed.empty()) {
        const std::size_t skip = listed.size() > k_md_max_events ? listed.size() - k_md_max_events : 0;
        if (skip > 0) {
            doc.block("_" + std::to_string(skip) + " earlier events not shown (" + ctx.cite(listed.front()->at) + " to " +
                      ctx.cite(listed[skip - 1]->at) + "; all are in the JSON report)._");
        }
        std::string table = table_head({"Type", "Reason", "Age", "Count", "From", "Message", "Source"});
        for (std::size_t i = skip; i < listed.size(); ++i) {
            const Event& e = *listed[i];
            const std::string age = e.age ? cell(e.age, ctx) : time_text(e.last_seen, ctx);
            table += "\n" + table_row({cell(e.type, ctx), cell(e.reason, ctx), age, int_cell(e.count), cell(e.from, ctx),
                                       ctx.code(e.message, MdPlace::table_cell), ctx.cite(e.at, MdPlace::table_cell)});
        }
        doc.block(table);
    }
    if (!routine.empty()) {
        std::string line = "Routine events, counted: ";
        for (std::size_t i = 0; i < routine.size(); ++i) {
            line += (i > 0 ? ", " : "") + std::to_string(routine[i].second) + " " + ctx.code(routine[i].first);
        }
        line += " (" + ctx.cite(first_routine->at) + (last_routine != first_routine ? " to " + ctx.cite(last_routine->at) : std::string()) +
                ").";
        doc.block(line);
    }
}

}  // namespace

void append_finding_head(MdDoc& doc, const Finding& finding, bool with_cause_line, const MdContext& ctx) {
    if (with_cause_line) {
        std::string line = "**Cause:** " + cause_label(finding.cause, ctx.options()) + " (" + confidence_label(finding.confidence) + ")";
        if (!finding.summary.empty()) {
            line += " \u2014 " + ctx.prose(finding.summary);
        }
        doc.block(line);
    } else if (!finding.summary.empty()) {
        doc.block(ctx.prose(finding.summary));
    }
    if (finding.exit_code_explanation && !finding.exit_code_explanation->empty()) {
        doc.block(ctx.prose(*finding.exit_code_explanation));
    }
}

void append_evidence(MdDoc& doc, const Finding& finding, const MdContext& ctx, const PrintedMessages* printed) {
    if (finding.evidence.empty()) {
        return;
    }
    std::string out = "**Evidence**\n\n";
    std::size_t count = 0;
    for (const Quote& item : finding.evidence) {
        if (count == k_md_max_rows) {
            out += "- \u2026 " + std::to_string(finding.evidence.size() - count) +
                   " more lines (all are in the JSON report)\n";
            break;
        }
        const std::string* same = printed != nullptr ? printed->find(item.text) : nullptr;
        out += "- " + ctx.cite(item.at) + " \u2014 " + (same != nullptr ? "the " + *same : ctx.code(item.text)) + "\n";
        ++count;
    }
    doc.block(out);
}

void append_finding_tail(MdDoc& doc, const Finding& finding, const MdContext& ctx) {
    if (!finding.remediation.empty()) {
        std::string out = "**Remediation**\n\n";
        std::size_t count = 0;
        for (const Text step : finding.remediation) {
            if (count == k_md_max_rows) {
                out += "- \u2026 " + std::to_string(finding.remediation.size() - count) + " more\n";
                break;
            }
            out += "- " + ctx.prose(step) + "\n";
            ++count;
        }
        doc.block(out);
    }
    if (!finding.alternatives.empty()) {
        std::string out = "**Alternatives**\n\n";
        std::size_t count = 0;
        for (const Alternative& alt : finding.alternatives) {
            if (count == k_md_max_rows) {
                out += "- \u2026 " + std::to_string(finding.alternatives.size() - count) + " more\n";
                break;
            }
            out += "- " + cause_label(alt.cause, ctx.options()) + " (" + confidence_label(alt.confidence) + ")";
            if (!alt.summary.empty()) {
                out += ": " + ctx.prose(alt.summary);
            }
            out += "\n";
            ++count;
        }
        doc.block(out);
    }
}

void append_pod_section(MdDoc& doc, std::size_t index, MdContext& ctx) {
    const Pod& pod = ctx.incident().pods[index];
    doc.block("## Pod " + pod_title(pod, ctx));
    std::vector<std::string> facts;
    facts.push_back("**Node:** " + (pod.node ? ctx.code(*pod.node) : std::string(k_dash)));
    facts.push_back("**Status:** " + (pod.status ? ctx.code(*pod.status) : std::string(k_dash)));
    facts.push_back("**QoS:** " + (pod.qos_class ? ctx.code(*pod.qos_class) : std::string(k_dash)));
    if (pod.uid) {
        facts.push_back("**UID:** " + ctx.code(*pod.uid));
    }
    if (pod.reason) {
        facts.push_back("**Reason:** " + ctx.code(*pod.reason));
    }
    if (pod.message) {
        facts.push_back("**Message:** " + ctx.code(*pod.message));
    }
    facts.push_back("**Source:** " + ctx.cite(pod.at));
    doc.block(join(facts, k_sep));
    const std::vector<TimelineEntry> pod_rows = pod_timeline(ctx.incident(), index);  // once per pod
    if (const std::string diagram = pod_timeline_diagram(pod, pod_rows); !diagram.empty()) {
        doc.block(diagram);
    }
    for (std::size_t c = 0; c < pod.containers.size(); ++c) {
        append_container(doc, pod, pod_rows, index, c, pod.containers[c], ctx.diagnoses().of(index, c), ctx);
    }
    append_events(doc, pod, ctx);
}

}  // namespace pm
