// Entries of git trees looked up by path, memoized: review commits come in long runs that share
// one tree, pages of a section share a directory, and every commit's `.sanshen` directory is
// asked for by governance and by each review of its children.
#pragma once

#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/git_repo.h"
#include "core/result.h"

namespace sanshen {

class TreeLookup {
 public:
  explicit TreeLookup(Repository& repo) : repo_(repo) {}

  // The id (blob or tree) at `path` inside `tree`, or nullopt. Its directory's id comes from
  // entry() and its listing is one of the last few kept, so a section of ten thousand pages is
  // listed once per run of reviews instead of being read again (and inflated) for every review.
  Result<std::optional<std::string>> at(const std::string& tree, const std::string& path);

  // The id at `path` inside `tree`, or nullopt; remembered per (tree, path).
  Result<std::optional<std::string>> entry(const std::string& tree, const std::string& path);

 private:
  using Listing = std::unordered_map<std::string, std::string>;
  static constexpr std::size_t kListingsKept = 8;

  Result<const Listing*> listing_of(const std::string& tree);

  Repository& repo_;
  std::unordered_map<std::string, std::optional<std::string>> entries_;
  std::list<std::pair<std::string, Listing>> listings_;  // most recently used first
};

}  // namespace sanshen
