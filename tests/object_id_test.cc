#include "core/object_id.h"

#include <catch2/catch.hpp>

using namespace sanshen;

TEST_CASE("an object id goes to 20 bytes and back to git's lower-case hex", "[object_id]") {
  const std::string id = "0123456789abcdef00ff10203040506070a0b0c0";
  auto key = object_key(id);
  REQUIRE(key);
  CHECK((*key)[0] == 0x01);
  CHECK((*key)[7] == 0xef);
  CHECK((*key)[19] == 0xc0);
  CHECK(object_hex(*key) == id);
  auto upper = object_key("0123456789ABCDEF00FF10203040506070A0B0C0");
  REQUIRE(upper);
  CHECK(*upper == *key);
}

TEST_CASE("anything but 40 hex digits is not an object id", "[object_id]") {
  CHECK_FALSE(object_key(""));
  CHECK_FALSE(object_key("0123456789abcdef00ff10203040506070a0b0c"));
  CHECK_FALSE(object_key("0123456789abcdef00ff10203040506070a0b0c00"));
  CHECK_FALSE(object_key("0123456789abcdef00ff10203040506070a0b0cg"));
  CHECK_FALSE(object_key("0123456789abcdef00ff10203040506070a0b0c "));
  CHECK_FALSE(object_key(std::string(39, '0') + '\0'));
}

TEST_CASE("hex_lower prints every byte as two lower-case digits", "[object_id]") {
  const unsigned char bytes[] = {0x00, 0x0a, 0xff, 0x5c};
  CHECK(hex_lower(bytes, 4) == "000aff5c");
  CHECK(hex_lower(bytes, 0).empty());
}
