// fuzz_readers: bytes as an input file, through the region splitter and every registered reader.
#include <algorithm>
#include <memory>
#include <string>

#include "entries.hpp"
#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"
#include "regions/line_prefix.hpp"
#include "report/json_writer.hpp"
#include "report/markdown_writer.hpp"
#include "report_checks.hpp"

namespace pm::fuzz {

namespace {

constexpr std::string_view k_target = "readers";

// Every citation names a listed input and a line it has (0: the whole input).
void check_cites(const Incident& incident) {
    auto check = [&](Cite at, const char* what) {
        if (!at.known()) {
            return;
        }
        if (at.input >= incident.inputs.size() || at.line > incident.inputs[at.input].lines + 1) {
            fail(k_target, std::string(what) + " cites a line the input does not have");
        }
    };
    for (const Pod& pod : incident.pods) {
        check(pod.at, "a pod");
        for (const Container& c : pod.containers) {
            check(c.at, "a container");
            for (const Termination& t : c.terminations) {
                check(t.at, "a termination");
                for (const Quote& q : t.cites) {
                    check(q.at, "a termination's line");
                }
            }
            if (c.last_termination != k_none_index && c.last_termination >= c.terminations.size()) {
                fail(k_target, "a Last State points past the container's terminations");
            }
            if (c.state.termination != k_none_index && c.state.termination >= c.terminations.size()) {
                fail(k_target, "a terminated state points past the container's terminations");
            }
        }
        for (const Event& e : pod.events) {
            check(e.at, "an event");
            if (e.runtime_error != k_none_index && e.runtime_error >= incident.runtime_errors.size()) {
                fail(k_target, "an event points past the runtime errors");
            }
        }
    }
    for (const RuntimeError& e : incident.runtime_errors) {
        check(e.at, "a runtime error");
    }
    for (const KernelEvent& e : incident.kernel_events) {
        check(e.at, "a kernel event");
    }
}

// Regions lie inside the input, in order, without overlap.
void check_regions(const InputRecord& input) {
    std::uint32_t after = 0;
    for (const RegionRecord& r : input.regions) {
        if (r.first_line < 1 || r.first_line > r.last_line || r.last_line > input.lines || r.first_line <= after) {
            fail(k_target, "regions overlap, run backwards or leave the input");
        }
        after = r.last_line;
    }
}

}  // namespace

void readers(std::string_view data) {
    const Grammar& g = builtin_grammar();
    const ReaderRegistry& registry = ReaderRegistry::builtin();
    // First byte: K below the number of readers hands the whole text to reader K; any other
    // (make_corpus.py writes 0x80), the splitter decides.
    const std::size_t n = registry.readers().size();
    const std::size_t forced = data.empty() ? n : std::min<std::size_t>(static_cast<unsigned char>(data[0]), n);
    if (!data.empty()) {
        data.remove_prefix(1);
    }
    Analysis analysis;
    auto text = std::make_unique<SourceText>();
    std::vector<Diagnostic> diagnostics;
    load_source_text(*text, "fuzz.txt", data, diagnostics);
    strip_line_prefixes(*text);
    if (forced < n && text->lines.size() > 0) {
        Incident& incident = analysis.incident;
        const SourceText& source = incident.keep_source(std::move(text));
        InputRecord record;
        record.path = source.path;
        record.lines = source.lines.size();
        const InputId id = incident.add_input(std::move(record));
        const ReaderSpec& reader = registry.readers()[forced];
        ReadContext context{g, source, id, Region{0, source.lines.size() - 1, forced}, incident, reader.kind, true, 1};
        reader.read(context);
    } else {
        read_source(g, std::move(text), analysis, registry);
        check_regions(analysis.incident.inputs.back());
    }
    finish_analysis(g, analysis);
    check_cites(analysis.incident);
    const RenderOptions opts = render_options(g, true);
    check_json_report(k_target, render_json(analysis.incident, analysis.diagnoses, opts));
    const std::string markdown = render_markdown(analysis.incident, analysis.diagnoses, opts);
    if (markdown_has_live_nodes(markdown)) {
        fail(k_target, "the Markdown report has raw HTML, a link or an image");
    }
}

}  // namespace pm::fuzz
