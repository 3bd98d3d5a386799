// leaders.title (design §5): leaders' names and titles from .sanshen/rules/leaders.toml.
#pragma once

#include <string>
#include <vector>

#include "core/checks/check.h"
#include "core/result.h"

namespace sanshen {

// One `[[leader]]` of leaders.toml: a person holding a title, optionally only from/until a date
// (`YYYY-MM-DD`, both inclusive). A person with several titles has several entries.
struct LeaderEntry {
  std::string name;   // normalized
  std::string title;  // normalized
  std::string from, until;
  int line = 0;
};

// Errors "config.invalid" with .sanshen/rules/leaders.toml:line:col: unknown keys, a missing or
// non-Han name, a missing title, a date that is not YYYY-MM-DD, from after until.
Result<std::vector<LeaderEntry>> parse_leaders(std::string_view toml_text);

// Where a leader's name stands right after a title (`副县长赵军`) or right before one
// (`孙立县长`, unless another leader's name follows that title), the title must be one the
// person holds on the page's date (front matter `date`; any entry when there is none). Titles
// are the table's own plus common ones (书记, 县长, 主任, 局长 …), the longest that fits; a
// shorter form of the held title is fine (`书记` for `县委书记`) but not one that drops `副`
// (`县长赵军` for 副县长 赵军).
// A one-character variant of a leader's name (same surname, one other character different:
// `孙丽` for `孙立`) next to a title that person holds is a finding too; a name that is itself
// in the table is never a variant.
class LeaderTitles final : public Check {
 public:
  explicit LeaderTitles(std::vector<LeaderEntry> entries);

  std::vector<std::string_view> rules() const override;
  std::vector<Literal> literals() const override;
  void run(const CheckText& text, std::span<const LiteralMatch> matches,
           std::vector<RuleHit>& out) const override;

 private:
  std::vector<LeaderEntry> entries_;
  std::vector<std::string> names_;   // distinct, literal i
  std::vector<std::string> titles_;  // distinct, literal names_.size() + i
};

}  // namespace sanshen
