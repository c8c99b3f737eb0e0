// Renders the incident and its diagnoses as the podmortem/v1 JSON document (see spec/report-json.md).
#pragma once

#include <string>
#include <vector>

#include "base/output_sink.hpp"
#include "diagnose/findings.hpp"
#include "report/render_options.hpp"

namespace pm {

// The whole v1 document, keys in contract order, every required key present (unset values are
// null, lists []), plus the extra keys Finding.exit_code_explanation (when set), RuntimeError.
// explanation/rule/truncated/occurrences, Termination.never_started (when true), Container.
// environment, Input.regions and Warning.help. Input text is redacted when opts.redact.
// Deterministic; ends in "\n". Written to `out` piece by piece.
void render_json(const Incident& incident, const Diagnoses& diagnoses, const RenderOptions& opts, OutputSink& out);
std::string render_json(const Incident& incident, const Diagnoses& diagnoses, const RenderOptions& opts);

// One runtime error as the report's runtime_errors entry, with `remediation` added (explain-error).
std::string render_runtime_error_json(const Incident& incident, const RuntimeError& error,
                                      const std::vector<std::string>& remediation, const RenderOptions& opts);

}  // namespace pm
