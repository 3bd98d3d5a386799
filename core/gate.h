// The gate at one revision: history, governance, configuration, verified reviews and checks,
// and the decision per page (design §4). `build` renders what it decides; `status` and `form`
// report it. Nothing here writes files except the verification cache.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/checks/content_checker.h"
#include "core/file_system.h"
#include "core/finding.h"
#include "core/front_matter.h"
#include "core/git_repo.h"
#include "core/governance.h"
#include "core/history.h"
#include "core/openpgp.h"
#include "core/policy.h"
#include "core/reporter.h"
#include "core/result.h"
#include "core/review_chain.h"
#include "core/roster.h"
#include "core/roster_cache.h"
#include "core/signature_cache.h"
#include "core/site.h"
#include "core/site_config.h"

namespace sanshen {

struct GateOptions {
  std::string repo_path = ".";
  std::string rev = "HEAD";
  std::string introduction;  // "<commit>:<fingerprint>"
  bool insecure_no_introduction = false;
  std::string cache_dir;  // empty: <repo>/.git/sanshen
  bool no_cache = false;
  int64_t now = 0;         // for publish_at / expires
  bool strict = false;     // no fallback to older approved blobs
  int jobs = 1;            // threads for signature verification
  PageFilter page_filter;  // set: only these pages are decided (build --shard)
  // With jobs > 1: while the reviews are collected (one thread), the pages' current blobs are
  // read, parsed and checked on worker 1's handle, for decide_page(). The caller must not use
  // that handle until finish_preparing().
  bool prepare_pages = false;
};

struct GateConfig {
  SiteConfig site;
  Roster roster;
  Policy policy;
  std::unique_ptr<ContentChecker> checker;
  std::vector<SiteSection> sections;
};

// What the site layer needs from the configuration: site.toml and each section's _index.md.
struct SiteSetup {
  SiteConfig site;
  std::vector<SiteSection> sections;
};

// `content`: the entries under content/ at `rev`.
Result<SiteSetup> load_site_setup(Repository& repo, const std::string& rev,
                                  const std::vector<TreeEntry>& content);

// content/<section>/…/*.md except a section's _index.md: the pages of a site.
bool is_page_path(const std::string& path);

struct BlobEvaluation {
  std::string blob;
  bool approved = false;
  PageSource source;  // empty when the page cannot be read (reasons say page.invalid)
  std::vector<std::string> required_levels;
  std::vector<ReviewAttempt> approvals;  // the chain, when complete
  std::vector<Reason> reasons;           // why not approved
  std::vector<Finding> findings;         // check findings, when checks ran (minus waived)
  std::vector<Finding> waived;           // findings silenced by the final level's Review-Waive
};

// What evaluating a blob needs no reviews for: its text, parsed, and the checks' findings.
struct BlobContent {
  std::string text;
  std::optional<PageSource> source;  // nullopt: unparseable, `parse_error` says why
  std::string parse_error;
  std::optional<std::vector<Finding>> findings;  // once the checks ran (before waivers)
};

struct PageDecision {
  std::string path;
  std::string section;
  BlobEvaluation current;              // the blob at the revision, always checked
  std::optional<BlobEvaluation> live;  // what is published: current, or an older approved blob
  // Every publish_at / expires of the blobs evaluated: the decision holds for any `now` that
  // none of them separates from the one used (the build cache's validity window).
  std::vector<int64_t> time_events;
};

class Gate {
 public:
  // Fatal errors (design §4): repo.corrupt, config.invalid, governance.*.
  static Result<std::unique_ptr<Gate>> open(const GateOptions& options, FileSystem& fs,
                                            Reporter& reporter);

  const std::string& revision() const { return revision_; }
  Repository& repo() { return *repo_; }
  // The handle worker `worker` of `options.jobs` threads reads through (0 is repo()): libgit2
  // handles are not shared between threads.
  Repository& repo(int worker) { return worker == 0 ? *repo_ : *workers_[worker - 1]; }
  const GateConfig& config() const { return config_; }
  const History& history() const { return *history_; }
  const TrustRegion& trust() const { return trust_; }
  const ReviewLedger& ledger() const { return *ledger_; }
  const SignatureCache& signatures() const { return signatures_; }

  // Pages at the revision: content/<section>/…/*.md except _index.md, in path order.
  const std::vector<TreeEntry>& pages() const { return pages_; }

  Result<BlobEvaluation> evaluate(const std::string& path, const std::string& blob,
                                  bool check_even_if_unapproved);
  Result<PageDecision> decide(const TreeEntry& page);
  // The same, reading blobs through `repo`: libgit2 handles are not shared between threads, so
  // each worker of a parallel build passes its own handle on the same repository.
  Result<BlobEvaluation> evaluate(const std::string& path, const std::string& blob,
                                  bool check_even_if_unapproved, Repository& repo) const;
  // keep_current false: when the current blob is the one published, `current` keeps only blob
  // and verdict and its evaluation moves to `live` (a build needs no second copy).
  Result<PageDecision> decide(const TreeEntry& page, Repository& repo,
                              bool keep_current = true) const;
  // decide(pages()[index], repo, keep_current), starting from what GateOptions::prepare_pages
  // prepared for it. Call finish_preparing() first; each index at most once.
  Result<PageDecision> decide_page(std::size_t index, Repository& repo, bool keep_current) const;
  // Stops preparing pages (those not reached are decided from scratch) and waits for it;
  // `complete`: lets it go on to the last page (or its memory budget) first.
  void finish_preparing(bool complete = false);
  // After finish_preparing(): how many pages decide_page() will start from prepared content.
  std::size_t pages_prepared() const;
  ~Gate();

  // For a build, once the gate is open: frees the history's parsed commits (`form` reads them;
  // deciding pages needs only the history's trees and ancestry).
  void release_history_commits() { history_->release_commits(); }

  // Keeps newly verified signatures for the next run; failure only costs time.
  Status save_cache(FileSystem& fs) { return signatures_.save(fs); }
  // For a build, after save_cache: the verdicts are in the ledger by now.
  void release_signature_verdicts() { signatures_.release_verdicts(); }

 private:
  Gate() = default;
  Result<BlobContent> read_content(const std::string& path, const std::string& blob,
                                   Repository& repo) const;
  Result<std::vector<Finding>> check_content(const std::string& path, const std::string& text,
                                             const PageSource& source, Repository& repo) const;
  Result<BlobEvaluation> evaluate(const std::string& path, const std::string& blob,
                                  bool check_even_if_unapproved, Repository& repo,
                                  BlobContent* prepared) const;
  Result<PageDecision> decide(const TreeEntry& page, Repository& repo, bool keep_current,
                              BlobContent* prepared) const;
  void prepare_pages();
  GateOptions options_;
  std::unique_ptr<Repository> repo_;
  std::vector<std::unique_ptr<Repository>> workers_;  // options.jobs - 1 more handles
  std::string revision_;
  std::optional<History> history_;
  OpenPgpKeyring openpgp_keys_;
  SignatureCache signatures_;
  TrustRegion trust_;
  GateConfig config_;
  std::optional<ReviewLedger> ledger_;
  std::vector<TreeEntry> pages_;
  // Filled from the back by preparer_ until stop_preparing_; each slot is taken by the one
  // thread that decides that page, after the join.
  mutable std::vector<std::optional<BlobContent>> prepared_;
  std::atomic<bool> stop_preparing_{false};
  std::thread preparer_;
};

}  // namespace sanshen
