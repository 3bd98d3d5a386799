#include "core/markdown.h"

#include <catch2/catch.hpp>

using namespace sanshen;

TEST_CASE("markdown renders headings, paragraphs and GitHub tables", "[markdown]") {
  auto html = render_markdown("# 标题\n\n第一段。\n\n| 项目 | 金额 |\n|---|---|\n| 教育 | 100 |\n");
  REQUIRE(html.ok());
  CHECK_THAT(*html, Catch::Contains("<h1>标题</h1>"));
  CHECK_THAT(*html, Catch::Contains("<p>第一段。</p>"));
  CHECK_THAT(*html, Catch::Contains("<table>"));
  CHECK_THAT(*html, Catch::Contains("<th>项目</th>"));
  CHECK_THAT(*html, Catch::Contains("<td>100</td>"));
}

TEST_CASE("raw HTML in markdown is escaped rather than rendered", "[markdown]") {
  auto html = render_markdown("<script>alert(1)</script>\n\n段落里有 <b onclick=\"x()\">粗体</b>。\n");
  REQUIRE(html.ok());
  CHECK_THAT(*html, !Catch::Contains("<script>"));
  CHECK_THAT(*html, !Catch::Contains("<b "));
  CHECK_THAT(*html, Catch::Contains("&lt;script&gt;"));
  CHECK_THAT(*html, Catch::Contains("&lt;b onclick="));
}

TEST_CASE("markdown text with ampersands and angle brackets is escaped", "[markdown]") {
  auto html = render_markdown("A & B < C\n");
  REQUIRE(html.ok());
  CHECK(*html == "<p>A &amp; B &lt; C</p>\n");
}

TEST_CASE("empty markdown renders to an empty fragment", "[markdown]") {
  auto html = render_markdown("");
  REQUIRE(html.ok());
  CHECK(html->empty());
}
