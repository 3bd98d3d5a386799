// Verified-signature results by commit id (design §4.9). A commit id names its exact bytes, so
// the verdict on its signature can never change; a rebuild reuses it instead of re-verifying.
// The file carries a digest of its contents: a cache that fails it is discarded, never trusted.
// Whoever can write the cache directory can forge entries, so it must be as trusted as the
// build machine; `--no-cache` verifies everything afresh.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/file_system.h"
#include "core/history.h"
#include "core/openpgp.h"
#include "core/result.h"
#include "core/signature.h"

namespace sanshen {

class SignatureCache {
 public:
  // dir empty: caching disabled (every call verifies).
  static SignatureCache load(FileSystem& fs, const std::string& dir);

  // OpenPGP signatures verify against these keys (`.sanshen/keys/` at the build revision). Their
  // verdicts depend on the keys as well as the commit, so they are cached under the commit id
  // plus `keys_digest`. The keyring must outlive the cache.
  void use_openpgp_keys(const OpenPgpKeyring* keys, std::string keys_digest);

  // The commit's signature verdict, from the cache or by verifying it. Precondition: the
  // commit has a signature.
  Result<VerifiedSignature> verify(const HistoryCommit& commit);

  // Verifies the signed review commits of a history while it is read (HistoryReading::visit),
  // so later verify() calls are lookups: begin_prefetch, then prefetch_review for each commit
  // from the reading threads, then adopt_prefetched. `wanted`, when set, skips the commits it
  // rejects. A commit whose verdict is then known has its signed bytes freed.
  void begin_prefetch(int workers, std::function<bool(const HistoryCommit&)> wanted = {});
  void prefetch_review(HistoryCommit& commit, int worker) const;
  void adopt_prefetched();

  // Writes the cache back when something new was verified. Errors: io.write.
  Status save(FileSystem& fs);

  // Frees the verdicts (counts stay): one per review commit, a large site's whole history.
  // For a build once its reviews are collected and the cache is saved: a commit whose signed
  // bytes were freed cannot be verified again, and save() has nothing left to write.
  void release_verdicts();
  std::size_t hits() const { return hits_; }      // lookups answered by the cache file
  std::size_t misses() const { return misses_; }  // signatures verified in this run
  bool discarded() const { return discarded_; }  // the file existed but failed its check

 private:
  struct Verdict {
    bool ok = false;
    std::string key_type;     // ok
    std::string fingerprint;  // ok
    std::string message;      // !ok
    // Its form in the cache file, after the key; also what makes two verdicts the same.
    std::string line() const;
  };
  // Distinct verdicts, each kept once: a site's 300,000 review commits are signed by a few
  // dozen keys, and a copy of the fingerprint per commit was a third of this cache's memory.
  class Verdicts {
   public:
    uint32_t add(Verdict v);  // the index of an equal verdict, added when new
    const Verdict& operator[](uint32_t i) const { return list_[i]; }
    std::size_t size() const { return list_.size(); }

   private:
    std::vector<Verdict> list_;
    std::unordered_map<std::string, uint32_t> index_;  // by the verdict's cache-file form
  };
  struct Entry {
    uint32_t verdict = 0;  // in verdicts_
    bool loaded = false;   // came from the cache file (counted as a hit when used)
  };
  // What one reading thread verified: entries index its own `verdicts`.
  struct Prefetched {
    std::vector<std::pair<std::string, Entry>> entries;
    Verdicts verdicts;
  };
  std::string key_of(const HistoryCommit& commit) const;
  Verdict verify_now(const HistoryCommit& commit) const;

  std::string dir_;
  const OpenPgpKeyring* openpgp_keys_ = nullptr;
  std::string openpgp_digest_;
  std::unordered_map<std::string, Entry> entries_;
  Verdicts verdicts_;
  // Verdicts found while reading, one list per reading thread (entries_ is only read then).
  mutable std::vector<Prefetched> prefetched_;
  std::function<bool(const HistoryCommit&)> wanted_;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
  bool discarded_ = false;
  bool released_ = false;
};

}  // namespace sanshen
