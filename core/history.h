// Every commit reachable from the build revision, read raw from the object database once and
// parsed by git's rules; the gate's passes (governance, reviews) walk this list.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/commit_object.h"
#include "core/git_repo.h"
#include "core/reporter.h"
#include "core/result.h"

namespace sanshen {

struct HistoryCommit {
  std::string id;
  // When the raw object breaks git's commit format (e.g. two gpgsig headers), `object` holds
  // only the tree and parents libgit2 read, and `malformed` says why: such a commit counts for
  // nothing, but one bad commit must not stop every build.
  CommitObject object;
  std::optional<Error> malformed;
};

class History {
 public:
  // Errors: repo.corrupt (unreadable or malformed commit, naming it).
  static Result<History> read(Repository& repo, const std::string& tip, Reporter& reporter);

  // Children before parents.
  const std::vector<HistoryCommit>& commits() const { return commits_; }
  // nullptr when the id is not in this history.
  const HistoryCommit* find(const std::string& id) const;

 private:
  std::vector<HistoryCommit> commits_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace sanshen
