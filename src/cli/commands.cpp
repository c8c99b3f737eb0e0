#include "cli/commands.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <iostream>
#include <iterator>
#include <memory>

#include "analyzer.hpp"
#include "cli/atomic_write.hpp"
#include "grammar/grammar_loader.hpp"
#include "grammar/rule_checks.hpp"
#include "oci/classify.hpp"
#include "report/json_text.hpp"
#include "report/json_writer.hpp"
#include "report/redact.hpp"
#include "report/markdown_writer.hpp"
#include "report/text_safety.hpp"

namespace pm {

namespace {

constexpr int k_exit_ok = 0;
constexpr int k_exit_usage = 1;
constexpr int k_exit_grammar = 2;

// Loads the grammar the run uses; prints every problem and returns null when there is any.
std::shared_ptr<const Grammar> load_for_run(const Options& o, std::ostream& err) {
    std::vector<GrammarProblem> problems;
    auto sources = o.grammar_dir ? grammar_sources_from_dir(*o.grammar_dir, problems) : builtin_grammar_sources();
    auto grammar = load_grammar(sources, problems);
    if (problems.empty()) {
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

// The matched rule's own steps first, then the cause's.
std::vector<std::string> runtime_remediation(const Grammar& g, const RuntimeError& e) {
    std::vector<std::string> steps;
    for (const auto& rule : g.runtime_rules) {
        if (rule.id == e.rule) {
            steps = rule.remediation;
        }
    }
    if (const CauseInfo* info = g.cause(e.cause)) {
        steps.insert(steps.end(), info->remediation.begin(), info->remediation.end());
    }
    return steps;
}

// explain-error --format json: the contract's RuntimeError object, plus the steps to take.
std::string explain_error_json(const RuntimeError& e, const std::vector<std::string>& steps, bool redact) {
    auto text = [&](std::string_view value) { return redact ? redact_secrets(value) : std::string(value); };
    JsonText json;
    json.begin_object();
    json.key("source");
    json.string_value(e.source);
    json.key("message");
    json.string_value(text(e.message));
    json.key("chain");
    json.begin_array();
    for (const auto& layer : e.chain) {
        json.string_value(text(layer));
    }
    json.end_array();
    json.key("innermost");
    json.string_value(text(e.innermost));
    json.key("cause");
    json.string_value(e.cause);
    json.key("explanation");
    json.string_value(e.explanation);
    json.key("rule");
    json.opt_string_value(e.rule.empty() ? std::nullopt : std::optional<std::string>(e.rule));
    json.key("truncated");
    json.bool_value(e.truncated);
    json.key("remediation");
    json.begin_array();
    for (const auto& step : steps) {
        json.string_value(step);
    }
    json.end_array();
    json.end_object();
    return json.finish();
}

// The input the output would destroy, if any: a walked file or redirected stdin that is the very
// file -o names (compared by device and inode, so links and relative paths cannot hide it).
const InputFile* input_at_output(const OutputPlan& plan, const std::vector<InputFile>& inputs) {
    if (!plan.exists || plan.in_place) {
        return nullptr;
    }
    for (const InputFile& input : inputs) {
        dev_t device = input.device;
        ino_t inode = input.inode;
        struct stat st {};
        if (input.fs_path == "-" && ::fstat(STDIN_FILENO, &st) == 0) {
            device = st.st_dev;
            inode = st.st_ino;
        }
        if (device == plan.device && inode == plan.inode) {
            return &input;
        }
    }
    return nullptr;
}

}  // namespace

int run_check_grammars(const Options& o, std::ostream& out, std::ostream& err) {
    auto grammar = load_for_run(o, err);
    if (!grammar) {
        return k_exit_grammar;
    }
    out << "grammars OK: " << grammar->signals.size() << " signals, " << grammar->exits.size() << " exit-code rules, "
        << grammar->ntstatus.size() << " NTSTATUS codes, " << grammar->reasons.size() << " reasons, "
        << grammar->causes.size() << " causes, " << grammar->runtime_rules.size() << " runtime-error rules, "
        << grammar->event_rules.size() << " event rules; every example matched its rule\n";
    return k_exit_ok;
}

int run_analyse(const Options& o, std::ostream& out, std::ostream& err) {
    auto grammar = load_for_run(o, err);
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
    std::vector<Warning> walk_warnings;
    std::vector<InputFile> inputs = expand_paths(o.paths, walk_warnings);
    if (plan) {
        if (const InputFile* input = input_at_output(*plan, inputs)) {
            err << "podmortem: the output " << escape_for_terminal(*o.output) << " is also an input ("
                << escape_for_terminal(input->display_path) << "); podmortem never overwrites its inputs - choose "
                << "another -o FILE\n";
            return k_exit_usage;
        }
    }
    AnalysisResult result = analyse_inputs(*grammar, inputs, std::move(walk_warnings));
    if (result.files_recognised == 0) {
        for (const auto& w : result.report.warnings) {
            err << escape_for_terminal(w.source) << ": " << escape_for_terminal(w.message) << "\n";
        }
        err << "podmortem: nothing readable in the inputs (" << result.files_read
            << " file(s) read, none recognised); give it kubectl describe output or a runtime error message\n";
        return k_exit_usage;
    }
    RenderOptions render = render_options(*grammar, o.redact);
    std::string text = o.format == "json" ? render_json(result.report, render) : render_markdown(result.report, render);
    if (!plan) {
        out << text;
        out.flush();
        return out ? k_exit_ok : k_exit_usage;  // main() reports a failed standard output
    }
    std::string error;
    if (!write_output(*o.output, *plan, text, error)) {
        err << "podmortem: " << escape_for_terminal(error) << "\n";
        return k_exit_usage;
    }
    return k_exit_ok;
}

int run_explain_error(const Options& o, std::istream& in, std::ostream& out, std::ostream& err) {
    auto grammar = load_for_run(o, err);
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
    RuntimeError e = analyse_runtime_error(*grammar, message, o.message ? "argument" : "-");
    std::vector<std::string> steps = runtime_remediation(*grammar, e);
    if (o.format == "json") {
        out << explain_error_json(e, steps, o.redact);
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
