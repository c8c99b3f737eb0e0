// Wires the pipeline: input -> regions -> readers -> evidence -> correlation -> diagnosis. No printing.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diagnose/findings.hpp"
#include "grammar/grammar.hpp"
#include "input/input_source.hpp"
#include "input/source_text.hpp"
#include "readers/reader.hpp"
#include "report/render_options.hpp"

namespace pm {

struct Analysis {
    Incident incident;
    Diagnoses diagnoses;
    std::size_t files_read = 0;        // opened and decoded
    std::size_t files_recognised = 0;  // of a kind podmortem reads
};

// Reads every PATH (files, directories, "-") and analyses them together.
Analysis analyse_paths(const Grammar& g, const std::vector<std::string>& paths,
                       const ReaderRegistry& readers = ReaderRegistry::builtin());

// The same, for inputs already expanded (with the diagnostics of the walk that found them), read by
// `jobs` threads; the result does not depend on their number.
Analysis analyse_inputs(const Grammar& g, const std::vector<InputSource>& inputs, std::vector<Diagnostic> diagnostics,
                        const ReaderRegistry& readers = ReaderRegistry::builtin(), unsigned jobs = 1);

// One decoded input: splits it into regions, gives each to its reader, and lists the input. Returns
// its main kind ("unknown" when nothing in it was recognised). Correlation and diagnosis run later,
// over all inputs, in finish_analysis().
std::string_view read_source(const Grammar& g, std::unique_ptr<SourceText> text, Analysis& analysis,
                             const ReaderRegistry& readers = ReaderRegistry::builtin());

// Correlation and diagnosis over everything read.
void finish_analysis(const Grammar& g, Analysis& analysis);

// Options for the writers: the grammar names the causes.
RenderOptions render_options(const Grammar& g, bool redact);

}  // namespace pm
