// Wires the pipeline: input -> detection -> parsing -> records -> correlation -> diagnosis. No printing.
#pragma once

#include <string>
#include <vector>

#include "grammar/grammar.hpp"
#include "input/path_walk.hpp"
#include "input/source_file.hpp"
#include "records/model.hpp"
#include "report/render_options.hpp"

namespace pm {

struct AnalysisResult {
    Report report;
    size_t files_read = 0;        // opened and decoded
    size_t files_recognised = 0;  // of a kind podmortem reads
};

// Reads every PATH (files, directories, "-") and analyses them together.
AnalysisResult analyse_paths(const Grammar& g, const std::vector<std::string>& paths);

// The same, for inputs already expanded (with the warnings of the walk that found them).
AnalysisResult analyse_inputs(const Grammar& g, const std::vector<InputFile>& inputs, std::vector<Warning> warnings);

// One decoded input: detects its kind (unless given) and adds what it holds to `report`.
// Returns the kind. Correlation and diagnosis run later, over all inputs, in finish_report().
std::string read_input(const Grammar& g, const SourceFile& file, Report& report);

// Correlation and diagnosis over everything read.
void finish_report(const Grammar& g, Report& report);

// Options for the writers: the grammar names the causes.
RenderOptions render_options(const Grammar& g, bool redact);

}  // namespace pm
