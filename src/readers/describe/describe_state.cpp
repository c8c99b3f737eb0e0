// Reading State / Last State blocks and building State and Termination records from them.
#include "readers/describe/describe_state.hpp"

#include "readers/describe/describe_values.hpp"
#include "base/exit_code.hpp"

namespace pm {

namespace {

constexpr std::string_view k_time_example = "`Mon, 02 Jan 2006 15:04:05 -0700`";
constexpr size_t k_max_cites = 32;  // a real block has at most six detail lines

void add_cite(StateDraft& draft, Quote evidence) {
    if (draft.cites.empty()) {
        draft.cites.reserve(8);  // one allocation for a whole block, not four as it grows
    }
    if (draft.cites.size() < k_max_cites) {
        draft.cites.push_back(evidence);
    }
}

void set_once(DescribeContext& ctx, OptText& slot, Text value, const PasteLine& line, std::string_view key) {
    if (slot) {
        ctx.warn(line, "a second `" + std::string(key) + ":` in one state block; the later one is kept");
    }
    slot = value;
}

void apply_int(DescribeContext& ctx, OptInt& slot, const PasteLine& line, const KeyValue& kv, std::string_view what) {
    LeadingInt parsed = parse_leading_int(kv.value);
    if (!parsed.value) {
        ctx.warn(line, "expected " + std::string(what) + " (an integer) after `" + std::string(kv.key) + ":`, got `" +
                           quote_for_warning(kv.value) + "`");
        return;
    }
    if (!parsed.rest.empty()) {
        ctx.warn(line, "ignored `" + quote_for_warning(parsed.rest) + "` after " + std::string(what) + " " +
                           std::to_string(*parsed.value));
    }
    if (slot) {
        ctx.warn(line, "a second `" + std::string(kv.key) + ":` in one state block; the later one is kept");
    }
    slot = parsed.value;
}

void apply_time(DescribeContext& ctx, StateDraft& draft, const PasteLine& line, const KeyValue& kv, bool started) {
    DescribeTime time = parse_describe_time(kv.value);
    if (!time.parsed) {
        ctx.warn(line, "expected a time like " + std::string(k_time_example) + " after `" + std::string(kv.key) +
                           ":`, got `" + quote_for_warning(kv.value) + "`");
        return;
    }
    if (time.had_note) {
        ctx.warn(line, "ignored the text after the time in `" + quote_for_warning(kv.value) + "`");
    }
    OptTime& slot = started ? draft.started : draft.finished;
    slot = time.parsed->time;
    if (started && time.parsed->sentinel == TimeSentinel::unix_epoch) {
        draft.never_started = true;  // CRI reported StartedAt=0: the process never ran
    }
}

struct ExitFigures {
    OptInt code;
    OptInt raw;
    OptInt signal;
};

ExitFigures exit_figures(const StateDraft& draft) {
    ExitFigures out;
    if (draft.printed_exit_code) {
        NormalisedExit exit = normalise_exit_code(*draft.printed_exit_code);
        out.code = exit.code;
        out.raw = exit.raw;
    }
    // kubectl prints Signal only when the runtime reported one (>0); CRI runtimes never do, so the
    // usual source is the 128+N convention.
    if (draft.printed_signal && *draft.printed_signal > 0) {
        out.signal = draft.printed_signal;
    } else if (out.code) {
        if (auto signal = signal_from_exit_code(*out.code)) {
            out.signal = *signal;
        }
    }
    return out;
}

Termination termination_of(const StateDraft& draft) {
    Termination t;
    t.reason = draft.reason;
    t.message = draft.message;
    t.started = draft.started;
    t.finished = draft.finished;
    t.at = draft.at;
    t.message_at = draft.message_at;
    t.cites = draft.cites;
    t.never_started = draft.never_started;
    const ExitFigures exit = exit_figures(draft);
    t.exit_code = exit.code;
    t.raw_exit_code = exit.raw;
    t.signal = exit.signal;
    return t;
}

State state_of(const StateDraft& draft) {
    State state;
    state.status = draft.status;
    state.reason = draft.reason;
    state.message = draft.message;
    state.started = draft.started;
    state.finished = draft.finished;
    state.at = draft.at;
    state.message_at = draft.message_at;
    state.cites = draft.cites;
    if (draft.printed_exit_code || draft.status == StateStatus::terminated) {
        const ExitFigures exit = exit_figures(draft);
        state.exit_code = exit.code;
        state.signal = exit.signal;
    }
    return state;
}

// Reasons are one CamelCase word (formats.md §5.1), except CRI-O's `seccomp killed`: text after
// the word is a note someone typed (`OOMKilled   <- again!`), dropped with a warning.
Text reason_without_note(DescribeContext& ctx, const PasteLine& line, std::string_view value) {
    if (value == "seccomp killed") {
        return value;
    }
    std::string_view word = value.substr(0, value.find_first_of(" \t"));
    if (word.size() < value.size()) {
        ctx.warn(line, "ignored `" + quote_for_warning(trim_view(value.substr(word.size()))) + "` after the reason `" +
                           std::string(word) + "`");
    }
    return word;
}

}  // namespace

StateDraft open_state_draft(DescribeContext& ctx, const PasteLine& line, std::string_view value) {
    StateDraft draft;
    draft.at = ctx.where(line);
    std::string_view word = value.substr(0, value.find_first_of(" \t"));
    draft.status = state_status_from_describe(word);
    if (draft.status == StateStatus::unknown) {
        ctx.warn(line, "expected `Running`, `Waiting` or `Terminated` as the state, got `" + quote_for_warning(value) +
                           "`");
    } else if (word.size() < value.size()) {
        ctx.warn(line, "ignored `" + quote_for_warning(trim_view(value.substr(word.size()))) + "` after the state `" +
                           std::string(word) + "`");
    }
    return draft;
}

void apply_state_detail(DescribeContext& ctx, StateDraft& draft, const PasteLine& line, const KeyValue& kv,
                        DescribeKey id) {
    switch (id) {
    case DescribeKey::reason:
        if (kv.value.empty()) {
            ctx.warn(line, "expected a reason after `Reason:`");
            return;
        }
        set_once(ctx, draft.reason, reason_without_note(ctx, line, kv.value), line, kv.key);
        break;
    case DescribeKey::exit_code:
        apply_int(ctx, draft.printed_exit_code, line, kv, "an exit code");
        break;
    case DescribeKey::signal:
        apply_int(ctx, draft.printed_signal, line, kv, "a signal number");
        break;
    case DescribeKey::started:
        apply_time(ctx, draft, line, kv, true);
        break;
    case DescribeKey::finished:
        apply_time(ctx, draft, line, kv, false);
        break;
    default:
        return;
    }
    add_cite(draft, ctx.evidence(line));
}

void set_state_message(DescribeContext& ctx, StateDraft& draft, const PasteLine& first_line, Text message) {
    set_once(ctx, draft.message, message, first_line, "Message");
    draft.message_at = ctx.where(first_line);
    add_cite(draft, ctx.evidence(first_line));
}

void finish_states(DescribeContext& ctx, ContainerDraft& draft) {
    Container& c = draft.container;
    if (draft.current) {
        c.state = state_of(*draft.current);
    }
    if (draft.last) {
        if (draft.last->status == StateStatus::terminated) {
            c.last_termination = static_cast<std::uint32_t>(c.terminations.size());
            c.terminations.push_back(termination_of(*draft.last));
        } else {
            ctx.warn_at(draft.last->at, "`Last State:` is `" + std::string(state_status_name(draft.last->status)) +
                                            "`; kubectl prints it only for a terminated container, so it is ignored");
        }
    }
    for (const StateDraft* d : {draft.last ? &*draft.last : nullptr, draft.current ? &*draft.current : nullptr}) {
        if (d != nullptr && d->status == StateStatus::terminated && !d->printed_exit_code) {
            ctx.warn_at(d->at, "a terminated state without an `Exit Code:` line (the paste may be cut short)");
        }
    }
    // Oldest first: the Last State ended before the current state began.
    if (draft.current && draft.current->status == StateStatus::terminated) {
        c.state.termination = static_cast<std::uint32_t>(c.terminations.size());
        c.terminations.push_back(termination_of(*draft.current));
    }
}

}  // namespace pm
