#include "core/roster_cache.h"

namespace sanshen {

Result<std::optional<std::string>> RosterCache::settings_dir(const std::string& tree) {
  return trees_.entry(tree, ".sanshen");
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
  auto blob = trees_.at(tree, kRosterPath);
  if (!blob) return blob.error();
  if (!*blob)
    return make_error("governance.roster-missing",
                      "提交 " + commit.substr(0, 10) + " 中没有名册 (no roster in that commit)", kRosterPath);
  auto it = by_blob_.find(**blob);
  if (it == by_blob_.end()) {
    auto text = repo_.read_blob(**blob);
    Result<Roster> roster = text ? parse_roster(*text, kRosterPath) : Result<Roster>(text.error());
    it = by_blob_.emplace(**blob, std::move(roster)).first;
  }
  if (!it->second) {
    Error e = it->second.error();
    e.message = "提交 " + commit.substr(0, 10) + " 中的名册无法读取 (roster unreadable): " + e.message;
    return e;
  }
  return &*it->second;
}

}  // namespace sanshen
