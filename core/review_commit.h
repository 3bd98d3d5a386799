// `sanshen review` (design §3, §6): a reviewer's decision on the committed version of one or more
// pages, recorded as a signed, empty commit whose trailers name each page's blob. Preparing is
// separate from committing so the command can show every problem before anything is written.
#pragma once

#include <string>
#include <vector>

#include "core/file_system.h"
#include "core/finding.h"
#include "core/result.h"
#include "core/trailers.h"

namespace sanshen {

// Runs programs (git) for review; a seam so tests can watch the exact commands.
class ProcessRunner {
 public:
  struct Output {
    int exit_code = 0;
    std::string out;
    std::string err;
  };
  virtual ~ProcessRunner() = default;
  // argv[0] is looked up on PATH; stdin is empty. Error only when the program cannot be run.
  virtual Result<Output> run(const std::vector<std::string>& argv) = 0;
};

ProcessRunner& real_process_runner();

struct ReviewRequest {
  std::string repo_path = ".";
  std::vector<std::string> paths;  // repository paths, "content/<section>/….md"
  std::string level;
  Decision decision = Decision::kApprove;
  std::string opinion;
  std::vector<Waiver> waivers;
};

// `--waive rule:path[:line]`. Error "review.waive" when malformed.
Result<Waiver> parse_waiver_option(const std::string& text);

struct PlannedPage {
  std::string path;
  std::string blob;   // at HEAD
  std::string title;  // from front matter; the path when unreadable
  std::vector<std::string> required_levels;
  std::string date;               // displayed `date` from front matter, "" when none
  std::vector<Finding> findings;  // content checks with the working tree's rules
  std::vector<Error> problems;    // why this page cannot be reviewed as asked
};

struct ReviewPlan {
  std::string git_dir;  // absolute
  std::string head;     // the commit whose tree is reviewed; the review commit's parent
  std::vector<PlannedPage> pages;
  std::string message;  // subject, blank line, trailer block
  int backdate_tolerance_hours = 24;  // from the policy at HEAD

  bool ready() const;  // no page has a problem
};

// Reads HEAD, refuses paths with uncommitted changes, runs the checks, validates the level and
// waivers against the committed policy and builds the message. Page-level problems go into the
// plan (every one is reported, nothing is committed); errors are for the request as a whole:
// "review.unknown-level", "review.waive", "repo.corrupt", "config.invalid".
// Problem rules: "review.not-a-page", "review.dirty", "review.level-not-required",
// "checks.failed", "review.waive", "page.invalid".
Result<ReviewPlan> plan_review(const ReviewRequest& request, FileSystem& fs, ProcessRunner& runner);

struct ReviewCommit {
  std::string commit;
  std::string fingerprint;  // of the signing key when sanshen could verify it (SSH); else ""
  std::string reviewer_id;  // the roster entry holding that key at HEAD; "" when none
  std::string reviewer_name;
  std::vector<std::string> warnings;  // why the review may count for nothing
};

// Creates the commit with `git commit -S` and the user's own signing configuration, leaving the
// index and work tree as they are. When the configured SSH key can be read, its roster entry at
// HEAD is checked first, so a review that could never count is not written. Errors:
// "review.signing" (signing not configured or git could not sign), "review.unknown-key" and
// "review.not-authorized" (the configured key), "review.dirty" (HEAD moved since planning),
// "repo.corrupt".
Result<ReviewCommit> create_review_commit(const ReviewRequest& request, const ReviewPlan& plan,
                                          FileSystem& fs, ProcessRunner& runner);

}  // namespace sanshen
