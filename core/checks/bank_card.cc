#include "core/checks/bank_card.h"

namespace sanshen {

bool passes_luhn(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool twice = false;  // every second digit from the right is doubled
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool is_card_number_shape(std::string_view digits) {
  if (digits.size() < 16 || digits.size() > 19) return false;
  for (char c : digits)
    if (c < '0' || c > '9') return false;
  if (digits[0] >= '3' && digits[0] <= '6') return true;
  const int prefix = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 +
                     (digits[2] - '0') * 10 + (digits[3] - '0');
  return prefix >= 2221 && prefix <= 2720;
}

}  // namespace sanshen
