// terms.canonical (design §5): near-misses of the canonical terms in .sanshen/rules/terms.txt
// (`中华人民共和国` written `中华人民共合国`).
#pragma once

#include <string>
#include <vector>

#include "core/checks/check.h"
#include "core/result.h"

namespace sanshen {

struct CanonicalTerm {
  std::string text;  // normalized
  int line = 0;      // in terms.txt
};

// terms.txt: one term per line, `#` comments, blank lines. Terms have at least 4 characters:
// shorter ones have too many legitimate one-character neighbours to be checked this way.
// Errors "config.invalid" with .sanshen/rules/terms.txt:line.
Result<std::vector<CanonicalTerm>> parse_terms(std::string_view content);

// A near-miss is a stretch of text one inserted, deleted or substituted character away from a
// term, with the term's own first and last characters (`社会主义核心价值体系` is a different
// word, not a misspelt `社会主义核心价值观`), that overlaps no exact occurrence of any term
// (`中华人民共和国国务院` holds the term plus one character). Found by the pigeonhole principle:
// one edit leaves the term's first or second half intact, so both halves are literals and the
// text around each half match is compared with the term.
class CanonicalTerms final : public Check {
 public:
  explicit CanonicalTerms(std::vector<CanonicalTerm> terms);

  std::vector<std::string_view> rules() const override;
  std::vector<Literal> literals() const override;
  void run(const CheckText& text, std::span<const LiteralMatch> matches,
           std::vector<RuleHit>& out) const override;

 private:
  enum class Role { kExact, kHead, kTail };
  struct Term {
    std::string text;
    std::u32string chars;
    int line;
  };
  struct Pattern {
    std::size_t term;
    Role role;
  };
  std::vector<Term> terms_;
  std::vector<Literal> literals_;
  std::vector<Pattern> patterns_;  // parallel to literals_
};

}  // namespace sanshen
