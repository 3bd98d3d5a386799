// Rosters as they stand in given commits, parsed once per roster blob. Authority is always
// judged by the roster in a commit's parent(s), never by the one at the build revision.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/git_repo.h"
#include "core/history.h"
#include "core/result.h"
#include "core/roster.h"
#include "core/tree_lookup.h"

namespace sanshen {

inline constexpr const char* kRosterPath = ".sanshen/reviewers.toml";

class RosterCache {
 public:
  // With a history, commit trees come from it instead of being read again.
  explicit RosterCache(Repository& repo, const History* history = nullptr)
      : repo_(repo), history_(history), trees_(repo) {}

  // The roster in the tree of `commit`. Error message says what is wrong (no roster, or
  // unreadable); callers turn it into a refusal or a governance failure.
  Result<const Roster*> at(const std::string& commit);

  // The id of the `.sanshen` entry of a root tree, if any. Remembered: governance asks for every
  // commit and each of its parents, and every review looks up its parent's roster through it.
  Result<std::optional<std::string>> settings_dir(const std::string& tree);

 private:
  Repository& repo_;
  const History* history_;
  TreeLookup trees_;
  std::map<std::string, Result<Roster>> by_blob_;
};

}  // namespace sanshen
