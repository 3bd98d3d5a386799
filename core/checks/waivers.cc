#include "core/checks/waivers.h"

#include <algorithm>

namespace sanshen {

WaiverOutcome apply_waivers(std::vector<Finding> findings, const std::vector<Waiver>& waivers) {
  WaiverOutcome out;
  std::vector<bool> used(waivers.size(), false);
  for (Finding& f : findings) {
    bool covered = false;
    for (std::size_t i = 0; i < waivers.size(); ++i) {
      const Waiver& w = waivers[i];
      if (w.rule == f.rule && w.path == f.path && (w.line == 0 || w.line == f.line)) {
        used[i] = true;
        covered = true;
      }
    }
    (covered ? out.waived : out.kept).push_back(std::move(f));
  }
  for (std::size_t i = 0; i < waivers.size(); ++i)
    if (!used[i]) out.unused.push_back(waivers[i]);
  return out;
}

}  // namespace sanshen
