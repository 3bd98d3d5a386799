#include "core/front_matter.h"

#include <catch2/catch.hpp>

#include "tests/support/test_env.h"

using namespace sanshen;

namespace {

std::string fixture(const std::string& name) {
  return testing::read_file(testing::source_dir() + "/tests/cases/front_matter/" + name);
}

}  // namespace

TEST_CASE("a page with every field keeps each value exactly as written", "[front_matter]") {
  auto page = parse_page(fixture("valid.md"), "content/tzgg/yusuan.md");
  REQUIRE(page.ok());
  const PageMeta& m = page->meta;
  CHECK(m.title == "关于2024年县级预算公开的通知");
  CHECK(m.date == "2024-05-01 09:30");
  CHECK(m.page_class == "重要");
  CHECK(m.topics == std::vector<std::string>{"预决算", "招投标"});
  CHECK(m.source == "县财政局");
  CHECK(m.author == "张三");
  CHECK(m.publish_at == "2024-05-01");
  CHECK(m.expires == "2025-05-01 00:00");
  CHECK(m.related == std::vector<std::string>{"content/zcjd/yusuan-jiedu.md"});
  CHECK(m.attachments == std::vector<std::string>{"/static/files/yusuan.pdf"});
  CHECK(m.index_no == "11510000MB0000000X/2024-00001");
  CHECK(m.issuer == "某某县人民政府");
  CHECK(m.doc_no == "某府发〔2024〕1号");
  CHECK(m.written == "2024-04-28");
  CHECK(m.subject == "财政、金融、审计");
  CHECK(m.validity == "有效");
  CHECK(page->body == "# 正文\n\n第一段。\n");
  CHECK(page->body_line == 21);
}

TEST_CASE("a page with only a title gets the default class 一般", "[front_matter]") {
  auto page = parse_page(fixture("minimal.md"), "content/a/b.md");
  REQUIRE(page.ok());
  CHECK(page->meta.title == "只有标题");
  CHECK(page->meta.page_class == "一般");
  CHECK(page->meta.date.empty());
  CHECK(page->body == "正文\n");
  CHECK(page->body_line == 4);
}

TEST_CASE("a leading BOM and CRLF line endings are accepted", "[front_matter]") {
  auto page = parse_page(fixture("bom_crlf.md"), "content/a/b.md");
  REQUIRE(page.ok());
  CHECK(page->meta.title == "带 BOM 和 CRLF");
  CHECK(page->meta.date == "2024-02-29");
  CHECK(page->body == "正文\r\n");
  CHECK(page->body_line == 5);
}

TEST_CASE("each malformed page is refused with page.invalid at the exact line and column",
          "[front_matter]") {
  struct Case {
    const char* file;
    int line, col;
    const char* message_part;
  };
  const Case cases[] = {
      {"invalid_utf8.md", 3, 10, "UTF-8"},
      {"missing_front_matter.md", 1, 1, "missing front matter"},
      {"unterminated.md", 1, 1, "unterminated front matter"},
      {"yaml_syntax.md", 4, 1, "YAML"},
      {"unknown_field.md", 3, 1, "did you mean title"},
      {"duplicate_field.md", 3, 1, "duplicate field"},
      {"topics_not_list.md", 3, 9, "expected a list"},
      {"topics_item_not_string.md", 3, 15, "list items must be strings"},
      {"title_not_string.md", 3, 3, "expected a string"},
      {"missing_title.md", 1, 1, "missing title"},
      {"bad_date.md", 3, 7, "bad date"},
      {"bad_date_calendar.md", 3, 7, "bad date"},
      {"bad_class.md", 3, 8, "bad class"},
      {"bad_validity.md", 3, 11, "bad validity"},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    auto page = parse_page(fixture(c.file), "content/a/b.md");
    REQUIRE_FALSE(page.ok());
    CHECK(page.error().rule == "page.invalid");
    CHECK(page.error().path == "content/a/b.md");
    CHECK(page.error().line == c.line);
    CHECK(page.error().col == c.col);
    CHECK_THAT(page.error().message, Catch::Contains(c.message_part));
  }
}

