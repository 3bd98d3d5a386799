// Content checks (错敏检测, design §5): the rules in force at a revision, compiled once, applied
// to any number of files from any number of threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/front_matter.h"
#include "core/pattern_scan.h"
#include "core/result.h"

namespace sanshen {

class Check;
struct Policy;

struct CheckerConfig {
  // Path relative to .sanshen/rules/ (e.g. "banned.txt") -> file content. `terms.txt` holds
  // canonical terms, `leaders.toml` the leader table, every other `*.txt` is a banned-word list
  // (design §5); other files only enter the digest.
  std::map<std::string, std::string> rule_files;
  // Overrides of the default severities (core/checks/rule_ids.h) by rule id, from policy
  // [checks.severity]. time.backdated is the gate's and only enters the digest here.
  std::map<std::string, Severity> severity;
  std::vector<std::string> link_allow;  // policy [links], lowercase domains
  std::vector<std::string> link_deny;
  // policy [repost] sources; empty means the national outlets: people.com.cn (人民日报),
  // news.cn and xinhuanet.com (新华社), www.gov.cn (中国政府网).
  std::vector<std::string> repost_sources;
  // Directory for the compiled pattern database, reused while the patterns are unchanged; ""
  // compiles every time. A cache file that fails its checksum or does not load is recompiled
  // and replaced; failing to write one is not an error.
  std::string cache_dir;
};

// One file to check.
struct CheckInput {
  std::string_view path;  // repository path, as findings will name it
  std::string_view text;  // the whole file: front matter and Markdown
  // Parsed front matter of a page; null skips meta.required and repost.source.
  const PageMeta* meta = nullptr;
  // Kind of the page's section (`list`, `xxgk`, … from its _index.md); meta.required uses it.
  std::string_view section_kind;
};

class ContentChecker {
 public:
  // Errors: "config.invalid" with path:line for a bad rule file.
  static Result<std::unique_ptr<ContentChecker>> create(const CheckerConfig& config);
  // The rule files and the policy's severities, link lists and repost sources.
  static Result<std::unique_ptr<ContentChecker>> create(
      const std::map<std::string, std::string>& rule_files, const Policy& policy,
      std::string cache_dir = {});
  // Rule files and severities only: no link allow/deny lists, default repost sources.
  static Result<std::unique_ptr<ContentChecker>> create(
      const std::map<std::string, std::string>& rule_files,
      const std::map<std::string, Severity>& severity);

  ContentChecker(const ContentChecker&) = delete;
  ContentChecker& operator=(const ContentChecker&) = delete;
  ~ContentChecker();

  // Checks one file. Thread-safe (per-call scratch). Findings sorted by line, col; severity
  // kOff findings are dropped. Invalid UTF-8 adds one "page.invalid" error at the first bad
  // byte; the rest is still checked.
  std::vector<Finding> check(const CheckInput& input) const;
  std::vector<Finding> check(std::string_view path, std::string_view text) const;

  // Checks an attachment (`static/…`): its text is extracted (attachment_text.h) and checked
  // like a page without front matter; line:col are in the extracted text. An attachment whose
  // text cannot be extracted gives one "page.invalid" error, since what it says is unknown.
  // Types without text (images, archives…) give no findings.
  std::vector<Finding> check_attachment(std::string_view path, std::string_view bytes) const;

  std::vector<std::string> rule_ids() const;  // the rules that ran (not off), sorted
  std::string rules_digest() const;           // sha256 hex over rule files, severities, lists
  bool patterns_from_cache() const { return patterns_from_cache_; }

 private:
  // Which check asked for a compiled literal, and under which of its own indices.
  struct LiteralOwner {
    std::size_t check;
    std::size_t literal;
  };

  ContentChecker(std::vector<std::unique_ptr<Check>> checks, PatternSet patterns,
                 std::vector<std::vector<LiteralOwner>> owners,
                 std::map<std::string, Severity> severity, std::string digest, bool from_cache);

  std::vector<std::unique_ptr<Check>> checks_;  // only checks with a rule that is not off
  PatternSet patterns_;
  std::vector<std::vector<LiteralOwner>> owners_;  // by compiled literal index
  std::map<std::string, Severity> severity_;       // effective, every rule of checks_
  std::string digest_;
  bool patterns_from_cache_ = false;
};

}  // namespace sanshen
