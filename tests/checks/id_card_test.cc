#include "core/checks/id_card.h"

#include <catch2/catch.hpp>

#include <string>

namespace sanshen {
namespace {

// A synthetic number: the caller picks region, birth date and sequence, the check character is
// computed; not a real person's number.
std::string synthetic_id(const std::string& first17) {
  return first17 + id_card_check_char(first17);
}

}  // namespace

TEST_CASE("the check character follows GB 11643", "[checks]") {
  // The worked example printed in GB 11643.
  CHECK(id_card_check_char("11010519491231002") == 'X');
  CHECK(id_card_check_char("45010220000229123") == '4');
}

TEST_CASE("an 18-digit number with a valid date, province and check character is an ID card",
          "[checks]") {
  CHECK(is_id_card18("11010519491231002X"));
  CHECK(is_id_card18("11010519491231002x"));
  CHECK(is_id_card18(synthetic_id("45010220000229123")));  // leap day
  CHECK(is_id_card18(synthetic_id("81000019000101001")));  // Hong Kong code, earliest year
}

TEST_CASE("a wrong check character, date or province is no ID card", "[checks]") {
  CHECK_FALSE(is_id_card18("110105194912310021"));
  CHECK_FALSE(is_id_card18(synthetic_id("11010119990230123")));  // 30 February
  CHECK_FALSE(is_id_card18(synthetic_id("45010219000229123")));  // 1900 is no leap year
  CHECK_FALSE(is_id_card18(synthetic_id("45010218991231123")));  // before 1900
  CHECK_FALSE(is_id_card18(synthetic_id("99010219900307001")));  // no province 99
  CHECK_FALSE(is_id_card18(synthetic_id("16010219900307001")));  // no province 16
  CHECK_FALSE(is_id_card18("1101051949123100"));
  CHECK_FALSE(is_id_card18("11010519491231002Y"));
}

TEST_CASE("a 15-digit old number needs a province and a real 19YY date", "[checks]") {
  CHECK(is_id_card15("110105491231002"));
  CHECK(is_id_card15("450102960229123"));        // 1996 is a leap year
  CHECK_FALSE(is_id_card15("450102000229123"));  // 1900-02-29 does not exist
  CHECK_FALSE(is_id_card15("110105491331002"));
  CHECK_FALSE(is_id_card15("990105491231002"));
  CHECK_FALSE(is_id_card15("11010549123100X"));
}

}  // namespace sanshen
