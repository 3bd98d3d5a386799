#include "core/checks/bank_card.h"

#include <catch2/catch.hpp>

#include <string>

namespace sanshen {

TEST_CASE("the Luhn checksum accepts valid numbers and rejects one changed digit", "[checks]") {
  // Synthetic: digits chosen for the test, last digit computed with Luhn.
  CHECK(passes_luhn("6222021234567890128"));
  CHECK(passes_luhn("4111111111111111"));
  CHECK_FALSE(passes_luhn("6222021234567890127"));
  CHECK_FALSE(passes_luhn("4111111111111112"));
  CHECK_FALSE(passes_luhn(""));
  CHECK_FALSE(passes_luhn("4111 1111"));
}

TEST_CASE("exactly one last digit completes a number under Luhn", "[checks]") {
  int valid = 0;
  for (char d = '0'; d <= '9'; ++d) valid += passes_luhn(std::string("622848001234567") + d);
  CHECK(valid == 1);
}

TEST_CASE("card numbers have 16 to 19 digits and a payment-card prefix", "[checks]") {
  CHECK(is_card_number_shape("6222021234567890128"));
  CHECK(is_card_number_shape("4111111111111111"));
  CHECK(is_card_number_shape("3528000000000000"));
  CHECK(is_card_number_shape("2221000000000009"));
  CHECK_FALSE(is_card_number_shape("2220000000000000"));
  CHECK_FALSE(is_card_number_shape("1234567890123452"));
  CHECK_FALSE(is_card_number_shape("9558800000000000"));
  CHECK_FALSE(is_card_number_shape("411111111111111"));
  CHECK_FALSE(is_card_number_shape("41111111111111111111"));
}

}  // namespace sanshen
