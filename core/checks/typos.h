// text.typo (design §5): slips a proofreader (校对) catches.
#pragma once

#include "core/checks/check.h"

namespace sanshen {

// - A doubled function character (`的的`, `了了`, `是是`, `和和`, `与与`, `及及`, `把把`, `被被`,
//   `从从`, `于于`, `并并`, `或或`, `其其`, `该该`) unless it reads as a word boundary that is
//   fine (`目的的`, `的的确确`, `为了了解`, `不了了之`, `是是否`, `是是非非`, `和和谐`, `以及及时`,
//   `自从从事` …). Reduplication of content characters (层层, 往往, 天天, 人人, 常常, 谢谢) is
//   ordinary Chinese and never checked.
// - A doubled common two-character word (`我们我们`, `进行进行`, `根据根据` …).
// - Doubled CJK sentence punctuation `。。` `，，` `、、` `；；` `：：` in the original text.
// - Unpaired `《》`, `“”` or brackets (full-width or ASCII) within a paragraph (text between
//   blank lines). A list marker `1)`, `一）` at the start of a line is not an unpaired bracket; an
//   unclosed `“` is fine when the next paragraph opens with `“` (a quotation over paragraphs).
// - A date `M月D日` or `YYYY年M月D日` (or `YYYY-MM-DD` in the body) that does not exist
//   (`2月30日`, `13月1日`); February 29 only in leap years when the year is given.
// Nothing joins across a line break: the normalized text keeps them.
// The doubles and `月` are literals of the shared pattern database, so only the bracket pass
// walks the whole text, byte by byte.
class Typos final : public Check {
 public:
  Typos();
  std::vector<std::string_view> rules() const override;
  std::vector<Literal> literals() const override;
  void run(const CheckText& text, std::span<const LiteralMatch> matches,
           std::vector<RuleHit>& out) const override;

 private:
  std::vector<Literal> literals_;  // doubled characters, doubled words, then `月`
  std::size_t words_begin_ = 0;    // first doubled-word literal
  std::size_t month_ = 0;          // the `月` literal
};

}  // namespace sanshen
