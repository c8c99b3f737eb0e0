// Renders a Report as a GitHub-flavoured Markdown post-mortem a person attaches to an incident.
#pragma once

#include <string>

#include "base/output_sink.hpp"
#include "diagnose/findings.hpp"
#include "report/render_options.hpp"

namespace pm {

// Title naming the worst finding, summary paragraph, overview table, one section per pod and
// container (cause, exit explanation, terminations, evidence, runtime error chain, remediation,
// alternatives, events), then findings not tied to a container, kernel events, runtime errors,
// inputs and warnings. All input text is quoted so that it cannot inject Markdown or HTML, and
// redacted when opts.redact. Deterministic; ends in exactly one "\n".
void render_markdown(const Incident& incident, const Diagnoses& diagnoses, const RenderOptions& opts, OutputSink& out);
std::string render_markdown(const Incident& incident, const Diagnoses& diagnoses, const RenderOptions& opts);

}  // namespace pm
