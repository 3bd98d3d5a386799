#include "core/unicode_text.h"

#include <catch2/catch.hpp>

namespace sanshen {
namespace {

std::string original_of(const NormalizedText& n, std::string_view original, std::size_t begin,
                        std::size_t end) {
  const TextSpan span = n.original_span({begin, end});
  return std::string(original.substr(span.begin, span.end - span.begin));
}

}  // namespace

TEST_CASE("valid UTF-8 has no invalid offset", "[unicode_text]") {
  CHECK_FALSE(find_invalid_utf8(""));
  CHECK_FALSE(find_invalid_utf8("abc 中文 ★ 𠀀"));
}

TEST_CASE("the first invalid UTF-8 sequence is found by byte offset", "[unicode_text]") {
  CHECK(find_invalid_utf8("ab\xff") == 2u);
  CHECK(find_invalid_utf8("中\xe4\xb8") == 3u);        // truncated
  CHECK(find_invalid_utf8("\xc0\xaf") == 0u);          // overlong '/'
  CHECK(find_invalid_utf8("a\xed\xa0\x80") == 1u);     // surrogate
  CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0u);  // above U+10FFFF
  CHECK(find_invalid_utf8("中文\x80") == 6u);           // stray continuation byte
}

TEST_CASE("ASCII text normalizes to itself", "[unicode_text]") {
  const std::string text = "plain text * with - noise";
  const NormalizedText n = normalize(text);
  CHECK(n.text() == text);
  CHECK(original_of(n, text, 6, 10) == "text");
}

TEST_CASE("NFKC turns full-width letters, digits and punctuation into ASCII", "[unicode_text]") {
  const std::string text = "ＡＢＣ１２３，（注）　①ﬁ";
  const NormalizedText n = normalize(text);
  CHECK(n.text() == "ABC123,(注) 1fi");
}

TEST_CASE("NFKC composes a letter and a combining mark", "[unicode_text]") {
  const std::string text = "中e\u0301";
  const NormalizedText n = normalize(text);
  CHECK(n.text() == "中\u00e9");
  CHECK(original_of(n, text, 3, 5) == "e\u0301");
}

TEST_CASE("noise between Han characters is removed", "[unicode_text]") {
  CHECK(normalize("法*轮*功").text() == "法轮功");
  CHECK(normalize("赌 博").text() == "赌博");
  CHECK(normalize("赌\u200b\u200d博").text() == "赌博");
  CHECK(normalize("赌\u3000博").text() == "赌博");
  CHECK(normalize("赌＊ ·博").text() == "赌博");
}

TEST_CASE("noise not between two Han characters stays", "[unicode_text]") {
  CHECK(normalize("**赌博** a b").text() == "**赌博** a b");
  CHECK(normalize("赌 a 博").text() == "赌 a 博");
  CHECK(normalize("中文 ").text() == "中文 ");
}

TEST_CASE("line breaks and sentence punctuation are not noise", "[unicode_text]") {
  CHECK(normalize("赌\n博").text() == "赌\n博");
  CHECK(normalize("赌，博。好").text() == "赌,博。好");
}

TEST_CASE("text next to digits and letters is exactly the NFKC text", "[unicode_text]") {
  CHECK(normalize("号 ４５ 6222 0212-3456，x * y").text() == "号 45 6222 0212-3456,x * y");
}

TEST_CASE("normalized ranges map back to the original bytes", "[unicode_text]") {
  const std::string text = "前文\u200b赌*博，４５０";
  const NormalizedText n = normalize(text);
  REQUIRE(n.text() == "前文赌博,450");
  CHECK(original_of(n, text, 6, 12) == "赌*博");          // noise inside the range included
  CHECK(original_of(n, text, 0, 6) == "前文");            // noise after it is not
  CHECK(original_of(n, text, 13, 16) == "４５０");        // mapped code points widen
  CHECK(original_of(n, text, 14, 15) == "５");
}

