#include "core/checks/credit_code.h"

namespace sanshen {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int value_of(char c) {
  const std::size_t i = kAlphabet.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

bool is_province(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) ||
         (code >= 31 && code <= 37) || (code >= 41 && code <= 46) ||
         (code >= 50 && code <= 54) || (code >= 61 && code <= 65) || code == 71 || code == 81 ||
         code == 82;
}

}  // namespace

bool is_uscc(std::string_view s) {
  if (s.size() != 18) return false;
  if (std::string_view("123456789ANY").find(s[0]) == std::string_view::npos) return false;
  for (std::size_t i = 2; i < 8; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  if (!is_province((s[2] - '0') * 10 + (s[3] - '0'))) return false;
  int sum = 0;
  int weight = 1;
  for (std::size_t i = 0; i < 17; ++i) {
    const int v = value_of(s[i]);
    if (v < 0) return false;
    sum += v * weight;
    weight = weight * 3 % 31;
  }
  const int check = (31 - sum % 31) % 31;
  return s[17] == kAlphabet[check];
}

}  // namespace sanshen
