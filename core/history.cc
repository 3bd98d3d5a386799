#include "core/history.h"

#include <algorithm>
#include <unordered_set>

#include "core/parallel.h"

namespace sanshen {

Result<History> History::read(Repository& repo, const std::string& tip, Reporter& reporter,
                              const HistoryReading& reading) {
  auto ids = repo.commits_reachable(tip);
  if (!ids) return ids.error();
  const std::size_t n = ids->size();
  const int workers = 1 + static_cast<int>(reading.more.size());
  History h;
  h.commits_.resize(n);
  // Each worker's first failure (by position), so the error reported does not depend on timing.
  std::vector<std::optional<std::pair<std::size_t, Error>>> failures(workers);
  auto read_one = [&](std::size_t i, int worker) {
    auto& failure = failures[worker];
    if (failure) return;
    Repository& r = worker == 0 ? repo : *reading.more[worker - 1];
    const std::string& id = (*ids)[i];
    HistoryCommit& entry = h.commits_[i];
    entry.id = id;
    auto raw = r.read_raw_commit(id);
    if (!raw) {
      failure.emplace(i, raw.error());
      return;
    }
    auto commit = parse_commit_object(*raw);
    if (commit) {
      entry.object = std::move(*commit);
    } else {
      auto links = r.commit_links(id);
      if (!links) {
        failure.emplace(i, links.error());
        return;
      }
      entry.object.tree = links->tree;
      entry.object.parents = links->parents;
      entry.malformed = commit.error();
    }
    if (reading.visit) reading.visit(entry, worker);
  };
  // In slices, so progress is reported from this thread.
  constexpr std::size_t kSlice = 8192;
  for (std::size_t begin = 0; begin < n; begin += kSlice) {
    reporter.progress("history", begin, n);
    const std::size_t count = std::min(kSlice, n - begin);
    parallel_for(count, workers, [&](std::size_t i, int worker) { read_one(begin + i, worker); });
    const std::optional<std::pair<std::size_t, Error>>* first = nullptr;
    for (const auto& f : failures)
      if (f && (!first || f->first < (*first)->first)) first = &f;
    if (first) return (*first)->second;
  }
  reporter.progress("history", n, n);
  h.index_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) h.index_.emplace(h.commits_[i].id, i);
  h.index_ancestry();
  return h;
}

void History::index_ancestry() {
  const size_t n = commits_.size();
  parents_.assign(n, {});
  generation_.assign(n, 1);
  chain_.assign(n, 0);
  chain_pos_.assign(n, 0);
  std::vector<char> continued(n, 0);  // some child already extends this commit's chain
  uint32_t chains = 0;
  // commits_ lists children before parents, so walking backwards sees parents first.
  for (size_t k = n; k-- > 0;) {
    for (const auto& p : commits_[k].object.parents) {
      auto it = index_.find(p);
      if (it != index_.end()) parents_[k].push_back(static_cast<uint32_t>(it->second));
    }
    for (uint32_t p : parents_[k]) generation_[k] = std::max(generation_[k], generation_[p] + 1);
    // Only the first parent may be continued: then "same chain, later position" means the
    // ancestor is on this commit's first-parent path.
    if (!commits_[k].object.parents.empty() && !parents_[k].empty() &&
        commits_[parents_[k][0]].id == commits_[k].object.parents[0] && !continued[parents_[k][0]]) {
      uint32_t p = parents_[k][0];
      continued[p] = 1;
      chain_[k] = chain_[p];
      chain_pos_[k] = chain_pos_[p] + 1;
    } else {
      chain_[k] = chains++;
    }
  }
}

bool History::is_descendant(const std::string& descendant, const std::string& ancestor) const {
  auto d = index_.find(descendant);
  auto a = index_.find(ancestor);
  if (d == index_.end() || a == index_.end() || d->second == a->second) return false;
  const uint32_t target = static_cast<uint32_t>(a->second);
  const uint32_t start = static_cast<uint32_t>(d->second);
  if (generation_[start] <= generation_[target]) return false;
  auto on_target_path = [&](uint32_t x) {
    return chain_[x] == chain_[target] && chain_pos_[x] >= chain_pos_[target];
  };
  if (on_target_path(start)) return true;
  // Off the target's chain: walk parents, pruned by generation, until a commit on the
  // target's first-parent path turns up.
  std::unordered_set<uint32_t> seen{start};
  std::vector<uint32_t> stack{start};
  while (!stack.empty()) {
    uint32_t x = stack.back();
    stack.pop_back();
    for (uint32_t p : parents_[x]) {
      if (generation_[p] < generation_[target] || !seen.insert(p).second) continue;
      if (p == target || on_target_path(p)) return true;
      stack.push_back(p);
    }
  }
  return false;
}

const HistoryCommit* History::find(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &commits_[it->second];
}

void History::release_texts() {
  for (auto& c : commits_) {
    std::string().swap(c.object.message);
    std::string().swap(c.object.signature);
    std::string().swap(c.object.signed_payload);
    for (GitPerson* person : {&c.object.author, &c.object.committer}) {
      std::string().swap(person->name);
      std::string().swap(person->email);
    }
  }
}

}  // namespace sanshen
