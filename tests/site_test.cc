#include "core/site.h"

#include <algorithm>

#include <catch2/catch.hpp>

using namespace sanshen;

namespace {

SitePage make_page(const std::string& section, const std::string& slug, const std::string& title,
                   const std::string& date) {
  SitePage page;
  page.source_path = "content/" + section + "/" + slug + ".md";
  page.section = section;
  page.slug = slug;
  page.meta.title = title;
  page.meta.date = date;
  page.body_html = "<p>" + slug + " 正文</p>\n";
  return page;
}

// Two list sections and one 信息公开 section; tzgg holds 21 pages, in scrambled order.
SiteInput sample_input() {
  SiteInput input;
  input.config.title = "某某县人民政府";
  input.config.base_url = "https://www.example.gov.cn/";
  input.config.host = "某某县人民政府办公室";
  input.config.operator_ = "某某县大数据中心";
  input.config.contact = "0000-1234567";
  input.config.site_code = "1234000001";
  input.config.icp = "某ICP备12345678号";
  input.config.police = "某公网安备 12345678901234号";
  input.build_time = "2024-06-01 08:00";
  input.sections = {{"zwgk", {"政务公开", 2, "xxgk"}},
                    {"tzgg", {"通知公告", 1, "list"}},
                    {"kong", {"空栏目", 3, "list"}}};
  for (int i = 1; i <= 21; ++i) {
    const int day = (i * 8) % 21 + 1;  // a permutation of 1..21
    const std::string dd = (day < 10 ? "0" : "") + std::to_string(day);
    input.pages.push_back(make_page("tzgg", "n" + dd, "通知" + dd, "2024-01-" + dd + " 09:00"));
  }
  SitePage doc = make_page("zwgk", "ysgk", "关于<预算>公开的\"通知\" & 说明", "2024-05-01 09:30");
  doc.meta.index_no = "11510000MB0000000X/2024-00001";
  doc.meta.subject = "财政、金融、审计";
  doc.meta.issuer = "某某县人民政府";
  doc.meta.written = "2024-04-28";
  doc.meta.doc_no = "某府发〔2024〕1号";
  doc.meta.validity = "有效";
  doc.meta.source = "县财政局";
  doc.meta.related = {"content/tzgg/n21.md"};
  input.pages.push_back(doc);
  return input;
}

const Theme& gov_theme() {
  static const Theme theme = [] {
    auto loaded = load_default_theme();
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return theme;
}

SiteOutput render(const SiteInput& input) {
  auto out = render_site(input, gov_theme());
  if (!out.ok()) FAIL(out.error().describe());
  return std::move(out).value();
}

const std::string& file(const SiteOutput& out, const std::string& path) {
  const auto it = std::find_if(out.files.begin(), out.files.end(),
                               [&](const OutputFile& f) { return f.path == path; });
  if (it == out.files.end()) FAIL("no output " << path);
  return it->content;
}

bool has_file(const SiteOutput& out, const std::string& path) {
  return std::any_of(out.files.begin(), out.files.end(), [&](const OutputFile& f) { return f.path == path; });
}

// Position of needle in haystack, failing when absent, so tests can compare orders.
std::size_t at(const std::string& haystack, const std::string& needle) {
  const auto pos = haystack.find(needle);
  if (pos == std::string::npos) FAIL("missing " << needle);
  return pos;
}

}  // namespace

TEST_CASE("the site has a home, section lists, articles and assets at their pretty URL paths",
          "[site]") {
  const SiteOutput out = render(sample_input());
  for (const char* path : {"index.html", "tzgg/index.html", "tzgg/page/2/index.html",
                           "tzgg/n01/index.html", "tzgg/n21/index.html", "zwgk/index.html",
                           "zwgk/ysgk/index.html", "kong/index.html", "assets/css/gov.css"}) {
    INFO(path);
    CHECK(has_file(out, path));
  }
  CHECK_FALSE(has_file(out, "tzgg/page/3/index.html"));
  CHECK(out.files.size() == 1 + 2 + 21 + 1 + 1 + 1 + 1);
  CHECK(std::is_sorted(out.files.begin(), out.files.end(),
                       [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; }));
  CHECK(out.page_outputs.at("content/zwgk/ysgk.md") == std::vector<std::string>{"zwgk/ysgk/index.html"});
  CHECK(out.page_outputs.size() == 22);
}

TEST_CASE("pages are accessible HTML with relative links to the root and canonical URLs",
          "[site]") {
  const SiteOutput out = render(sample_input());
  const std::string& article = file(out, "tzgg/n05/index.html");
  CHECK_THAT(article, Catch::StartsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
  CHECK_THAT(article, Catch::Contains("<a class=\"skip-link\" href=\"#main\">"));
  CHECK_THAT(article, Catch::Contains("<header"));
  CHECK_THAT(article, Catch::Contains("<nav class=\"site-nav\""));
  CHECK_THAT(article, Catch::Contains("<main id=\"main\""));
  CHECK_THAT(article, Catch::Contains("<footer"));
  CHECK_THAT(article, Catch::Contains("href=\"../../assets/css/gov.css\""));
  CHECK_THAT(article, Catch::Contains("<link rel=\"canonical\" href=\"https://www.example.gov.cn/tzgg/n05/\">"));
  CHECK_THAT(article, Catch::Contains("<a href=\"../../tzgg/\" aria-current=\"page\">通知公告</a>"));
  CHECK_THAT(article, Catch::Contains("<span aria-current=\"page\">通知05</span>"));
  CHECK_THAT(article, Catch::Contains("<p>n05 正文</p>"));
  CHECK_THAT(file(out, "index.html"), Catch::Contains("href=\"assets/css/gov.css\""));
}

TEST_CASE("titles and metadata are escaped while the rendered body is inserted as is", "[site]") {
  const SiteOutput out = render(sample_input());
  const std::string& article = file(out, "zwgk/ysgk/index.html");
  const std::string escaped = "关于&lt;预算&gt;公开的&quot;通知&quot; &amp; 说明";
  CHECK_THAT(article, Catch::Contains("<h1 class=\"article-title\">" + escaped + "</h1>"));
  CHECK_THAT(article, Catch::Contains("<title>" + escaped + " - 某某县人民政府</title>"));
  CHECK_THAT(article, !Catch::Contains("<预算>"));
  CHECK_THAT(file(out, "zwgk/index.html"), Catch::Contains(escaped));
  CHECK_THAT(file(out, "index.html"), Catch::Contains(escaped));
  CHECK_THAT(article, Catch::Contains("<p>ysgk 正文</p>"));
}

TEST_CASE("an article in an xxgk section shows the 信息公开 metadata table", "[site]") {
  const SiteOutput out = render(sample_input());
  const std::string& article = file(out, "zwgk/ysgk/index.html");
  CHECK_THAT(article, Catch::Contains("<table class=\"disclosure\">"));
  CHECK_THAT(article, Catch::Contains("<th scope=\"row\">索引号</th><td>11510000MB0000000X/2024-00001</td>"));
  CHECK_THAT(article, Catch::Contains("<th scope=\"row\">主题分类</th><td>财政、金融、审计</td>"));
  CHECK_THAT(article, Catch::Contains("<th scope=\"row\">发文机关</th><td>某某县人民政府</td>"));
  CHECK_THAT(article, Catch::Contains("<th scope=\"row\">成文日期</th><td>2024-04-28</td>"));
  CHECK_THAT(article, Catch::Contains("<th scope=\"row\">发文字号</th><td>某府发〔2024〕1号</td>"));
  CHECK_THAT(article, Catch::Contains("<th scope=\"row\">发布日期</th><td>2024-05-01</td>"));
  CHECK_THAT(article, Catch::Contains("<th scope=\"row\">有效性</th><td colspan=\"3\">有效</td>"));
  CHECK_THAT(article, Catch::Contains("来源：县财政局"));
  CHECK_THAT(article, Catch::Contains("<a href=\"../../tzgg/n21/\">通知21</a>"));
  CHECK_THAT(file(out, "tzgg/n01/index.html"), !Catch::Contains("<table class=\"disclosure\">"));
}

TEST_CASE("a section with 21 pages lists 20 newest first, then the oldest on page 2", "[site]") {
  const SiteOutput out = render(sample_input());
  const std::string& first = file(out, "tzgg/index.html");
  const std::string& second = file(out, "tzgg/page/2/index.html");
  CHECK(at(first, ">通知21<") < at(first, ">通知20<"));
  CHECK(at(first, ">通知20<") < at(first, ">通知02<"));
  CHECK_THAT(first, !Catch::Contains(">通知01<"));
  CHECK_THAT(second, Catch::Contains(">通知01<"));
  CHECK_THAT(second, !Catch::Contains(">通知02<"));
  CHECK_THAT(first, Catch::Contains("第 1 页，共 2 页"));
  CHECK_THAT(first, Catch::Contains("<a href=\"../tzgg/page/2/\" rel=\"next\">下一页</a>"));
  CHECK_THAT(second, Catch::Contains("<a href=\"../../../tzgg/\" rel=\"prev\">上一页</a>"));
  CHECK_THAT(second, Catch::Contains("<a href=\"../../../tzgg/n01/\">通知01</a>"));
  CHECK_THAT(file(out, "zwgk/index.html"), !Catch::Contains("class=\"pagination\""));
  CHECK_THAT(file(out, "kong/index.html"), Catch::Contains("暂无信息"));
}

TEST_CASE("the home page shows sections by order with their latest items", "[site]") {
  const SiteOutput out = render(sample_input());
  const std::string& home = file(out, "index.html");
  CHECK(at(home, ">通知公告</a></h2>") < at(home, ">政务公开</a></h2>"));
  CHECK(at(home, ">政务公开</a></h2>") < at(home, ">空栏目</a></h2>"));
  CHECK(at(home, ">通知21<") < at(home, ">通知14<"));
  CHECK_THAT(home, !Catch::Contains(">通知13<"));
  CHECK_THAT(home, Catch::Contains("<a href=\"tzgg/n21/\">通知21</a>"));
  CHECK_THAT(home, Catch::Contains("<a href=\"./\" aria-current=\"page\">首页</a>"));
}

TEST_CASE("the footer carries the site identity with the ICP number linking to MIIT", "[site]") {
  const SiteOutput out = render(sample_input());
  const std::string& home = file(out, "index.html");
  CHECK_THAT(home, Catch::Contains("主办单位：某某县人民政府办公室"));
  CHECK_THAT(home, Catch::Contains("承办单位：某某县大数据中心"));
  CHECK_THAT(home, Catch::Contains("联系方式：0000-1234567"));
  CHECK_THAT(home, Catch::Contains("网站标识码：1234000001"));
  CHECK_THAT(home, Catch::Contains("<a href=\"https://beian.miit.gov.cn/\" rel=\"noopener noreferrer\">某ICP备12345678号</a>"));
  CHECK_THAT(home, Catch::Contains("公安机关备案号：某公网安备 12345678901234号"));
  CHECK_THAT(home, Catch::Contains("页面生成时间：2024-06-01 08:00"));

  SiteInput no_time = sample_input();
  no_time.build_time.clear();
  CHECK_THAT(file(render(no_time), "index.html"), !Catch::Contains("页面生成时间"));
}

TEST_CASE("two renders of the same pages in any input order are byte-identical", "[site]") {
  const SiteInput input = sample_input();
  SiteInput shuffled = input;
  std::reverse(shuffled.pages.begin(), shuffled.pages.end());
  std::reverse(shuffled.sections.begin(), shuffled.sections.end());
  const SiteOutput a = render(input), b = render(input), c = render(shuffled);
  REQUIRE(a.files.size() == b.files.size());
  REQUIRE(a.files.size() == c.files.size());
  for (std::size_t i = 0; i < a.files.size(); ++i) {
    INFO(a.files[i].path);
    CHECK(a.files[i].path == b.files[i].path);
    CHECK(a.files[i].content == b.files[i].content);
    CHECK(a.files[i].content == c.files[i].content);
  }
}

TEST_CASE("a page whose section has no _index.md is refused", "[site]") {
  SiteInput input = sample_input();
  input.pages.push_back(make_page("wuzhu", "x", "无主页面", "2024-01-01"));
  auto out = render_site(input, gov_theme());
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().rule == "site.invalid");
  CHECK(out.error().path == "content/wuzhu/x.md");
}

TEST_CASE("unsafe attachment links are dropped and Chinese slugs are percent-encoded", "[site]") {
  SiteInput input = sample_input();
  SitePage page = make_page("tzgg", "公告", "中文文件名", "2024-02-01");
  page.meta.attachments = {"/static/附件 1.pdf", "javascript:alert(1)", "https://example.gov.cn/a.pdf"};
  input.pages.push_back(page);
  const SiteOutput out = render(input);
  const std::string& article = file(out, "tzgg/公告/index.html");
  CHECK_THAT(article, Catch::Contains("<a href=\"../../static/%E9%99%84%E4%BB%B6%201.pdf\">附件 1.pdf</a>"));
  CHECK_THAT(article, Catch::Contains("<a href=\"https://example.gov.cn/a.pdf\">a.pdf</a>"));
  CHECK_THAT(article, !Catch::Contains("javascript:"));
  CHECK_THAT(file(out, "tzgg/index.html"), Catch::Contains("href=\"../tzgg/%E5%85%AC%E5%91%8A/\""));
}
