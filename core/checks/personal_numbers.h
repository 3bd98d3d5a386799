// pii.id-card, pii.bank-card, pii.mobile and pii.uscc (design §5): personal numbers published
// unmasked. Reads the normalized text, which around digits is the NFKC text, so full-width
// digits count; one scan serves all four rules so that a number is reported under one rule only.
#pragma once

#include "core/checks/check.h"

namespace sanshen {

// Works on maximal runs of ASCII digits (a number inside a longer run is never a hit):
//   - pii.id-card: a run of 18 digits, or 17 digits and `X`/`x`, that is_id_card18 accepts; a
//     run of exactly 15 digits that is_id_card15 accepts. Masked forms (`4501**********1234`)
//     pass, except an 18-character mask that still shows a valid birth date and at least two
//     of the last four characters (`450103199001****34`): a warning, since birth date and tail
//     together narrow a person down.
//   - pii.bank-card: a run of 16–19 digits, or groups of 4 digits joined by one space or one
//     hyphen (the same throughout) with a last group of 1–4 (`6222 0212 3456 7890 128`), that
//     passes Luhn and is_card_number_shape and is not an ID card number.
//   - pii.mobile: 11 digits `1[3-9]\d{9}`, also grouped 3-4-4 by a space or hyphen and after a
//     `+86`/`86` prefix, not touching an ASCII letter (then it is part of a code). Masked forms
//     (`138****5678`) pass.
//   - pii.uscc: an 18-character token of digits and uppercase letters, not touching other
//     letters or digits, that is_uscc accepts and is not an ID card number.
// Messages show the number masked (first and last four kept) so logs do not spread it.
class PersonalNumbers final : public Check {
 public:
  std::vector<std::string_view> rules() const override;
  void run(const CheckText& text, std::span<const LiteralMatch> matches,
           std::vector<RuleHit>& out) const override;
};

}  // namespace sanshen
