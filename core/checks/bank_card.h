// Bank card number validation, for pii.bank-card.
#pragma once

#include <string_view>

namespace sanshen {

// The Luhn (ISO/IEC 7812) checksum of a digit string holds.
bool passes_luhn(std::string_view digits);

// 16–19 digits starting with a prefix that payment cards use: 3 (JCB, Diners), 4 (Visa), 5
// (Mastercard, many domestic debit cards), 6 (UnionPay 62, Discover, Maestro) or the Mastercard
// range 2221–2720. Other leading digits are left out because long serial, order and invoice
// numbers pass Luhn one time in ten; the rule stays quiet on them rather than refuse pages.
bool is_card_number_shape(std::string_view digits);

}  // namespace sanshen
