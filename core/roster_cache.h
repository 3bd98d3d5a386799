// Rosters as they stand in given commits, parsed once per roster blob. Authority is always
// judged by the roster in a commit's parent(s), never by the one at the build revision.
#pragma once

#include <map>
#include <string>

#include "core/git_repo.h"
#include "core/result.h"
#include "core/roster.h"

namespace sanshen {

inline constexpr const char* kRosterPath = ".sanshen/reviewers.toml";

class RosterCache {
 public:
  explicit RosterCache(Repository& repo) : repo_(repo) {}

  // The roster in the tree of `commit`. Error message says what is wrong (no roster, or
  // unreadable); callers turn it into a refusal or a governance failure.
  Result<const Roster*> at(const std::string& commit);

 private:
  Repository& repo_;
  std::map<std::string, Result<Roster>> by_blob_;
};

}  // namespace sanshen
