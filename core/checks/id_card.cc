#include "core/checks/id_card.h"

namespace sanshen {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool is_province(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) ||
         (code >= 31 && code <= 37) || (code >= 41 && code <= 46) ||
         (code >= 50 && code <= 54) || (code >= 61 && code <= 65) || code == 71 || code == 81 ||
         code == 82;
}

bool is_date(int year, int month, int day) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

}  // namespace

char id_card_check_char(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

bool is_id_card18(std::string_view s) {
  if (s.size() != 18 || !all_digits(s.substr(0, 17))) return false;
  const char last = s[17] == 'x' ? 'X' : s[17];
  return is_province(number(s.substr(0, 2))) &&
         is_date(number(s.substr(6, 4)), number(s.substr(10, 2)), number(s.substr(12, 2))) &&
         id_card_check_char(s) == last;
}

bool is_id_card15(std::string_view s) {
  return s.size() == 15 && all_digits(s) && is_province(number(s.substr(0, 2))) &&
         is_date(1900 + number(s.substr(6, 2)), number(s.substr(8, 2)), number(s.substr(10, 2)));
}

}  // namespace sanshen
