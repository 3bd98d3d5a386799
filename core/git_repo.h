// Repository seam (libgit2 adapter). Everything the gate reads from git goes through here; the
// raw commit bytes come straight from the object database so signatures are checked on exactly
// what git stored.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace sanshen {

struct TreeEntry {
  std::string path;  // repository path, '/'-separated
  std::string blob;  // hex object id
};

class Repository {
 public:
  virtual ~Repository() = default;
  // Full hex id of the commit `rev` names ("HEAD", a branch, an id). Error "repo.corrupt" or
  // "config.invalid" (unknown revision).
  virtual Result<std::string> resolve_commit(const std::string& rev) = 0;
  // Tree and parents as libgit2 reads them: used only to keep walking past a commit object
  // that sanshen's strict parser refuses (such a commit is never trusted for anything).
  struct CommitLinks {
    std::string tree;
    std::vector<std::string> parents;
  };
  virtual Result<CommitLinks> commit_links(const std::string& id) = 0;
  // The commit object's bytes, without the "commit <len>\0" header.
  virtual Result<std::string> read_raw_commit(const std::string& id) = 0;
  // Regular files under `prefix` (a directory path without trailing slash, "" for the whole
  // tree) in the commit's tree, sorted by path.
  virtual Result<std::vector<TreeEntry>> list_tree(const std::string& commit,
                                                   const std::string& prefix) = 0;
  // The blob at `path` in the commit's tree, or nullopt when there is none.
  virtual Result<std::optional<std::string>> blob_at(const std::string& commit,
                                                     const std::string& path) = 0;
  virtual Result<std::string> read_blob(const std::string& id) = 0;
  // The id of whatever (blob or tree) sits at `path` inside tree `tree`, or nullopt.
  virtual Result<std::optional<std::string>> entry_in_tree(const std::string& tree,
                                                           const std::string& path) = 0;
  // The direct children of tree `tree` (path = name, blob = id of blob or tree), in tree order;
  // empty when `tree` names an object that is not a tree.
  virtual Result<std::vector<TreeEntry>> tree_children(const std::string& tree) = 0;
  // Every commit reachable from `tip`, children before parents, by libgit2's topological
  // revwalk. History::read computes the same order while reading each commit once; this is
  // the reference its tests compare with.
  virtual Result<std::vector<std::string>> commits_reachable(const std::string& tip) = 0;
  // Files whose staged (index) version differs from HEAD, with their staged blobs; deletions
  // are left out.
  virtual Result<std::vector<TreeEntry>> staged_files() = 0;
};

// Errors "repo.corrupt" when the directory is not a readable git repository.
Result<std::unique_ptr<Repository>> open_repository(const std::string& path);

// `count` more handles on the same repository, one per extra worker thread (libgit2 handles are
// not shared between threads).
Result<std::vector<std::unique_ptr<Repository>>> open_repositories(const std::string& path,
                                                                   int count);

}  // namespace sanshen
