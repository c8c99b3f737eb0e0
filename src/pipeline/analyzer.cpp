#include "pipeline/analyzer.hpp"

#include "correlate/correlate.hpp"
#include "correlate/runtime_errors.hpp"
#include "diagnose/diagnose.hpp"
#include "input/path_walk.hpp"
#include "regions/splitter.hpp"
#include "report/report_shape.hpp"

namespace pm {

namespace {

// The kind of the region with the most lines (the first on a tie): what the input mostly is.
std::string_view main_kind(const std::vector<RegionRecord>& regions) {
    std::string_view kind = "unknown";
    std::uint32_t most = 0;
    for (const auto& region : regions) {
        const std::uint32_t lines = region.last_line - region.first_line + 1;
        if (lines > most) {
            most = lines;
            kind = region.kind;
        }
    }
    return kind;
}

}  // namespace

std::string_view read_source(const Grammar& g, std::unique_ptr<SourceText> text, Analysis& analysis,
                             const ReaderRegistry& readers) {
    Incident& incident = analysis.incident;
    const SourceText& source = incident.keep_source(std::move(text));
    const RegionSplit split = split_regions(source.lines, source.path, readers.profiles());
    InputRecord record;
    record.path = source.path;
    record.encoding = source.encoding;
    record.lines = source.lines.size();
    for (const Region& region : split.regions) {
        const ReaderSpec& reader = readers.readers()[region.kind];
        record.regions.push_back({reader.kind, reader.name, static_cast<std::uint32_t>(region.first + 1),
                                  static_cast<std::uint32_t>(region.last + 1)});
    }
    record.kind = main_kind(record.regions);
    const InputId id = incident.add_input(std::move(record));
    for (const Region& region : split.regions) {
        const ReaderSpec& reader = readers.readers()[region.kind];
        ReadContext context{g, source, id, region, incident, reader.kind, split.regions.size() == 1};
        reader.read(context);
    }
    return incident.inputs[id].kind;
}

void finish_analysis(const Grammar& g, Analysis& analysis) {
    correlate(g, analysis.incident);
    analysis.diagnoses = diagnose(g, analysis.incident);
    warn_counted_runtime_errors(analysis.incident);
}

RenderOptions render_options(const Grammar& g, bool redact) {
    RenderOptions opts;
    opts.redact = redact;
    for (const auto& [name, info] : g.causes) {
        opts.cause_titles[name] = info.title;
    }
    return opts;
}

Analysis analyse_paths(const Grammar& g, const std::vector<std::string>& paths, const ReaderRegistry& readers) {
    std::vector<Diagnostic> diagnostics;
    std::vector<InputSource> inputs = expand_paths(paths, diagnostics);
    return analyse_inputs(g, inputs, std::move(diagnostics), readers);
}

Analysis analyse_inputs(const Grammar& g, const std::vector<InputSource>& inputs, std::vector<Diagnostic> diagnostics,
                        const ReaderRegistry& readers) {
    Analysis analysis;
    Incident& incident = analysis.incident;
    incident.diagnostics = std::move(diagnostics);
    for (const auto& input : inputs) {
        std::string bytes;
        std::string error;
        std::string note;
        if (!read_input_bytes(input, bytes, error, note)) {
            incident.warn_file(input.display_path, 0, error);
            continue;
        }
        if (!note.empty()) {
            incident.warn_file(input.display_path, 0, note);
        }
        auto text = std::make_unique<SourceText>();
        load_source_text(*text, input.display_path, bytes, incident.diagnostics);
        bytes.clear();
        bytes.shrink_to_fit();
        ++analysis.files_read;
        // A report podmortem wrote earlier (say with -o into the incident folder) is not evidence.
        if (is_podmortem_report(text->text)) {
            incident.warn_file(input.display_path, 0, "a podmortem report, not evidence; skipped");
            continue;
        }
        const std::string path = input.display_path;
        if (read_source(g, std::move(text), analysis, readers) == "unknown") {
            incident.warn_file(path, 0,
                               "not recognised as describe, events, a log or a runtime error; skipped (is it binary, "
                               "or empty?)");
        } else {
            ++analysis.files_recognised;
        }
    }
    finish_analysis(g, analysis);
    return analysis;
}

}  // namespace pm
