#include "core/history.h"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/signature.h"

namespace sanshen {

namespace {

// Object ids are uniformly random, so their first bytes are a hash already.
struct KeyHash {
  std::size_t operator()(const ObjectKey& key) const {
    std::size_t h;
    std::memcpy(&h, key.data(), sizeof h);
    return h;
  }
};

// Hands parsed commits to the threads that visit them while the walk goes on.
class Visitors {
 public:
  Visitors(int threads, const std::function<void(HistoryCommit&, int)>& visit) : visit_(visit) {
    if (!visit_ || threads <= 1) return;
    for (int w = 0; w < threads; ++w) threads_.emplace_back([this, w] { run(w); });
  }
  Visitors(const Visitors&) = delete;
  Visitors& operator=(const Visitors&) = delete;
  ~Visitors() { finish(); }

  void push(HistoryCommit& commit) {
    if (!visit_) return;
    if (threads_.empty()) {
      visit_(commit, 0);
      return;
    }
    std::size_t pending;
    {
      // Bounded, so the walk cannot run far ahead of verification with every signed payload
      // it read still held.
      std::unique_lock lock(mutex_);
      room_.wait(lock, [&] { return queue_.size() < kMaxPending; });
      queue_.push_back(&commit);
      pending = queue_.size();
    }
    // Woken a batch at a time: when the visits are cheap (verdicts from the signature cache),
    // waking a thread per commit costs more than the visits.
    if (pending % kBatch == 0) ready_.notify_one();
  }

  // Returns once every pushed commit has been visited.
  void finish() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

 private:
  void run(int worker) {
    std::vector<HistoryCommit*> batch;
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return done_ || !queue_.empty(); });
        if (queue_.empty()) return;
        while (!queue_.empty() && batch.size() < kBatch) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      room_.notify_one();
      for (HistoryCommit* c : batch) visit_(*c, worker);
      batch.clear();
    }
  }

  static constexpr std::size_t kMaxPending = 1024;
  static constexpr std::size_t kBatch = 64;
  const std::function<void(HistoryCommit&, int)>& visit_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<HistoryCommit*> queue_;
  bool done_ = false;
  std::vector<std::thread> threads_;
};

// libgit2's GIT_SORT_TOPOLOGICAL from one tip (revwalk.c, sort_in_topological_order): every
// commit's in-degree is 1 plus its children's references to it; from a stack holding the tip,
// pop a commit, emit it, and push each parent (in order) whose in-degree thereby drops to 1.
// Commit times play no part with a single tip.
std::vector<uint32_t> topological_order(uint32_t tip, const std::vector<uint32_t>& parent_begin,
                                        const std::vector<uint32_t>& parent_count,
                                        const std::vector<uint32_t>& parents) {
  const std::size_t n = parent_begin.size();
  std::vector<uint32_t> in_degree(n, 1);
  for (std::size_t c = 0; c < n; ++c)
    for (uint32_t i = 0; i < parent_count[c]; ++i) ++in_degree[parents[parent_begin[c] + i]];
  std::vector<uint32_t> order, stack{tip};
  order.reserve(n);
  while (!stack.empty()) {
    const uint32_t next = stack.back();
    stack.pop_back();
    for (uint32_t i = 0; i < parent_count[next]; ++i) {
      const uint32_t p = parents[parent_begin[next] + i];
      if (in_degree[p] == 0) continue;
      if (--in_degree[p] == 1) stack.push_back(p);
    }
    in_degree[next] = 0;
    order.push_back(next);
  }
  return order;
}

}  // namespace

Result<History> History::read(Repository& repo, const std::string& tip, Reporter& reporter,
                              const HistoryReading& reading) {
  const auto tip_key = object_key(tip);
  if (!tip_key) return make_error("repo.corrupt", "无效的提交 ID (bad commit id): " + tip);
  // The walk: commits numbered as first seen; each one read, parsed and handed to the visitors
  // before its parents are read.
  std::vector<std::unique_ptr<HistoryCommit>> found;
  std::vector<ObjectKey> keys{*tip_key};
  std::unordered_map<ObjectKey, uint32_t, KeyHash> seen{{*tip_key, 0}};
  std::vector<uint32_t> parent_begin{0}, parent_count{0}, parents;
  std::vector<uint32_t> stack{0};
  Visitors visitors(reading.threads, reading.visit);
  std::size_t read_count = 0;
  while (!stack.empty()) {
    const uint32_t pos = stack.back();
    stack.pop_back();
    auto entry = std::make_unique<HistoryCommit>();
    entry->id = object_hex(keys[pos]);
    auto raw = repo.read_raw_commit(entry->id);
    if (!raw) return raw.error();
    auto commit = parse_commit_object(*raw);
    if (commit) {
      entry->object = std::move(*commit);
    } else {
      auto links = repo.commit_links(entry->id);
      if (!links) return links.error();
      entry->object.tree = links->tree;
      entry->object.parents = links->parents;
      entry->malformed = std::make_shared<const Error>(commit.error());
    }
    entry->is_signed = !entry->object.signature.empty();
    entry->openpgp_signed = is_openpgp_armor(entry->object.signature);
    parent_begin[pos] = static_cast<uint32_t>(parents.size());
    parent_count[pos] = static_cast<uint32_t>(entry->object.parents.size());
    // Parents seen for the first time are read next, the first parent first: a walk down the
    // first-parent line.
    std::vector<uint32_t> fresh;
    for (const std::string& parent : entry->object.parents) {
      const auto key = object_key(parent);
      if (!key) return make_error("repo.corrupt", "无效的父提交 ID (bad parent id) in " + entry->id);
      auto [it, added] = seen.try_emplace(*key, static_cast<uint32_t>(keys.size()));
      if (added) {
        keys.push_back(*key);
        parent_begin.push_back(0);
        parent_count.push_back(0);
        fresh.push_back(it->second);
      }
      parents.push_back(it->second);
    }
    stack.insert(stack.end(), fresh.rbegin(), fresh.rend());
    found.resize(keys.size());
    found[pos] = std::move(entry);
    visitors.push(*found[pos]);
    if (++read_count % 8192 == 0) reporter.progress("history", read_count, keys.size());
  }
  visitors.finish();
  const std::size_t n = keys.size();
  reporter.progress("history", n, n);

  const std::vector<uint32_t> order = topological_order(0, parent_begin, parent_count, parents);
  History h;
  h.commits_.reserve(n);
  for (const uint32_t pos : order) {
    h.commits_.push_back(std::move(*found[pos]));
    found[pos].reset();
  }
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
