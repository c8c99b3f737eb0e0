#include "cli/commands.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <memory>

#include "base/keep_until_exit.hpp"
#include "base/parallel.hpp"
#include "base/stage_clock.hpp"
#include "base/text_safety.hpp"
#include "cli/atomic_write.hpp"
#include "diagnose/finding_text.hpp"
#include "grammar/grammar_loader.hpp"
#include "grammar/rule_checks.hpp"
#include "input/path_walk.hpp"
#include "oci/classify.hpp"
#include "pipeline/analyzer.hpp"
#include "pipeline/grammar_examples.hpp"
#include "report/json_writer.hpp"
#include "report/markdown_writer.hpp"
#include "report/redact.hpp"

namespace pm {

namespace {

// --log CONTAINER=PATH: the file is that container's log; named again among the paths, it is not read twice.
void add_named_logs(const std::vector<std::pair<std::string, std::string>>& logs, std::vector<InputSource>& inputs,
                    std::vector<Diagnostic>& warnings) {
    for (const auto& [container, path] : logs) {
        for (InputSource& found : expand_paths({path}, warnings)) {
            found.log_container = container;
            const auto found_id = file_identity(found);
            const auto same = std::find_if(inputs.begin(), inputs.end(), [&](const InputSource& in) {
                return in.origin == InputOrigin::file && found.origin == InputOrigin::file && found_id.second != 0 &&
                       file_identity(in) == found_id;
            });
            if (same != inputs.end()) {
                same->log_container = container;
            } else {
                inputs.push_back(std::move(found));
            }
        }
    }
}

constexpr int k_exit_ok = 0;
constexpr int k_exit_usage = 1;
constexpr int k_exit_grammar = 2;

// The report written to a stream (standard output), piece by piece.
class StreamSink : public OutputSink {
public:
    explicit StreamSink(std::ostream& out) : m_out(out) {}
    void write(std::string_view data) override { m_out.write(data.data(), static_cast<std::streamsize>(data.size())); }
    bool ok() const override { return static_cast<bool>(m_out); }

private:
    std::ostream& m_out;
};

// Loads the grammar the run uses; prints every problem and returns null when there is any. The
// built-in grammar is trusted (its tests validate it): its patterns compile on first use and its
// examples are not re-run. A user's grammar (--grammars), or --check-grammars, is validated whole.
std::shared_ptr<const Grammar> load_for_run(const Options& o, bool validate, std::ostream& err) {
    std::vector<GrammarProblem> problems;
    validate = validate || o.grammar_dir.has_value();
    auto sources = o.grammar_dir ? grammar_sources_from_dir(*o.grammar_dir, problems) : builtin_grammar_sources();
    auto grammar = load_grammar(sources, problems, LoadOptions{validate});
    if (problems.empty() && validate) {
        check_grammar_examples(*grammar, problems);
        check_complete(*grammar, o.grammar_dir.value_or("grammars"), problems);
    }
    for (const auto& p : problems) {
        err << escape_for_terminal(p.source) << ": " << escape_for_terminal(p.message) << "\n";
    }
    if (!problems.empty()) {
        err << "podmortem: " << problems.size() << " grammar problem" << (problems.size() == 1 ? "" : "s")
            << "; fix them, or run without --grammars to use the built-in rules\n";
        return nullptr;
    }
    return grammar;
}

// The matched rule's own steps first, then the cause's; a message has no pod, so its names are the
// words to replace (`kubectl delete pod POD -n NAMESPACE`).
std::vector<std::string> runtime_remediation(const Grammar& g, const RuntimeError& e) {
    std::vector<std::string> steps;
    if (const RuntimeRule* rule = g.runtime_rule(e.rule)) {
        for (const std::string& step : rule->remediation) {
            steps.push_back(with_names(step, nullptr, nullptr));
        }
    }
    if (const CauseInfo* info = g.cause(e.cause)) {
        for (const std::string& step : info->remediation) {
            steps.push_back(with_names(step, nullptr, nullptr));
        }
    }
    return steps;
}

// The input the output would destroy, if any: a walked file or redirected stdin that is the very
// file -o names (compared by device and inode, so links and relative paths cannot hide it).
const InputSource* input_at_output(const OutputPlan& plan, const std::vector<InputSource>& inputs) {
    if (!plan.exists || plan.in_place) {
        return nullptr;
    }
    for (const InputSource& input : inputs) {
        auto [device, inode] = file_identity(input);
        struct stat st {};
        if (input.origin == InputOrigin::standard_input && ::fstat(STDIN_FILENO, &st) == 0) {
            device = st.st_dev;
            inode = st.st_ino;
        }
        if (device == plan.device && inode == plan.inode) {
            return &input;
        }
    }
    return nullptr;
}

// A report of hundreds of MB through a 64 KiB pipe wakes its reader once per 64 KiB; 1 MiB (the
// unprivileged maximum) cuts the wake-ups and copies sixteen-fold. A failure changes nothing.
void widen_output_pipe() {
#ifdef F_SETPIPE_SZ
    struct stat st {};
    if (::fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode)) {
        ::fcntl(STDOUT_FILENO, F_SETPIPE_SZ, 1 << 20);
    }
#endif
}

void render(const Options& o, const Analysis& analysis, const RenderOptions& render, OutputSink& sink) {
    StageClock clock;
    if (o.format == "json") {
        render_json(analysis.incident, analysis.diagnoses, render, sink);
    } else {
        render_markdown(analysis.incident, analysis.diagnoses, render, sink);
    }
    clock.lap("render");
}

}  // namespace

