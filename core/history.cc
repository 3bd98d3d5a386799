#include "core/history.h"

#include <algorithm>
#include <cstdint>
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
  // Ids and trees come from git's own parser or from libgit2, so they are well-formed hex.
  h.by_id_.reserve(n);
  h.trees_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    h.by_id_.emplace_back(*object_key(h.commits_[i].id), static_cast<uint32_t>(i));
    h.trees_.push_back(*object_key(h.commits_[i].object.tree));
  }
  std::sort(h.by_id_.begin(), h.by_id_.end());
  h.index_ancestry();
  return h;
}

std::optional<uint32_t> History::position(const std::string& id) const {
  auto key = object_key(id);
  if (!key) return std::nullopt;
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), std::make_pair(*key, uint32_t{0}));
  if (it == by_id_.end() || it->first != *key) return std::nullopt;
  return it->second;
}

void History::index_ancestry() {
  const size_t n = commits_.size();
  parent_begin_.assign(n + 1, 0);
  parents_.clear();
  generation_.assign(n, 1);
  chain_.assign(n, 0);
  chain_pos_.assign(n, 0);
  // Each commit's parents as positions, in order.
  std::vector<uint32_t> first_parent(n, UINT32_MAX);  // position of parents[0], if in history
  for (size_t k = 0; k < n; ++k) {
    parent_begin_[k] = static_cast<uint32_t>(parents_.size());
    const auto& parents = commits_[k].object.parents;
    for (size_t j = 0; j < parents.size(); ++j) {
      if (auto p = position(parents[j])) {
        parents_.push_back(*p);
        if (j == 0) first_parent[k] = *p;
      }
    }
  }
  parent_begin_[n] = static_cast<uint32_t>(parents_.size());
  std::vector<char> continued(n, 0);  // some child already extends this commit's chain
  uint32_t chains = 0;
  // commits_ lists children before parents, so walking backwards sees parents first.
  for (size_t k = n; k-- > 0;) {
    for (uint32_t i = parent_begin_[k]; i < parent_begin_[k + 1]; ++i)
      generation_[k] = std::max(generation_[k], generation_[parents_[i]] + 1);
    // Only the first parent may be continued: then "same chain, later position" means the
    // ancestor is on this commit's first-parent path.
    if (const uint32_t p = first_parent[k]; p != UINT32_MAX && !continued[p]) {
      continued[p] = 1;
      chain_[k] = chain_[p];
      chain_pos_[k] = chain_pos_[p] + 1;
    } else {
      chain_[k] = chains++;
    }
  }
}

bool History::is_descendant(const std::string& descendant, const std::string& ancestor) const {
  auto d = position(descendant);
  auto a = position(ancestor);
  if (!d || !a || *d == *a) return false;
  const uint32_t target = *a;
  const uint32_t start = *d;
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
    for (uint32_t i = parent_begin_[x]; i < parent_begin_[x + 1]; ++i) {
      const uint32_t p = parents_[i];
      if (generation_[p] < generation_[target] || !seen.insert(p).second) continue;
      if (p == target || on_target_path(p)) return true;
      stack.push_back(p);
    }
  }
  return false;
}

const HistoryCommit* History::find(const std::string& id) const {
  if (commits_.empty()) return nullptr;
  auto p = position(id);
  return p ? &commits_[*p] : nullptr;
}

void History::release_commits() { std::vector<HistoryCommit>().swap(commits_); }

}  // namespace sanshen
