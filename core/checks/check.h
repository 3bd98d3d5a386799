// The interface every content-check family implements (design §5). ContentChecker owns the
// checks, compiles their literals into its one pattern database, normalizes each file once and
// hands every check the texts and its own literal matches.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/front_matter.h"
#include "core/pattern_scan.h"
#include "core/unicode_text.h"

namespace sanshen {

// One file as the checks see it.
struct CheckText {
  std::string_view original;
  // NFKC with noise between Han characters removed (unicode_text.h). Words and markers match
  // across the removed noise; numbers read it as plain NFKC text, which it is around them.
  const NormalizedText& normalized;
  // The page's parsed front matter; null for attachments and for text that has none.
  const PageMeta* meta = nullptr;
  // The section's kind (`list`, `xxgk`, …); empty when unknown.
  std::string_view section_kind;
};

// A finding before ContentChecker resolves position and severity.
struct RuleHit {
  std::string rule;
  TextSpan original;  // byte range in CheckText::original
  std::string message;
  // Reported as a warning even when the rule is an error (a partly masked ID number); `off`
  // still silences it.
  bool at_most_warning = false;
};

class Check {
 public:
  virtual ~Check() = default;
  // The rule ids this check can report (core/checks/rule_ids.h has their defaults).
  virtual std::vector<std::string_view> rules() const = 0;
  // Literals to look for in CheckText::normalized; their indices are this check's own.
  virtual std::vector<Literal> literals() const { return {}; }
  // matches: this check's literal matches in text.normalized (literal = index into literals()),
  // sorted by begin.
  virtual void run(const CheckText& text, std::span<const LiteralMatch> matches,
                   std::vector<RuleHit>& out) const = 0;
};

}  // namespace sanshen
