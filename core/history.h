// Every commit reachable from the build revision, read raw from the object database once and
// parsed by git's rules; the gate's passes (governance, reviews) walk this list, in libgit2's
// topological order (GIT_SORT_TOPOLOGICAL from the one tip), which this file computes itself so
// that the commits are read only once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/commit_object.h"
#include "core/git_repo.h"
#include "core/object_id.h"
#include "core/reporter.h"
#include "core/result.h"

namespace sanshen {

struct HistoryCommit {
  std::string id;
  // When the raw object breaks git's commit format (e.g. two gpgsig headers), `object` holds
  // only the tree and parents libgit2 read, and `malformed` says why: such a commit counts for
  // nothing, but one bad commit must not stop every build. A pointer, because almost every
  // commit is well-formed and an Error is a hundred bytes on each of them.
  CommitObject object;
  std::shared_ptr<const Error> malformed;
  // Whether the object carries a signature, and in which format. Set when read and kept when
  // a settled commit's signature and signed bytes are freed (SignatureCache::prefetch_review),
  // so ask these, not `object.signature`.
  bool is_signed = false;
  bool openpgp_signed = false;
};

// How History::read spreads its work. Finding the commits is a walk from the tip, one read after
// another (a commit names its parents); what is done with each commit runs beside it.
struct HistoryReading {
  // Threads that call `visit`; with 1 (or less), the reading thread calls it itself.
  int threads = 1;
  // Called once for each commit as soon as it is parsed, with a worker number in
  // [0, threads), so it must be safe to call from several threads at once. It may free what
  // nobody will need again (a verified signature's signed bytes): on a large history that is
  // most of its memory.
  std::function<void(HistoryCommit&, int worker)> visit;
};

class History {
 public:
  // Errors: repo.corrupt (unreadable commit, naming it): the first one the walk from the tip
  // meets.
  static Result<History> read(Repository& repo, const std::string& tip, Reporter& reporter,
                              const HistoryReading& reading = {});

  // Children before parents; empty after release_commits().
  const std::vector<HistoryCommit>& commits() const { return commits_; }
  // nullptr when the id is not in this history, or after release_commits().
  const HistoryCommit* find(const std::string& id) const;

  // What stays after release_commits(): the number of commits, each one's tree (same order as
  // commits()) and the ancestry.
  std::size_t size() const { return trees_.size(); }
  std::string tree(std::size_t i) const { return object_hex(trees_[i]); }
  // True when `ancestor` is reachable from `descendant` through parents (a commit is not its
  // own descendant); false when either is not in this history. Answered from an index built
  // once: review chains ask this for every page, and walking git's graph each time is
  // quadratic on long histories. Safe to call from several threads.
  bool is_descendant(const std::string& descendant, const std::string& ancestor) const;

  // Frees the parsed commits (ids, messages, signatures, people) once governance and the
  // reviews are collected: deciding pages needs only what size(), tree() and is_descendant()
  // answer, about 90 bytes per commit instead of a kilobyte.
  void release_commits();

 private:
  void index_ancestry();
  // Position in commits() order; nullopt when not in this history.
  std::optional<uint32_t> position(const std::string& id) const;

  std::vector<HistoryCommit> commits_;
  // Sorted by id, for lookups.
  std::vector<std::pair<ObjectKey, uint32_t>> by_id_;
  std::vector<ObjectKey> trees_;
  // Per commit (same order as commits_): parents as positions (parents outside the history are
  // dropped; commit k's are parents_[parent_begin_[k] .. parent_begin_[k + 1])), generation
  // (1 + max over parents), and its place on a first-parent chain.
  std::vector<uint32_t> parent_begin_;
  std::vector<uint32_t> parents_;
  std::vector<uint32_t> generation_;
  std::vector<uint32_t> chain_;
  std::vector<uint32_t> chain_pos_;
};

}  // namespace sanshen
