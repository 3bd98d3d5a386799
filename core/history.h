// Every commit reachable from the build revision, read raw from the object database once and
// parsed by git's rules; the gate's passes (governance, reviews) walk this list.
#pragma once

#include <cstdint>
#include <functional>
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

// How History::read spreads its work.
struct HistoryReading {
  // More handles on the same repository: commits are read and parsed on 1 + size() threads.
  std::vector<Repository*> more;
  // Called for each commit as soon as it is parsed, on the thread that read it (worker 0 is
  // the calling thread's handle, worker k uses more[k - 1]), so it must be safe to call from
  // several threads at once. It may free what nobody will need again (a verified signature's
  // signed bytes): on a large history that is most of its memory.
  std::function<void(HistoryCommit&, int worker)> visit;
};

class History {
 public:
  // Errors: repo.corrupt (unreadable or malformed commit, naming it); with several bad
  // commits, the one nearest the tip.
  static Result<History> read(Repository& repo, const std::string& tip, Reporter& reporter,
                              const HistoryReading& reading = {});

  // Children before parents.
  const std::vector<HistoryCommit>& commits() const { return commits_; }

  // Frees every commit's message, signature and people's names and emails, keeping ids, trees,
  // parents, people's times and the ancestry index: all that deciding pages needs once the
  // reviews are collected.
  void release_texts();
  // nullptr when the id is not in this history.
  const HistoryCommit* find(const std::string& id) const;

  // True when `ancestor` is reachable from `descendant` through parents (a commit is not its
  // own descendant); false when either is not in this history. Answered from an index built
  // once: review chains ask this for every page, and walking git's graph each time is
  // quadratic on long histories. Safe to call from several threads.
  bool is_descendant(const std::string& descendant, const std::string& ancestor) const;

 private:
  void index_ancestry();

  std::vector<HistoryCommit> commits_;
  std::unordered_map<std::string, size_t> index_;
  // Per commit (same order as commits_): parents as indices (parents outside the history are
  // dropped), generation (1 + max over parents), and its place on a first-parent chain.
  std::vector<std::vector<uint32_t>> parents_;
  std::vector<uint32_t> generation_;
  std::vector<uint32_t> chain_;
  std::vector<uint32_t> chain_pos_;
};

}  // namespace sanshen
