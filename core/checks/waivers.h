// Review-Waive (design §3, §5): a signed final-level review silences exactly the findings it
// names. The gate collects the waivers of the approving final-level review of a blob; this file
// only decides which findings they cover.
#pragma once

#include <vector>

#include "core/finding.h"
#include "core/trailers.h"

namespace sanshen {

struct WaiverOutcome {
  std::vector<Finding> kept;     // findings no waiver covers: these decide the page
  std::vector<Finding> waived;   // covered findings, for the manifest and `status`
  std::vector<Waiver> unused;    // waivers that covered nothing (stale or mistyped)
};

// A waiver covers a finding with the same rule id and path, on the waiver's line when it names
// one (`Review-Waive: pii.mobile content/a.md:12`), anywhere in the file when it does not. Order
// of findings is kept in both lists.
WaiverOutcome apply_waivers(std::vector<Finding> findings, const std::vector<Waiver>& waivers);

}  // namespace sanshen