TEST_CASE("traditional characters become simplified ones", "[unicode_text]") {
  CHECK(normalize("內容審核發佈").text() == "内容审核发布");
  CHECK(normalize("中華人民共和國").text() == "中华人民共和国");
  CHECK(normalize("简体中文不变").text() == "简体中文不变");
  // A CJK compatibility ideograph goes through NFKC and then the table.
  CHECK(normalize("\uF9FC").text() == normalize("\u8B58").text());
}

TEST_CASE("offsets: NFKC ranges map back to their source segment", "[unicode_text]") {
  const std::string text = "第⑴条ﬁ";
  const NormalizedText n = normalize(text);
  REQUIRE(n.text() == "第(1)条fi");
  CHECK(original_of(n, text, 3, 6) == "⑴");    // the whole expansion
  CHECK(original_of(n, text, 4, 5) == "⑴");    // inside it widens to the segment
  CHECK(original_of(n, text, 6, 9) == "条");
  CHECK(original_of(n, text, 9, 11) == "ﬁ");
}

TEST_CASE("offsets: full-width ASCII maps back character by character", "[unicode_text]") {
  const std::string text = "电话：１３８ＡＢ";
  const NormalizedText n = normalize(text);
  REQUIRE(n.text() == "电话:138AB");
  CHECK(original_of(n, text, 7, 10) == "１３８");
  CHECK(original_of(n, text, 8, 9) == "３");
  CHECK(original_of(n, text, 10, 12) == "ＡＢ");
  CHECK(original_of(n, text, 0, 6) == "电话");
}

TEST_CASE("offsets: simplified characters map back to the traditional ones", "[unicode_text]") {
  const std::string text = "甲賭博乙";
  const NormalizedText n = normalize(text);
  REQUIRE(n.text() == "甲赌博乙");
  CHECK(original_of(n, text, 3, 9) == "賭博");
  CHECK(original_of(n, text, 3, 6) == "賭");
  CHECK(original_of(n, text, 6, 12) == "博乙");  // exact text after a mapped character
  CHECK(LineIndex(text).position(n.original_span({6, 9}).begin).col == 3);
}

TEST_CASE("offsets: removed noise is inside the range and not at its edges", "[unicode_text]") {
  const std::string text = "赌 \u200b*博彩";
  const NormalizedText n = normalize(text);
  REQUIRE(n.text() == "赌博彩");
  CHECK(original_of(n, text, 0, 6) == "赌 \u200b*博");
  CHECK(original_of(n, text, 3, 9) == "博彩");
  CHECK(original_of(n, text, 0, 3) == "赌");
}

TEST_CASE("offsets: all steps at once keep line and column of the original", "[unicode_text]") {
  const std::string text = "第一行\n網 上 賭＊博，ＡＢ";
  const NormalizedText n = normalize(text);
  REQUIRE(n.text() == "第一行\n网上赌博,AB");
  const std::size_t at = n.text().find("赌博");
  const TextSpan span = n.original_span({at, at + 6});
  CHECK(text.substr(span.begin, span.end - span.begin) == "賭＊博");
  const TextPosition pos = LineIndex(text).position(span.begin);
  CHECK(pos.line == 2);
  CHECK(pos.col == 5);
}

// Runs of Han characters of 16 bytes and more are checked five at a time; the cases below put
// each kind of code point that leaves that path at different places in such runs.
TEST_CASE("long Han runs: a traditional character at any place is simplified", "[unicode_text]") {
  for (std::size_t at = 0; at < 48; at += 3) {
    std::string text = "一二三四五六七八九十一二三四五六";
    text.replace(at, 3, "國");
    std::string expected = "一二三四五六七八九十一二三四五六";
    expected.replace(at, 3, "国");
    const NormalizedText n = normalize(text);
    REQUIRE(n.text() == expected);
    CHECK(original_of(n, text, at, at + 3) == "國");
    CHECK(original_of(n, text, 0, 48) == text);
  }
}

