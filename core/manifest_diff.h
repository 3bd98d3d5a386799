// `sanshen diff` (design §6): what a deploy changes between two manifests — pages added, changed
// (another blob) and removed with their approvals, and the output files behind them — for
// release notes and change review.
#pragma once

#include <string>
#include <vector>

#include "core/manifest.h"

namespace sanshen {

struct PageChange {
  ManifestPage before;  // empty for an added page
  ManifestPage after;   // empty for a removed page
};

struct ManifestDiff {
  std::string old_revision, new_revision;
  std::vector<ManifestPage> added;    // from the new manifest
  std::vector<PageChange> changed;    // blob differs
  std::vector<ManifestPage> removed;  // from the old manifest
  std::vector<std::string> files_added, files_changed, files_removed;  // subject names
};

// Pages are matched by source path; all lists are sorted by path.
ManifestDiff diff_manifests(const Manifest& old_manifest, const Manifest& new_manifest);

// {"old_revision", "new_revision", "added": [page], "changed": [{"path", "old_blob", "new_blob",
//  "fallback", "reviews"}], "removed": [page], "files": {"added", "changed", "removed"}} where a
// page is {"path", "blob", "fallback", "outputs", "reviews": [{"level", "reviewer", "name",
// "title", "key", "time", "commit", "opinion"}]}.
std::string manifest_diff_json(const ManifestDiff& diff);
// Release notes: Chinese-first, one block per page with who approved it at which level.
std::string manifest_diff_text(const ManifestDiff& diff);

}  // namespace sanshen