int run_check_grammars(const Options& o, std::ostream& out, std::ostream& err) {
    auto grammar = load_for_run(o, true, err);
    if (!grammar) {
        return k_exit_grammar;
    }
    out << "grammars OK: " << grammar->signals.size() << " signals, " << grammar->exits.size() << " exit-code rules, "
        << grammar->ntstatus.size() << " NTSTATUS codes, " << grammar->reasons.size() << " reasons, "
        << grammar->causes.size() << " causes, " << grammar->runtime_rules.size() << " runtime-error rules, "
        << grammar->event_rules.size() << " event rules, " << grammar->clue_rules.size()
        << " spec clues, " << grammar->crash_rules.size() << " crash signatures, " << grammar->kernel_rules.size()
        << " kernel rules; every example matched its rule\n";
    return k_exit_ok;
}

int run_analyse(const Options& o, std::ostream& out, std::ostream& err) {
    auto grammar = load_for_run(o, false, err);
    if (!grammar) {
        return k_exit_grammar;
    }
    std::optional<OutputPlan> plan;
    if (o.output) {
        std::string error;
        plan = plan_output(*o.output, o.force, error);
        if (!plan) {
            err << "podmortem: " << escape_for_terminal(error) << "\n";
            return k_exit_usage;
        }
    }
    std::vector<Diagnostic> walk_warnings;
    StageClock walk_clock;
    std::vector<InputSource> inputs = expand_paths(o.paths, walk_warnings);
    add_named_logs(o.logs, inputs, walk_warnings);
    walk_clock.lap("walk");
    const std::size_t operand_problems = walk_warnings.size();
    if (plan) {
        if (const InputSource* input = input_at_output(*plan, inputs)) {
            err << "podmortem: the output " << escape_for_terminal(*o.output) << " is also an input ("
                << escape_for_terminal(input->display_path) << "); podmortem never overwrites its inputs - choose "
                << "another -o FILE\n";
            return k_exit_usage;
        }
    }
    // Held until the process exits: freeing a large incident piece by piece costs a tenth of a run.
    Analysis& analysis = *keep_until_exit(std::make_unique<Analysis>(
        analyse_inputs(*grammar, inputs, std::move(walk_warnings), ReaderRegistry::builtin(), o.jobs)));
    if (analysis.files_recognised == 0) {
        for (const auto& w : analysis.incident.diagnostics) {
            const std::string where = diagnostic_where(w);
            err << (where.empty() ? std::string("podmortem") : escape_for_terminal(where)) << ": "
                << escape_for_terminal(w.message) << "\n";
        }
        err << "podmortem: nothing readable in the inputs (" << analysis.files_read
            << " file(s) read, none recognised); give it kubectl describe output or a runtime error message\n";
        return k_exit_usage;
    }
    // A path that was mistyped or could not be walked is said where the user looks, not only in the
    // report's Warnings: the report is written without it.
    for (std::size_t i = 0; i < operand_problems && i < analysis.incident.diagnostics.size(); ++i) {
        const Diagnostic& w = analysis.incident.diagnostics[i];
        err << "podmortem: " << escape_for_terminal(diagnostic_where(w)) << ": " << escape_for_terminal(w.message)
            << " (not read; the report is written without it)\n";
    }
    RenderOptions options = render_options(*grammar, o.redact);
    options.pretty_json = o.pretty;
    options.jobs = o.jobs;
    if (!plan) {
        widen_output_pipe();
        StreamSink sink(out);
        render(o, analysis, options, sink);
        out.flush();
        return out ? k_exit_ok : k_exit_usage;  // main() reports a failed standard output
    }
    OutputFile file(*o.output, *plan);
    std::string error;
    if (!file.open(error)) {
        err << "podmortem: " << escape_for_terminal(error) << "\n";
        return k_exit_usage;
    }
    render(o, analysis, options, file);
    if (!file.commit(error)) {
        err << "podmortem: " << escape_for_terminal(error) << "\n";
        return k_exit_usage;
    }
    return k_exit_ok;
}

