#include "core/roster_cache.h"

namespace sanshen {

Result<std::optional<std::string>> RosterCache::settings_dir(const std::string& tree) {
  auto it = dir_by_tree_.find(tree);
  if (it == dir_by_tree_.end()) {
    auto dir = repo_.entry_in_tree(tree, ".sanshen");
    if (!dir) return dir.error();
    it = dir_by_tree_.emplace(tree, std::move(*dir)).first;
  }
  return it->second;
}

Result<const Roster*> RosterCache::at(const std::string& commit) {
  std::string tree;
  if (const HistoryCommit* c = history_ ? history_->find(commit) : nullptr) {
    tree = c->object.tree;
  } else {
    auto links = repo_.commit_links(commit);
    if (!links) return links.error();
    tree = std::move(links->tree);
  }
  auto missing = [&] {
    return make_error("governance.roster-missing",
                      "提交 " + commit.substr(0, 10) + " 中没有名册 (no roster in that commit)", kRosterPath);
  };
  auto dir = settings_dir(tree);
  if (!dir) return dir.error();
  if (!*dir) return missing();
  auto blob_it = roster_by_dir_.find(**dir);
  if (blob_it == roster_by_dir_.end()) {
    auto blob = repo_.entry_in_tree(**dir, "reviewers.toml");
    if (!blob) return blob.error();
    blob_it = roster_by_dir_.emplace(**dir, std::move(*blob)).first;
  }
  if (!blob_it->second) return missing();
  const std::string& blob = *blob_it->second;
  auto it = by_blob_.find(blob);
  if (it == by_blob_.end()) {
    auto text = repo_.read_blob(blob);
    Result<Roster> roster = text ? parse_roster(*text, kRosterPath) : Result<Roster>(text.error());
    it = by_blob_.emplace(blob, std::move(roster)).first;
  }
  if (!it->second) {
    Error e = it->second.error();
    e.message = "提交 " + commit.substr(0, 10) + " 中的名册无法读取 (roster unreadable): " + e.message;
    return e;
  }
  return &*it->second;
}

}  // namespace sanshen
