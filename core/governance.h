// Governance (design §4.6): trust starts at an introduction given out of band, and every later
// change to `.sanshen/` must be signed by an admin in force in its parent(s).
#pragma once

#include <string>
#include <unordered_set>

#include "core/git_repo.h"
#include "core/history.h"
#include "core/result.h"
#include "core/roster_cache.h"
#include "core/signature_cache.h"

namespace sanshen {

struct TrustRegion {
  bool everything = false;  // --insecure-no-introduction: no anchor, nothing is excluded
  std::string introduction_commit;
  std::unordered_set<std::string> commits;  // the introduction and its descendants

  bool contains(const std::string& id) const { return everything || commits.count(id) > 0; }
};

// introduction: "<commit>:<fingerprint>"; empty means insecure mode (every commit trusted, no
// governance checks; the manifest records it). Fatal errors: governance.introduction (not in
// this history, unsigned, another key, not an admin there), governance.unauthorized (naming the
// commit that changed .sanshen/ without an admin signature).
//
// A commit changes `.sanshen/` when its `.sanshen` tree differs from that of every trusted
// parent: a merge that takes one trusted side's configuration unchanged brings in a state that
// was already authorized, while anything new, or taken from outside the trusted history, needs
// an admin.
Result<TrustRegion> check_governance(Repository& repo, const History& history,
                                     const std::string& introduction, SignatureCache& signatures,
                                     RosterCache& rosters);

}  // namespace sanshen
