// `sanshen status` (design §6): where each page stands in its review chain — the levels done and
// by whom, the next level and who may give it, the check state and which version is live — read
// from the gate's decision and ledger, in a Chinese-first text form and a stable JSON form.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/gate.h"
#include "core/result.h"
#include "core/review_chain.h"

namespace sanshen {

enum class PageState {
  kApproved,  // the current version passed: it is (or will be) live
  kPending,   // waiting for reviews
  kReturned,  // a valid return blocks this version for good; the editor must change the page
  kBlocked,   // reviews aside, something else refuses it (checks, front matter, time rules)
};

enum class LiveState { kCurrent, kFallback, kNone };

struct LevelProgress {
  std::string level;
  std::optional<ReviewAttempt> approval;  // the approval that counts for this level, if any
};

struct PersonRef {
  std::string id, name, title;
};

struct PageStatus {
  std::string path;
  std::string section;
  std::string title;  // empty when the page cannot be read
  std::string page_class;
  std::vector<std::string> topics;
  std::string blob;
  PageState state = PageState::kPending;
  // One entry per required level, in chain order. For a page that is not approved these are the
  // longest valid prefix of the chain (ordered by ancestry, one person per level).
  std::vector<LevelProgress> levels;
  std::optional<std::string> next_level;  // none when approved, returned or fully reviewed
  std::vector<PersonRef> next_reviewers;  // active, hold next_level, cover the section, unused
  std::vector<ReviewAttempt> returns;     // valid returns of this version
  std::vector<ReviewAttempt> invalid;     // attempts that count for nothing (`invalid` says why)
  std::vector<Reason> reasons;            // the gate's reasons the current version is refused
  std::vector<Finding> findings;          // check findings of the current version
  LiveState live = LiveState::kNone;
  std::string live_blob;
  std::vector<ReviewAttempt> live_approvals;  // the chain of the live version
};

struct StatusReport {
  std::string revision;
  std::vector<PageStatus> pages;
};

// `paths` filters the pages: a page matches a path equal to it or a directory containing it
// ("content/tzgg"). Errors: "page.invalid" when a filter matches no page at the revision; any
// error of Gate::decide (repo.corrupt).
Result<StatusReport> collect_status(Gate& gate, const std::vector<std::string>& paths);

// detail_all: every page in full; otherwise pages live as they stand get one line each, after
// the pages that still need someone to act.
std::string status_text(const StatusReport& report, bool detail_all);
std::string status_json(const StatusReport& report);

std::string_view page_state_id(PageState s);  // "approved" | "pending" | "returned" | "blocked"
std::string_view live_state_id(LiveState s);  // "current" | "fallback" | "none"

}  // namespace sanshen