TEST_CASE("long Han runs: full-width punctuation maps back character by character",
          "[unicode_text]") {
  const std::string text = "为深入贯彻落实党中央，国务院决策部署：（一）加强组织领导";
  const NormalizedText n = normalize(text);
  REQUIRE(n.text() == "为深入贯彻落实党中央,国务院决策部署:(一)加强组织领导");
  const std::size_t comma = n.text().find(',');
  CHECK(original_of(n, text, comma, comma + 1) == "，");
  CHECK(original_of(n, text, comma + 1, comma + 10) == "国务院");
  const std::size_t paren = n.text().find('(');
  CHECK(original_of(n, text, paren, paren + 5) == "（一）");
  CHECK(original_of(n, text, 0, n.text().size()) == text);
}

TEST_CASE("long Han runs: a combining mark takes the character before it along", "[unicode_text]") {
  const std::string text = "一二三四五\u0301六七八九十一二三四五";
  const NormalizedText n = normalize(text);
  REQUIRE(n.text() == text);                          // no Han character composes
  CHECK(original_of(n, text, 12, 15) == "五\u0301");  // one segment, not an exact copy
  CHECK(original_of(n, text, 9, 12) == "四");
  const std::string full_width = "中文中文中文Ｅ\u0301中文中文";
  const NormalizedText f = normalize(full_width);
  REQUIRE(f.text() == "中文中文中文\u00c9中文中文");
  CHECK(original_of(f, full_width, 18, 20) == "Ｅ\u0301");
}

TEST_CASE("long Han runs: noise between them is removed, overlong bytes are invalid",
          "[unicode_text]") {
  const std::string text = "一二三四五六七八九十 *十一二三四五";
  const NormalizedText n = normalize(text);
  REQUIRE(n.text() == "一二三四五六七八九十十一二三四五");
  CHECK(original_of(n, text, 27, 33) == "十 *十");
  // E0 81 81 would decode to "A" if overlong forms were accepted.
  CHECK(normalize("一二三四\xe0\x81\x81五六七八九").text() ==
        "一二三四\ufffd\ufffd\ufffd五六七八九");
}

TEST_CASE("ASCII noise stays unless it sits between Han characters", "[unicode_text]") {
  const std::string text = "## 二、工作要求\n2025-03-10，增长5.2%。一二三 - 四五（一）-x #六七";
  const NormalizedText n = normalize(text);
  REQUIRE(n.text() == "## 二、工作要求\n2025-03-10,增长5.2%。一二三四五(一)-x #六七");
  const std::size_t date = n.text().find("2025-03-10");
  CHECK(original_of(n, text, date, date + 10) == "2025-03-10");
  const std::size_t joined = n.text().find("三四");
  CHECK(original_of(n, text, joined, joined + 6) == "三 - 四");
  const std::size_t paren = n.text().find(")-x #");
  CHECK(original_of(n, text, paren, paren + 5) == "）-x #");
}

TEST_CASE("GB18030 bytes decode to UTF-8", "[unicode_text]") {
  CHECK(gb18030_to_utf8("\xd6\xd0\xce\xc4 ok") == "中文 ok");
}

TEST_CASE("invalid bytes normalize to U+FFFD and keep their place", "[unicode_text]") {
  const std::string text = "中\xff文";
  const NormalizedText n = normalize(text);
  CHECK(n.text() == "中\ufffd文");
  CHECK(original_of(n, text, 6, 9) == "文");
}

TEST_CASE("byte offsets become 1-based lines and code-point columns", "[unicode_text]") {
  const std::string text = "ab\n中文x\n\n𠀀z";
  const LineIndex lines(text);
  CHECK(lines.position(0).line == 1);
  CHECK(lines.position(0).col == 1);
  CHECK(lines.position(1).col == 2);
  CHECK(lines.position(3).line == 2);
  CHECK(lines.position(9).col == 3);  // x after two 3-byte characters
  CHECK(lines.position(11).line == 3);
  CHECK(lines.position(12).line == 4);
  CHECK(lines.position(16).col == 2);  // z after a 4-byte character
}

}  // namespace sanshen
