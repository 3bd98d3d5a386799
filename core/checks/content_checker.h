// Content checks (错敏检测, design §5): the rules in force at a revision, compiled once, applied
// to any number of files from any number of threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/pattern_scan.h"
#include "core/result.h"

namespace sanshen {

class Check;

class ContentChecker {
 public:
  // rule_files: path relative to .sanshen/rules/ (e.g. "banned.txt") -> file content. Every
  // `*.txt` except `terms.txt` is a banned-word list for words.banned; other files belong to
  // rules not run yet and only enter the digest.
  // severity: overrides of default severities by rule id (from policy [checks.severity]); ids
  // of rules not run yet are kept for the digest and otherwise ignored.
  // Errors: "config.invalid" with path:line for a bad rule file.
  static Result<std::unique_ptr<ContentChecker>> create(
      const std::map<std::string, std::string>& rule_files,
      const std::map<std::string, Severity>& severity);

  ContentChecker(const ContentChecker&) = delete;
  ContentChecker& operator=(const ContentChecker&) = delete;
  ~ContentChecker();

  // Checks one file's full text (front matter + Markdown). Thread-safe (per-call scratch).
  // Findings sorted by line, col; severity kOff findings are dropped. Invalid UTF-8 adds one
  // "page.invalid" error at the first bad byte; the rest is still checked.
  std::vector<Finding> check(std::string_view path, std::string_view text) const;
  std::vector<std::string> rule_ids() const;  // the rules that ran (not off), sorted
  std::string rules_digest() const;           // sha256 hex over rule files + severities

 private:
  // Which check asked for a compiled literal, and under which of its own indices.
  struct LiteralOwner {
    std::size_t check;
    std::size_t literal;
  };

  ContentChecker(std::vector<std::unique_ptr<Check>> checks, PatternSet patterns,
                 std::vector<std::vector<LiteralOwner>> owners,
                 std::map<std::string, Severity> severity, std::string digest);

  std::vector<std::unique_ptr<Check>> checks_;  // only checks with a rule that is not off
  PatternSet patterns_;
  std::vector<std::vector<LiteralOwner>> owners_;  // by compiled literal index
  std::map<std::string, Severity> severity_;       // effective, every rule of checks_
  std::string digest_;
};

}  // namespace sanshen
