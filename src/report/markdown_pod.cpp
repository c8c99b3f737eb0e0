// The Markdown sections for one pod: header line, each container, and the pod's events.
#include "report/markdown_parts.hpp"

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

void append_termination_table(MdDoc& doc, const TerminationList& list, const MdContext& ctx) {
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
    // Messages are multi-line (panics, stack traces): fenced blocks, a repeat said in words.
    std::optional<Text> previous;
    for (std::size_t i = list.skip; i < list.items.size(); ++i) {
        const Termination& t = *list.items[i];
        if (!t.message || t.message->empty()) {
            continue;
        }
        const std::string number = std::to_string(i + 1);
        if (previous && *previous == *t.message) {
            doc.block("**Termination " + number + " message:** same as the one above.");
        } else {
            doc.block("**Termination " + number + " message** (" + ctx.cite(t.at) + "):");
            doc.block(ctx.fenced(*t.message));
        }
        previous = *t.message;
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

void append_environment(MdDoc& doc, const Container& container, const MdContext& ctx) {
    if (container.environment.empty()) {
        return;
    }
    std::string out = "**Environment**\n\n";
    std::size_t count = 0;
    for (const auto& [name, value] : container.environment) {
        if (count == k_md_max_rows) {
            out += "- \u2026 " + std::to_string(container.environment.size() - count) + " more\n";
            break;
        }
        out += "- " + ctx.code(name) + " = " + ctx.env_value(name, value) + "\n";
        ++count;
    }
    doc.block(out);
}

void append_container(MdDoc& doc, const Container& container, const Finding* diagnosis, MdContext& ctx) {
    doc.block("### Container " + container_title(container, ctx) + " (" + ctx.prose(container_type_name(container.type)) +
              ")");
    append_container_facts(doc, container, ctx);
    if (diagnosis) {
        append_finding_head(doc, *diagnosis, true, ctx);
    } else if (has_terminated(container)) {
        doc.block("**Cause:** no diagnosis was made for this container.");
    } else {
        doc.block("**Cause:** none; the container did not terminate.");
    }
    const TerminationList list = terminations_of(container);
    append_termination_table(doc, list, ctx);
    if (diagnosis) {
        append_evidence(doc, *diagnosis, ctx);
    }
    append_chains(doc, list, ctx);
    if (diagnosis) {
        append_finding_tail(doc, *diagnosis, ctx);
    }
    append_environment(doc, container, ctx);
}

void append_events(MdDoc& doc, const Pod& pod, const MdContext& ctx) {
    if (pod.events.empty()) {
        return;
    }
    doc.block("### Events of " + pod_title(pod, ctx));
    const auto& events = pod.events;
    const std::size_t skip = events.size() > k_md_max_events ? events.size() - k_md_max_events : 0;
    if (skip > 0) {
        doc.block("_" + std::to_string(skip) + " earlier events not shown (" + ctx.cite(events.front().at) + " to " +
                  ctx.cite(events[skip - 1].at) + "; all are in the JSON report)._");
    }
    std::string table = table_head({"Type", "Reason", "Age", "Count", "From", "Message", "Source"});
    for (std::size_t i = skip; i < events.size(); ++i) {
        const Event& e = events[i];
        const std::string age = e.age ? cell(e.age, ctx) : time_text(e.last_seen, ctx);
        table += "\n" + table_row({cell(e.type, ctx), cell(e.reason, ctx), age, int_cell(e.count), cell(e.from, ctx),
                                   ctx.code(e.message, MdPlace::table_cell), ctx.cite(e.at, MdPlace::table_cell)});
    }
    doc.block(table);
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

void append_evidence(MdDoc& doc, const Finding& finding, const MdContext& ctx) {
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
        out += "- " + ctx.cite(item.at) + " \u2014 " + ctx.code(item.text) + "\n";
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
    for (std::size_t c = 0; c < pod.containers.size(); ++c) {
        append_container(doc, pod.containers[c], ctx.diagnoses().of(index, c), ctx);
    }
    append_events(doc, pod, ctx);
}

}  // namespace pm
