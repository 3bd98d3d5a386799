// pii.id-card and pii.bank-card (design §5): personal numbers published unmasked. Reads the
// normalized text, which around digits is the NFKC text, so full-width digits count; one scan
// serves both rules so that a number is never reported as both.
#pragma once

#include "core/checks/check.h"

namespace sanshen {

// Works on maximal runs of ASCII digits (a number inside a longer run is never a hit):
//   - pii.id-card: a run of 18 digits, or 17 digits and `X`/`x`, that is_id_card18 accepts; a
//     run of exactly 15 digits that is_id_card15 accepts. Masked forms (`4501**********1234`)
//     break the run and pass.
//   - pii.bank-card: a run of 16–19 digits, or groups of 4 digits joined by one space or one
//     hyphen (the same throughout) with a last group of 1–4 (`6222 0212 3456 7890 128`), that
//     passes Luhn and is_card_number_shape and is not an ID card number.
// Messages show the number masked (first and last four kept) so logs do not spread it.
class PersonalNumbers final : public Check {
 public:
  std::vector<RuleSpec> rules() const override;
  void run(const CheckText& text, std::span<const LiteralMatch> matches,
           std::vector<RuleHit>& out) const override;
};

}  // namespace sanshen
