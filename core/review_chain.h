// The gate (design §4.1–4.5): which review commits count, and whether a page blob has a full,
// ordered chain of approvals by distinct authorized people.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/git_repo.h"
#include "core/governance.h"
#include "core/history.h"
#include "core/object_id.h"
#include "core/policy.h"
#include "core/reporter.h"
#include "core/result.h"
#include "core/roster.h"
#include "core/roster_cache.h"
#include "core/signature_cache.h"
#include "core/trailers.h"

namespace sanshen {

struct Reason {
  std::string rule;     // e.g. "review.missing-level"
  std::string message;  // Chinese-first; names the commit and level where it has them
};

// One review commit as it applies to one page blob.
struct ReviewAttempt {
  std::string commit;
  int64_t time = 0;  // committer time
  std::string level;
  Decision decision = Decision::kApprove;
  std::string opinion;
  std::vector<Waiver> waivers;
  std::string reviewer_id;  // empty when the key is not in the roster
  std::string reviewer_name;
  std::string reviewer_title;
  std::string fingerprint;        // of the signing key, when the signature verified
  std::optional<Reason> invalid;  // set when this review counts for nothing, and why
};

// Which pages a build (or one shard of it) decides.
using PageFilter = std::function<bool(std::string_view path)>;

// The page paths a review commit's message names, read leniently (also from malformed trailer
// blocks): enough to tell whether a shard needs the commit at all.
std::vector<std::string> review_page_paths(std::string_view message);

// Every review commit reachable from the build revision, verified once and indexed by the
// (path, blob) pairs it names.
class ReviewLedger {
 public:
  // build_roster: the roster at the build revision, whose `revoked` entries void old signatures.
  // Reviews outside `trust` (before or beside the introduction) count for nothing.
  // keep_page, when set, limits the ledger to those pages (a shard of the site): reviews of
  // other pages are not verified at all.
  static Result<ReviewLedger> collect(Repository& repo, const History& history,
                                      const TrustRegion& trust, const Policy& policy,
                                      const Roster& build_roster, SignatureCache& signatures,
                                      RosterCache& rosters, const PageFilter& keep_page = {});

  // The attempts on one blob of a page, children before parents as in the history.
  std::vector<ReviewAttempt> attempts(const std::string& path, const std::string& blob) const;
  // Blobs of `path` that have at least one review attempt, sorted.
  std::vector<std::string> reviewed_blobs(const std::string& path) const;
  std::size_t review_commit_count() const { return review_commits_; }

 private:
  // A ReviewAttempt with its repeated texts (levels, opinions, people, keys) kept once in
  // texts_: a site of 100,000 pages has 300,000 attempts and a handful of reviewers.
  struct StoredAttempt {
    ObjectKey commit{};
    Decision decision = Decision::kApprove;
    int64_t time = 0;
    uint32_t level = 0, opinion = 0, reviewer_id = 0, reviewer_name = 0, reviewer_title = 0,
             fingerprint = 0;
    uint32_t waivers = 0;  // 1 + index into waivers_; 0 for none
    uint32_t invalid = 0;  // 1 + index into invalid_; 0 for a valid attempt
  };
  struct BlobAttempts {
    std::string blob;
    std::vector<StoredAttempt> attempts;
  };

  void add(const std::string& path, const std::string& blob, const ReviewAttempt& attempt);
  uint32_t text_id(const std::string& text);
  ReviewAttempt expand(const StoredAttempt& stored) const;

  std::map<std::string, std::vector<BlobAttempts>> by_page_;
  std::vector<std::string> texts_;
  std::unordered_map<std::string, uint32_t> text_ids_;
  std::vector<std::vector<Waiver>> waivers_;
  std::vector<Reason> invalid_;
  std::size_t review_commits_ = 0;
};

struct ChainVerdict {
  bool approved = false;
  std::vector<ReviewAttempt> approvals;  // one per required level, in chain order
  std::vector<Reason> reasons;           // why not approved (empty when approved)
};

// Evaluates rules 3–5 for one blob: required levels each approved, each level's review a
// descendant of the previous one, one person per level, no valid return.
ChainVerdict evaluate_chain(const ReviewLedger& ledger, const History& history,
                            const std::string& path, const std::string& blob,
                            const std::vector<std::string>& required_levels);

// "content/<section>/..." -> "<section>"; "" for paths outside content/.
std::string section_of(const std::string& path);

}  // namespace sanshen
