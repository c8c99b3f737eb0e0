// Reading State / Last State blocks and building State and Termination records from them.
#include "parse/describe_state.hpp"

#include "parse/describe_values.hpp"
#include "records/exit_code.hpp"

namespace pm {

namespace {

constexpr std::string_view k_time_example = "`Mon, 02 Jan 2006 15:04:05 -0700`";
constexpr size_t k_max_cites = 32;  // a real block has at most six detail lines

void add_cite(StateDraft& draft, Evidence evidence) {
    if (draft.cites.size() < k_max_cites) {
        draft.cites.push_back(std::move(evidence));
    }
}

std::string status_of(std::string_view word) {
    if (word == "Running") {
        return "running";
    }
    if (word == "Waiting") {
        return "waiting";
    }
    if (word == "Terminated") {
        return "terminated";
    }
    return "unknown";
}

void set_once(DescribeContext& ctx, OptStr& slot, std::string value, const PasteLine& line, std::string_view key) {
    if (slot) {
        ctx.warn(line, "a second `" + std::string(key) + ":` in one state block; the later one is kept");
    }
    slot = std::move(value);
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
    OptStr& slot = started ? draft.started : draft.finished;
    slot = time.parsed->rfc3339;
    if (started && time.parsed->sentinel == TimeSentinel::unix_epoch) {
        draft.never_started = true;  // CRI reported StartedAt=0: the process never ran
    }
}

Termination termination_of(const StateDraft& draft) {
    Termination t;
    t.reason = draft.reason;
    t.message = draft.message;
    t.started = draft.started;
    t.finished = draft.finished;
    t.source = draft.source;
    t.cites = draft.cites;
    t.never_started = draft.never_started;
    if (draft.printed_exit_code) {
        NormalisedExit exit = normalise_exit_code(*draft.printed_exit_code);
        t.exit_code = exit.code;
        t.raw_exit_code = exit.raw;
    }
    // kubectl prints Signal only when the runtime reported one (>0); CRI runtimes never do, so the
    // usual source is the 128+N convention.
    if (draft.printed_signal && *draft.printed_signal > 0) {
        t.signal = draft.printed_signal;
    } else if (t.exit_code) {
        if (auto signal = signal_from_exit_code(*t.exit_code)) {
            t.signal = *signal;
        }
    }
    return t;
}

State state_of(const StateDraft& draft) {
    State state;
    state.status = draft.status;
    state.reason = draft.reason;
    state.message = draft.message;
    state.started = draft.started;
    state.finished = draft.finished;
    state.source = draft.source;
    state.cites = draft.cites;
    if (draft.printed_exit_code || draft.status == "terminated") {
        Termination t = termination_of(draft);
        state.exit_code = t.exit_code;
        state.signal = t.signal;
        if (draft.status == "terminated") {
            state.as_termination = std::move(t);
        }
    }
    return state;
}

// Reasons are one CamelCase word (formats.md §5.1), except CRI-O's `seccomp killed`: text after
// the word is a note someone typed (`OOMKilled   <- again!`), dropped with a warning.
std::string reason_without_note(DescribeContext& ctx, const PasteLine& line, std::string_view value) {
    if (value == "seccomp killed") {
        return std::string(value);
    }
    std::string_view word = value.substr(0, value.find_first_of(" \t"));
    if (word.size() < value.size()) {
        ctx.warn(line, "ignored `" + quote_for_warning(trim_view(value.substr(word.size()))) + "` after the reason `" +
                           std::string(word) + "`");
    }
    return std::string(word);
}

}  // namespace

StateDraft open_state_draft(DescribeContext& ctx, const PasteLine& line, std::string_view value) {
    StateDraft draft;
    draft.source = ctx.where(line);
    std::string_view word = value.substr(0, value.find_first_of(" \t"));
    draft.status = status_of(word);
    if (draft.status == "unknown") {
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

void set_state_message(DescribeContext& ctx, StateDraft& draft, const PasteLine& first_line, std::string message) {
    set_once(ctx, draft.message, std::move(message), first_line, "Message");
    add_cite(draft, ctx.evidence(first_line));
}

void finish_states(DescribeContext& ctx, ContainerDraft& draft) {
    Container& c = draft.container;
    if (draft.current) {
        c.state = state_of(*draft.current);
    }
    if (draft.last) {
        if (draft.last->status == "terminated") {
            c.last_termination = termination_of(*draft.last);
        } else {
            ctx.warn_at(draft.last->source, "`Last State:` is `" + draft.last->status +
                                                "`; kubectl prints it only for a terminated container, so it is ignored");
        }
    }
    for (const StateDraft* d : {draft.last ? &*draft.last : nullptr, draft.current ? &*draft.current : nullptr}) {
        if (d != nullptr && d->status == "terminated" && !d->printed_exit_code) {
            ctx.warn_at(d->source, "a terminated state without an `Exit Code:` line (the paste may be cut short)");
        }
    }
    if (c.last_termination) {
        c.terminations.push_back(*c.last_termination);
    }
    if (c.state.as_termination) {
        c.terminations.push_back(*c.state.as_termination);
    }
}

}  // namespace pm
