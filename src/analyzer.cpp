#include "analyzer.hpp"

#include <functional>
#include <memory>

#include "correlate/merge_pods.hpp"
#include "correlate/runtime_errors.hpp"
#include "detect/input_kind.hpp"
#include "diagnose/diagnose.hpp"
#include "input/path_walk.hpp"
#include "oci/classify.hpp"
#include "oci/unwrap.hpp"
#include "parse/describe_parser.hpp"
#include "records/enrich.hpp"
#include "report/report_shape.hpp"

namespace pm {

namespace {

using Reader = std::function<void(const Grammar&, const SourceFile&, Report&)>;

constexpr size_t k_max_wrapped_lines = 64;  // a runtime message is capped at 4 KiB; 64 wrapped lines hold more

void read_describe(const Grammar&, const SourceFile& file, Report& report) {
    auto pods = parse_describe(file, report.warnings);
    for (auto& pod : pods) {
        report.pods.push_back(std::move(pod));
    }
}

// Every line that carries a runtime error becomes a RuntimeError (logs, journals, pastes).
size_t scan_runtime_errors(const Grammar& g, const SourceFile& file, Report& report) {
    size_t found = 0;
    for (size_t i = 0; i < file.lines.size(); ++i) {
        std::string_view line = file.lines[i];
        if (!looks_like_runtime_error(line)) {
            continue;
        }
        list_runtime_error(report, analyse_runtime_error(g, line, cite(file.path, static_cast<int>(i + 1))));
        ++found;
    }
    return found;
}

// A line that opens a message of its own (an outermost wrapper, a log stamp, a JSON record), not one
// that continues a wrapped message mid-chain (`unable to start container process: …`).
bool starts_new_error(std::string_view line) {
    static const RE2 opener(R"(^[\s>]*(?:[0-9{\[]|[EIWF][0-9]{4} |(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3][0-9] )"
                            R"(|Error|error:|failed to (?:create|start)|Failed to )"
                            R"(|OCI runtime|oci runtime|rpc error|time=|level=|docker:|container create failed|)"
                            R"(Container creation error|Warning|Normal))");
    return looks_like_runtime_error(line) && RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), opener);
}

// A pasted message may be wrapped over several lines: each error runs on until a blank line or
// the start of the next error.
template <typename OnListed>
void scan_pasted_errors(const Grammar& g, const SourceFile& file, Report& report, OnListed on_listed) {
    size_t i = 0;
    while (i < file.lines.size()) {
        if (!looks_like_runtime_error(file.lines[i])) {
            ++i;
            continue;
        }
        size_t end = i + 1;
        while (end < file.lines.size() && end - i < k_max_wrapped_lines &&
               file.lines[end].find_first_not_of(" \t>") != std::string_view::npos &&
               !starts_new_error(file.lines[end])) {
            ++end;
        }
        std::string message(file.lines[i]);
        for (size_t j = i + 1; j < end; ++j) {
            message += '\n';
            message += file.lines[j];
        }
        bool listed = false;
        list_runtime_error(report, analyse_runtime_error(g, message, cite(file.path, static_cast<int>(i + 1))), &listed);
        if (listed) {
            on_listed(report.runtime_errors.back());
        }
        i = end;
    }
}

// A pasted runtime error yields a pod/container entry whose names the paste does not know.
// A copy beyond the listing cap makes no entry of its own.
void read_oci_message(const Grammar& g, const SourceFile& file, Report& report) {
    scan_pasted_errors(g, file, report, [&](const RuntimeError& error) {
        Pod pod;
        pod.source = error.source;
        Container c;
        c.source = error.source;
        c.diagnosis = diagnose_lone_runtime_error(g, error);
        report.findings.push_back(*c.diagnosis);
        pod.containers.push_back(std::move(c));
        report.pods.push_back(std::move(pod));
    });
}

// Kinds a later version correlates fully; for now their runtime errors are still found.
void read_runtime_errors_only(const Grammar& g, const SourceFile& file, Report& report, const std::string& kind) {
    size_t found = scan_runtime_errors(g, file, report);
    report.warnings.push_back(
        {file.path, "read as " + kind + ": this version correlates only runtime errors from it (" +
                        std::to_string(found) + " found); its other evidence is not yet used"});
}

const Reader* reader_for(const std::string& kind) {
    static const std::map<std::string, Reader> readers = {
        {"describe", read_describe},
        {"oci-message", read_oci_message},
    };
    auto it = readers.find(kind);
    return it == readers.end() ? nullptr : &it->second;
}


}  // namespace

std::string read_input(const Grammar& g, const SourceFile& file, Report& report) {
    std::string kind = detect_input_kind(file);
    if (const Reader* reader = reader_for(kind)) {
        (*reader)(g, file, report);
    } else if (kind != "unknown") {
        read_runtime_errors_only(g, file, report, kind);
    }
    return kind;
}

void finish_report(const Grammar& g, Report& report) {
    name_signals(g, report);
    attach_runtime_errors(g, report);
    merge_pods(report);
    diagnose_report(g, report);
    warn_counted_runtime_errors(report);
}

RenderOptions render_options(const Grammar& g, bool redact) {
    RenderOptions opts;
    opts.redact = redact;
    for (const auto& [name, info] : g.causes) {
        opts.cause_titles[name] = info.title;
    }
    return opts;
}

AnalysisResult analyse_paths(const Grammar& g, const std::vector<std::string>& paths) {
    std::vector<Warning> warnings;
    std::vector<InputFile> inputs = expand_paths(paths, warnings);
    return analyse_inputs(g, inputs, std::move(warnings));
}

AnalysisResult analyse_inputs(const Grammar& g, const std::vector<InputFile>& inputs, std::vector<Warning> warnings) {
    AnalysisResult result;
    Report& report = result.report;
    report.warnings = std::move(warnings);
    for (const auto& input : inputs) {
        std::string bytes;
        std::string error;
        std::string note;
        if (!read_all_bytes(input, bytes, error, note)) {
            report.warnings.push_back({input.display_path, error});
            continue;
        }
        if (!note.empty()) {
            report.warnings.push_back({input.display_path, note});
        }
        auto file = std::make_unique<SourceFile>();
        load_source_text(*file, input.display_path, bytes, report.warnings);
        bytes.clear();
        bytes.shrink_to_fit();
        ++result.files_read;
        // A report podmortem wrote earlier (say with -o into the incident folder) is not evidence.
        if (is_podmortem_report(file->text)) {
            report.warnings.push_back({input.display_path, "a podmortem report, not evidence; skipped"});
            continue;
        }
        std::string kind = read_input(g, *file, report);
        if (kind == "unknown") {
            report.warnings.push_back({input.display_path,
                                       "not recognised as describe, events, a log or a runtime error; skipped "
                                       "(is it binary, or empty?)"});
        } else {
            ++result.files_recognised;
        }
        report.inputs.push_back({input.display_path, kind, file->encoding, static_cast<long long>(file->lines.size())});
    }
    finish_report(g, report);
    return result;
}

}  // namespace pm
