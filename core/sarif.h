// SARIF 2.1.0 (OASIS) output of content-check findings, for code-scanning tools
// (`sanshen check --format sarif`).
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"

namespace sanshen {

// One run of tool `sanshen`: driver rules are the rules of design §5 (core/checks/rule_ids.h)
// with their default level, plus `page.invalid` when a finding has it; each finding is a result
// with ruleId, ruleIndex, level (`error` | `warning`), message and a location whose region has
// startLine and startColumn. Columns count Unicode code points, which the run declares with
// columnKind "unicodeCodePoints". The matched text is the region's snippet.
std::string findings_sarif(const std::vector<Finding>& findings);

}  // namespace sanshen
