// words.banned (design §5): the site's banned word lists, with allow contexts.
#pragma once

#include <vector>

#include "core/checks/check.h"
#include "core/checks/word_list.h"

namespace sanshen {

// A word hit is a finding unless it lies inside an occurrence of one of its entry's allow
// contexts. Latin entries match caselessly and only as whole ASCII words. A hit inside a longer
// hit (`法轮` inside `法轮功`) is not reported twice. Entries with the same word merge.
class BannedWords final : public Check {
 public:
  explicit BannedWords(std::vector<WordEntry> entries);

  std::vector<std::string_view> rules() const override;
  std::vector<Literal> literals() const override;
  void run(const CheckText& text, std::span<const LiteralMatch> matches,
           std::vector<RuleHit>& out) const override;

 private:
  struct Role {
    std::size_t entry;
    bool allow;  // an allow context of the entry rather than its word
  };
  std::vector<WordEntry> entries_;
  std::vector<Literal> literals_;
  std::vector<Role> roles_;  // parallel to literals_
};

}  // namespace sanshen
