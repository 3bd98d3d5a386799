#include "core/history.h"

namespace sanshen {

Result<History> History::read(Repository& repo, const std::string& tip, Reporter& reporter) {
  auto ids = repo.commits_reachable(tip);
  if (!ids) return ids.error();
  History h;
  h.commits_.reserve(ids->size());
  for (const std::string& id : *ids) {
    if (h.commits_.size() % 1024 == 0) reporter.progress("history", h.commits_.size(), ids->size());
    auto raw = repo.read_raw_commit(id);
    if (!raw) return raw.error();
    auto commit = parse_commit_object(*raw);
    HistoryCommit entry{id, {}, std::nullopt};
    if (commit) {
      entry.object = std::move(*commit);
    } else {
      auto links = repo.commit_links(id);
      if (!links) return links.error();
      entry.object.tree = links->tree;
      entry.object.parents = links->parents;
      entry.malformed = commit.error();
    }
    h.index_.emplace(id, h.commits_.size());
    h.commits_.push_back(std::move(entry));
  }
  reporter.progress("history", ids->size(), ids->size());
  return h;
}

const HistoryCommit* History::find(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &commits_[it->second];
}

}  // namespace sanshen
