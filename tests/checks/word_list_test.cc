#include "core/checks/word_list.h"

#include <catch2/catch.hpp>

namespace sanshen {

TEST_CASE("word lists skip comments and blank lines and read allow contexts", "[checks]") {
  auto entries = parse_word_list("# 注释\n\n  赌博  \r\n口交|路口交通| 出口交易 \nPorn\n", "banned.txt");
  REQUIRE(entries);
  REQUIRE(entries->size() == 3);
  CHECK((*entries)[0].word == "赌博");
  CHECK((*entries)[0].line == 3);
  CHECK((*entries)[0].file == "banned.txt");
  CHECK((*entries)[1].allow == std::vector<std::string>{"路口交通", "出口交易"});
  CHECK_FALSE((*entries)[1].latin);
  CHECK((*entries)[2].latin);
}

TEST_CASE("word list entries are normalized like the text they match", "[checks]") {
  auto entries = parse_word_list("法 轮 功\n赌＊博|网上赌＊博\nＰＯＲＮ\n", "a.txt");
  REQUIRE(entries);
  CHECK((*entries)[0].word == "法轮功");
  CHECK((*entries)[1].word == "赌博");
  CHECK((*entries)[1].allow == std::vector<std::string>{"网上赌博"});
  CHECK((*entries)[2].word == "PORN");
}

TEST_CASE("a caseless entry accepts an allow context in another case", "[checks]") {
  CHECK(parse_word_list("sex|Sussex\n", "a.txt"));
}

TEST_CASE("bad word list lines are config.invalid at their line", "[checks]") {
  const char* bad[] = {
      "ok\n|context\n",          // empty word
      "ok\n赌博||赌博网站\n",     // empty allow context
      "ok\n口交|出口贸易\n",      // context without the word
      "ok\n赌博|赌博\n",          // context no longer than the word
  };
  for (const char* text : bad) {
    auto entries = parse_word_list(text, "banned.txt");
    INFO(text);
    REQUIRE_FALSE(entries);
    CHECK(entries.error().rule == "config.invalid");
    CHECK(entries.error().path == ".sanshen/rules/banned.txt");
    CHECK(entries.error().line == 2);
  }
}

TEST_CASE("invalid UTF-8 in a word list is reported with line and column", "[checks]") {
  auto entries = parse_word_list("赌博\n好\xfe\n", "banned.txt");
  REQUIRE_FALSE(entries);
  CHECK(entries.error().line == 2);
  CHECK(entries.error().col == 2);
}

}  // namespace sanshen
