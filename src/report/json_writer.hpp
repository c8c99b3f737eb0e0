// Renders a Report as the podmortem/v1 JSON document (see spec/report-json.md).
#pragma once

#include <string>

#include "records/model.hpp"
#include "report/render_options.hpp"

namespace pm {

// The whole v1 document, keys in contract order, every required key present (unset values are
// null, lists []), plus the extra keys Finding.exit_code_explanation (when set),
// RuntimeError.explanation/rule/truncated and Termination.never_started (when true).
// Input text is passed through redact_secrets() when opts.redact. Deterministic; ends in "\n".
std::string render_json(const Report& report, const RenderOptions& opts);

}  // namespace pm
