#include "core/pattern_scan.h"

#include <catch2/catch.hpp>

namespace sanshen {

TEST_CASE("every occurrence of every literal is reported with its start", "[pattern_scan]") {
  auto set = PatternSet::compile({{"口交", false}, {"路口交通", false}, {"abc", false}});
  REQUIRE(set);
  const std::string text = "路口交通abc口交";
  const auto matches = set->scan(text);
  REQUIRE(matches.size() == 4);
  CHECK((matches[0].literal == 1 && matches[0].begin == 0 && matches[0].end == 12));
  CHECK((matches[1].literal == 0 && matches[1].begin == 3 && matches[1].end == 9));
  CHECK((matches[2].literal == 2 && matches[2].begin == 12 && matches[2].end == 15));
  CHECK((matches[3].literal == 0 && matches[3].begin == 15 && matches[3].end == 21));
}

TEST_CASE("caseless literals ignore ASCII case and others do not", "[pattern_scan]") {
  auto set = PatternSet::compile({{"porn", true}, {"Abc", false}});
  REQUIRE(set);
  CHECK(set->scan("PoRn").size() == 1);
  CHECK(set->scan("abc").empty());
  CHECK(set->scan("Abc").size() == 1);
}

TEST_CASE("overlapping occurrences of one literal are all reported", "[pattern_scan]") {
  auto set = PatternSet::compile({{"aa", false}});
  REQUIRE(set);
  CHECK(set->scan("aaaa").size() == 3);
}

TEST_CASE("an empty literal list compiles and finds nothing", "[pattern_scan]") {
  auto set = PatternSet::compile({});
  REQUIRE(set);
  CHECK(set->scan("anything").empty());
}

TEST_CASE("an empty literal is config.invalid", "[pattern_scan]") {
  auto set = PatternSet::compile({{"a", false}, {"", false}});
  REQUIRE_FALSE(set);
  CHECK(set.error().rule == "config.invalid");
}

TEST_CASE("literals may contain NUL bytes", "[pattern_scan]") {
  auto set = PatternSet::compile({{std::string("a\0b", 3), false}});
  REQUIRE(set);
  CHECK(set->scan(std::string_view("xa\0b", 4)).size() == 1);
}

}  // namespace sanshen

namespace sanshen {

TEST_CASE("a serialized set loads back and finds the same matches", "[pattern_scan]") {
  const std::vector<Literal> literals = {{"口交", false}, {"porn", true}};
  auto set = PatternSet::compile(literals);
  REQUIRE(set);
  auto bytes = set->serialize();
  REQUIRE(bytes);
  auto loaded = PatternSet::load(literals, *bytes);
  REQUIRE(loaded);
  const std::string text = "PORN 口交";
  const auto a = set->scan(text);
  const auto b = loaded->scan(text);
  REQUIRE(a.size() == 2);
  REQUIRE(b.size() == 2);
  CHECK((a[0].begin == b[0].begin && a[1].literal == b[1].literal));
}

TEST_CASE("corrupt serialized bytes do not load", "[pattern_scan]") {
  const std::vector<Literal> literals = {{"口交", false}};
  auto set = PatternSet::compile(literals);
  REQUIRE(set);
  auto bytes = set->serialize();
  REQUIRE(bytes);
  CHECK_FALSE(PatternSet::load(literals, bytes->substr(0, bytes->size() / 2)));
  CHECK_FALSE(PatternSet::load(literals, "not a database"));
}

}  // namespace sanshen
