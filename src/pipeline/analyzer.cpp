#include "pipeline/analyzer.hpp"

#include <cstdio>
#include <cstdlib>

#include "correlate/correlate.hpp"
#include "correlate/runtime_errors.hpp"
#include "diagnose/diagnose.hpp"
#include "input/path_walk.hpp"
#include "pipeline/streamed_log.hpp"
#include "regions/line_prefix.hpp"
#include "regions/splitter.hpp"
#include "base/parallel.hpp"
#include "base/stage_clock.hpp"
#include "report/report_shape.hpp"

namespace pm {

namespace {

// What a worker learnt of one input before it is listed.
struct LoadedInput {
    std::unique_ptr<SourceText> text;  // null when it could not be read, or is a podmortem report
    std::vector<Diagnostic> diagnostics;
    bool decoded = false;
    bool streamed = false;  // a large container or kernel log, read in chunks in step 3, never held whole
    StreamKind stream = StreamKind::none;
};

// The region with the most lines (the first on a tie): what the input mostly is; nullptr for none. A
// region of a kind the contract names comes before one it does not (a `kubectl get pods` table).
const RegionRecord* main_region(const std::vector<RegionRecord>& regions) {
    const RegionRecord* main = nullptr;
    std::uint32_t most = 0;
    bool named = false;
    for (const auto& region : regions) {
        const std::uint32_t lines = region.last_line - region.first_line + 1;
        const bool has_kind = region.kind != "unknown";
        if ((has_kind && !named) || (has_kind == named && lines > most)) {
            most = lines;
            main = &region;
            named = has_kind;
        }
    }
    return main;
}

}  // namespace

// Splits an input already listed in `incident` under `id` into regions and gives each to its reader.
void read_listed(const Grammar& g, const SourceText& source, InputId id, Incident& incident,
                 const ReaderRegistry& readers, unsigned jobs = 1) {
    const RegionSplit split = split_regions(source.body_lines(), source.path, readers.profiles(), &readers.index(), jobs);
    InputRecord& record = incident.input(id);
    if (split.binary) {
        // One warning for a binary file, not one per line of bytes that are not UTF-8.
        std::erase_if(incident.diagnostics, [&](const Diagnostic& d) {
            return d.file == source.path && (d.line > 0 || d.message.find("replaced with U+FFFD") != std::string::npos);
        });
        incident.warn_file(source.path, 0, "binary data, not text (control bytes or bytes that are not UTF-8); skipped",
                           "give podmortem the text kubectl, the kernel or the runtime printed");
        record.binary = true;
        return;
    }
    RegionSplit named;  // --log CONTAINER=PATH: the user says what it is, whatever it looks like
    if (const ReaderSpec* log_reader = readers.find("container-log");
        !source.log_container.empty() && log_reader != nullptr && !source.lines.empty()) {
        Region whole;
        whole.first = 0;
        whole.last = source.lines.size() - 1;
        whole.kind = static_cast<std::size_t>(log_reader - readers.readers().data());
        named.regions.push_back(whole);
    }
    const RegionSplit& used = named.regions.empty() ? split : named;
    for (const Region& region : used.regions) {
        const ReaderSpec& reader = readers.readers()[region.kind];
        record.regions.push_back({reader.kind, reader.name, static_cast<std::uint32_t>(region.first + 1),
                                  static_cast<std::uint32_t>(region.last + 1)});
    }
    if (const RegionRecord* main = main_region(record.regions)) {
        record.kind = main->kind;
        record.reader = main->reader;
    }
    for (const Region& region : used.regions) {
        const ReaderSpec& reader = readers.readers()[region.kind];
        ReadContext context{g, source, id, region, incident, reader.kind, used.regions.size() == 1, jobs};
        reader.read(context);
    }
}

InputRecord record_of(const SourceText& source) {
    InputRecord record;
    record.path = source.path;
    record.encoding = source.encoding;
    record.lines = source.lines.size();
    record.source = &source;
    return record;
}

std::string_view read_source(const Grammar& g, std::unique_ptr<SourceText> text, Analysis& analysis,
                             const ReaderRegistry& readers) {
    Incident& incident = analysis.incident;
    if (!text->has_bodies) {
        strip_line_prefixes(*text);
    }
    const SourceText& source = incident.keep_source(std::move(text));
    const InputId id = incident.add_input(record_of(source));
    read_listed(g, source, id, incident, readers);
    return incident.input(id).kind;
}

namespace {

// An empty findings list is explained, so a machine reading the JSON knows it is not an error.
void warn_if_nothing_diagnosed(Analysis& analysis) {
    // With nothing recognised there is no report: the run ends saying so instead.
    if (!analysis.diagnoses.findings.empty() || analysis.incident.inputs.empty() || analysis.files_recognised == 0) {
        return;
    }
    // One input is what the warning is about; of several, none more than another (the run as a whole).
    const std::string about = analysis.incident.inputs.size() == 1 ? analysis.incident.inputs[0].path : std::string();
    analysis.incident.warn_file(
        about, 0,
        "nothing could be diagnosed: no container in the inputs terminated or waits for a reason that explains itself",
        "save kubectl describe pod, kubectl logs --previous, kubectl get events and the node's journalctl -k from "
        "around the failure");
}

}  // namespace

void finish_analysis(const Grammar& g, Analysis& analysis) {
    correlate(g, analysis.incident);
    analysis.diagnoses = diagnose(g, analysis.incident);
    warn_counted_runtime_errors(analysis.incident);
    warn_if_nothing_diagnosed(analysis);
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
    return analyse_inputs(g, inputs, std::move(diagnostics), readers, default_jobs());
}

Analysis analyse_inputs(const Grammar& g, const std::vector<InputSource>& inputs, std::vector<Diagnostic> diagnostics,
                        const ReaderRegistry& readers, unsigned jobs) {
    Analysis analysis;
    Incident& incident = analysis.incident;
    incident.diagnostics = std::move(diagnostics);
    StageClock clock;
    // 1. Read and decode every input, in parallel: no input depends on another.
    std::vector<LoadedInput> loaded(inputs.size());
    parallel_for(inputs.size(), jobs, [&](std::size_t i) {
        const InputSource& input = inputs[i];
        LoadedInput& out = loaded[i];
        const auto stream_if_log = [&](std::uint64_t size) {
            const StreamKind kind = stream_kind(input, size, readers);
            out.streamed = kind != StreamKind::none;
            out.stream = kind;
            out.decoded = out.streamed;
            return out.streamed;
        };
        // A size the walk took decides streaming before the file is opened; a file it listed from
        // its directory entry alone is opened, and the size fstat gives then decides.
        const bool size_known = input.origin != InputOrigin::file || input.size != 0;
        if (size_known && stream_if_log(input.size)) {
            return;
        }
        std::string bytes;
        std::string error;
        std::string note;
        MappedFile mapping;
        std::uint64_t deferred = 0;
        bool ok = read_input_bytes(input, bytes, error, note, &mapping, size_known ? UINT64_MAX : k_stream_threshold,
                                   &deferred);
        if (ok && deferred != 0) {
            if (stream_if_log(deferred)) {
                return;
            }
            ok = read_input_bytes(input, bytes, error, note, &mapping);
        }
        if (!ok) {
            out.diagnostics.push_back({DiagnosticLevel::warning, input.display_path, 0, error, {}});
            return;
        }
        if (!note.empty()) {
            out.diagnostics.push_back({DiagnosticLevel::warning, input.display_path, 0, note, {}});
        }
        out.text = std::make_unique<SourceText>();
        // A single large input is decoded and indexed by every thread; many inputs by one thread each.
        const unsigned decode_jobs = inputs.size() == 1 ? jobs : 1;
        if (mapping.mapped()) {
            load_source_text(*out.text, input.display_path, std::move(mapping), out.diagnostics, decode_jobs);
        } else {
            load_source_text(*out.text, input.display_path, std::move(bytes), out.diagnostics, decode_jobs);
        }
        out.text->log_container = input.log_container;
        strip_line_prefixes(*out.text);
        out.decoded = true;
        // A report podmortem wrote earlier (say with -o into the incident folder) is not evidence.
        if (is_podmortem_report(out.text->text)) {
            out.diagnostics.push_back(
                {DiagnosticLevel::warning, input.display_path, 0, "a podmortem report, not evidence; skipped", {}});
            out.text.reset();
        }
    });
    clock.lap("load");
    // 2. List the inputs in order: their numbers are fixed before anything cites them.
    std::vector<InputId> ids(inputs.size(), k_no_input);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (loaded[i].text) {
            ids[i] = incident.add_input(record_of(*loaded[i].text));
        } else if (loaded[i].streamed) {
            InputRecord record;
            record.path = inputs[i].display_path;
            ids[i] = incident.add_input(std::move(record));
        }
    }
    // 3. Read each input into a part of its own, in parallel.
    std::vector<std::unique_ptr<Incident>> parts(inputs.size());
    parallel_for(inputs.size(), jobs, [&](std::size_t i) {
        if (loaded[i].streamed) {
            parts[i] = std::make_unique<Incident>(ids[i]);
            InputRecord record;
            record.path = inputs[i].display_path;
            parts[i]->add_input(std::move(record));
            if (loaded[i].stream == StreamKind::kernel_log) {
                stream_kernel_log(g, inputs[i], ids[i], *parts[i]);
            } else {
                stream_container_log(g, inputs[i], ids[i], *parts[i]);
            }
            return;
        }
        if (!loaded[i].text) {
            return;
        }
        parts[i] = std::make_unique<Incident>(ids[i]);
        Incident& part = *parts[i];
        part.diagnostics = std::move(loaded[i].diagnostics);
        const SourceText& source = part.keep_source(std::move(loaded[i].text));
        part.add_input(record_of(source));
        // A single large input is read by every thread; many inputs by one thread each.
        read_listed(g, source, ids[i], part, readers, inputs.size() == 1 ? jobs : 1);
    });
    clock.lap("read");
    // 4. Absorb the parts in input order: the result is the same bytes whatever the number of threads.
    incident.reserve_for(parts);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        analysis.files_read += loaded[i].decoded ? 1 : 0;
        if (!parts[i]) {
            for (auto& d : loaded[i].diagnostics) {
                incident.diagnostics.push_back(std::move(d));
            }
            continue;
        }
        // A region some reader read (a `kubectl get pods` table is one the contract has no kind for).
        const InputRecord& record = parts[i]->input(ids[i]);
        const bool recognised = record.kind != "unknown" || !record.reader.empty();
        const std::string path = parts[i]->input(ids[i]).path;
        incident.absorb(std::move(*parts[i]));
        parts[i].reset();
        if (recognised) {
            ++analysis.files_recognised;
        } else if (!incident.inputs.empty() && incident.input(ids[i]).binary) {
            // said already, in the part's own warning
        } else {
            incident.warn_file(path, 0,
                               "not recognised as describe, events, a log or a runtime error; skipped (is it binary, "
                               "or empty?)");
        }
    }
    clock.lap("absorb");
    correlate(g, analysis.incident);
    clock.lap("correlate");
    analysis.diagnoses = diagnose(g, analysis.incident, jobs);
    warn_counted_runtime_errors(analysis.incident);
    warn_if_nothing_diagnosed(analysis);
    clock.lap("diagnose");
    return analysis;
}

}  // namespace pm