int run_explain_error(const Options& o, std::istream& in, std::ostream& out, std::ostream& err) {
    auto grammar = load_for_run(o, false, err);
    if (!grammar) {
        return k_exit_grammar;
    }
    std::string message = o.message ? *o.message : std::string(std::istreambuf_iterator<char>(in), {});
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
        message.pop_back();
    }
    if (message.empty()) {
        err << "podmortem: explain-error needs a message: pass it quoted, or pipe it on standard input\n";
        return k_exit_usage;
    }
    Incident incident;
    InputRecord input;
    input.path = o.message ? "argument" : "-";
    const InputId id = incident.add_input(std::move(input));
    const Text kept = incident.keep(message);
    RuntimeError e = analyse_runtime_error(*grammar, kept, {id, 0}, incident);
    std::vector<std::string> steps = runtime_remediation(*grammar, e);
    if (o.format == "json") {
        RenderOptions options = render_options(*grammar, o.redact);
        options.pretty_json = o.pretty;
        out << render_runtime_error_json(incident, e, steps, options);
        return k_exit_ok;
    }
    // Untrusted text reaches a terminal here: redacted as in the reports, then every control
    // character and invisible mark escaped.
    auto shown = [&](std::string_view text) {
        return escape_for_terminal(o.redact ? redact_secrets(text) : std::string(text));
    };
    out << "Chain (outermost first):\n";
    std::string indent = "  ";
    for (const auto& layer : e.chain) {
        out << indent << "- " << shown(layer) << "\n";
        indent += "  ";
    }
    if (e.chain.empty()) {
        out << "  (no nested runtime error found; the message is taken whole)\n";
    }
    if (e.truncated) {
        out << "The message looks truncated: quotes were left open or the text was cut.\n";
    }
    const CauseInfo* info = grammar->cause(e.cause);
    out << "Innermost cause: " << shown(e.innermost) << "\n"
        << "In plain words: " << e.explanation << "\n"
        << "Cause: " << e.cause << (info != nullptr ? " (" + info->title + ")" : "") << "\n";
    if (!steps.empty()) {
        out << "What to do:\n";
        for (const auto& step : steps) {
            out << "  - " << step << "\n";
        }
    }
    return k_exit_ok;
}

}  // namespace pm