TEST_CASE("a page larger than 4 MiB is refused before parsing", "[front_matter]") {
  std::string text = "---\ntitle: 大文件\n---\n";
  text.append(kMaxPageBytes, 'a');
  auto page = parse_page(text, "content/a/big.md");
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().rule == "page.invalid");
  CHECK_THAT(page.error().message, Catch::Contains("4 MiB"));
}

TEST_CASE("a section index gives title, order and kind", "[front_matter]") {
  auto section = parse_section_index(fixture("section_index.md"), "content/zwgk/_index.md");
  REQUIRE(section.ok());
  CHECK(section->title == "政务公开");
  CHECK(section->order == 2);
  CHECK(section->kind == "xxgk");

  auto plain = parse_section_index("---\ntitle: 通知公告\n---\n", "content/tzgg/_index.md");
  REQUIRE(plain.ok());
  CHECK(plain->order == 0);
  CHECK(plain->kind == "list");
}

TEST_CASE("a section index with a bad kind or order is refused at the value", "[front_matter]") {
  auto kind = parse_section_index(fixture("section_bad_kind.md"), "content/zwgk/_index.md");
  REQUIRE_FALSE(kind.ok());
  CHECK(kind.error().line == 3);
  CHECK(kind.error().col == 7);
  CHECK_THAT(kind.error().message, Catch::Contains("bad kind"));

  auto order = parse_section_index(fixture("section_bad_order.md"), "content/zwgk/_index.md");
  REQUIRE_FALSE(order.ok());
  CHECK(order.error().line == 3);
  CHECK(order.error().col == 8);

  auto unknown = parse_section_index("---\ntitle: 栏目\nsort: 1\n---\n", "content/x/_index.md");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().line == 3);
  CHECK_THAT(unknown.error().message, Catch::Contains("sort"));
}

TEST_CASE("front matter reads YAML's anchors, quoting, null forms and folded text",
          "[front_matter]") {
  auto page = parse_page(
      "---\n"
      "title: &t 关于通知\n"
      "source: *t\n"
      "author: \"null\"\n"
      "issuer: ~\n"
      "subject: >-\n"
      "  第一行\n"
      "  第二行\n"
      "topics: [a, 'b']\n"
      "related:\n"
      "---\n正文\n",
      "content/a/b.md");
  REQUIRE(page.ok());
  CHECK(page->meta.title == "关于通知");
  CHECK(page->meta.source == "关于通知");
  CHECK(page->meta.author == "null");
  CHECK(page->meta.issuer.empty());
  CHECK(page->meta.subject == "第一行 第二行");
  CHECK(page->meta.topics == std::vector<std::string>{"a", "b"});
  CHECK(page->meta.related.empty());
}

TEST_CASE("a self-referencing alias is refused, not followed", "[front_matter]") {
  auto page = parse_page("---\ntitle: 标题\ntopics: &a [x, *a]\n---\n", "content/a/b.md");
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().line == 3);
  CHECK_THAT(page.error().message, Catch::Contains("list items must be strings"));
}

TEST_CASE("a section order is a decimal integer with an optional sign", "[front_matter]") {
  auto negative = parse_section_index("---\ntitle: 栏目\norder: -2\n---\n", "content/x/_index.md");
  REQUIRE(negative.ok());
  CHECK(negative->order == -2);
  for (const char* bad : {"3.5", "1e3", "九", "12345678901"}) {
    INFO(bad);
    auto section = parse_section_index(std::string("---\ntitle: 栏目\norder: ") + bad + "\n---\n",
                                       "content/x/_index.md");
    REQUIRE_FALSE(section.ok());
    CHECK(section.error().line == 3);
    CHECK(section.error().col == 8);
  }
}

TEST_CASE("a YAML syntax error inside a value names its line and column", "[front_matter]") {
  auto page = parse_page("---\ntitle: 标题\nsource: \"未闭合\n---\n", "content/a/b.md");
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().rule == "page.invalid");
  CHECK(page.error().line == 4);  // where the stream ends with the quote still open
  CHECK(page.error().col == 1);
  CHECK_THAT(page.error().message, Catch::Contains("quoted scalar"));
}
