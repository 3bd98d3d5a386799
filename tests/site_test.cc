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
  input.build_time = "2024-06-01T00:00:00Z";
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
                           "zwgk/ysgk/index.html", "kong/index.html", "sitemap/index.html",
                           "search/index.html", "search/index.js", "404.html", "sitemap.xml",
                           "rss.xml", "assets/css/gov.css", "assets/js/gov.js"}) {
    INFO(path);
    CHECK(has_file(out, path));
  }
  CHECK_FALSE(has_file(out, "tzgg/page/3/index.html"));
  const std::size_t pages = 1 + 2 + 21 + 1 + 1 + 1, special = 6;
  CHECK(out.files.size() == pages + special + gov_theme().assets().size());
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
  CHECK_THAT(home, Catch::Contains("<span>某公网安备 12345678901234号</span>"));
  CHECK_THAT(home, Catch::Contains("<a href=\"sitemap/\">网站地图</a>"));
  CHECK_THAT(home, Catch::Contains("<a class=\"report-error\" href=\"https://zfwzzc.www.gov.cn/\" rel=\"noopener noreferrer\">我为政府网站找错</a>"));
  CHECK_THAT(home, Catch::Contains("<meta name=\"SiteIDCode\" content=\"1234000001\">"));
  // No 党政机关网站标识 unless the site has one: a badge that links nowhere would mislead.
  CHECK_THAT(home, !Catch::Contains("党政机关网站标识"));
  CHECK_THAT(file(out, "tzgg/n05/index.html"), Catch::Contains("<a href=\"../../sitemap/\">网站地图</a>"));

  SiteInput badge = sample_input();
  badge.config.conac_url = "https://bszs.conac.cn/sitename?method=show&id=1";
  badge.config.conac_image = "assets/img/dzjg.png";
  badge.config.report_url = "https://zfwzzc.www.gov.cn/?site_code=1234000001";
  const SiteOutput with_badge = render(badge);
  CHECK_THAT(file(with_badge, "tzgg/n05/index.html"),
             Catch::Contains("<a class=\"conac\" href=\"https://bszs.conac.cn/sitename?method=show&amp;id=1\" "
                             "rel=\"noopener noreferrer\"><img src=\"../../assets/img/dzjg.png\" alt=\"党政机关网站标识\""));
  CHECK_THAT(file(with_badge, "index.html"), Catch::Contains("href=\"https://zfwzzc.www.gov.cn/?site_code=1234000001\""));
}

TEST_CASE("pages do not depend on the build time, so unchanged pages keep their bytes", "[site]") {
  SiteInput later = sample_input();
  later.build_time = "2030-01-01T00:00:00Z";
  const SiteOutput a = render(sample_input()), b = render(later);
  REQUIRE(a.files.size() == b.files.size());
  for (std::size_t i = 0; i < a.files.size(); ++i) {
    INFO(a.files[i].path);
    if (a.files[i].path != "rss.xml") CHECK(a.files[i].content == b.files[i].content);
  }
  CHECK_THAT(file(a, "index.html"), !Catch::Contains("2024-06-01T"));
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

TEST_CASE("attachments show their type and, when the build knows it, their size", "[site]") {
  SiteInput input = sample_input();
  SitePage page = make_page("tzgg", "fujian", "附件", "2024-02-01");
  page.meta.attachments = {"static/a.pdf", "/static/b.docx", "static/c.xlsx", "static/d.ofd", "static/e"};
  input.pages.push_back(page);
  input.static_sizes = {{"static/a.pdf", 1572864}, {"static/b.docx", 20 * 1024 + 1}, {"static/c.xlsx", 900}};
  const SiteOutput out = render(input);  // `file` returns a reference into it
  const std::string& article = file(out, "tzgg/fujian/index.html");
  CHECK_THAT(article, Catch::Contains(">a.pdf</a><span class=\"file-info\">PDF，1.5 MB</span>"));
  CHECK_THAT(article, Catch::Contains(">b.docx</a><span class=\"file-info\">Word，21 KB</span>"));
  CHECK_THAT(article, Catch::Contains(">c.xlsx</a><span class=\"file-info\">Excel，900 B</span>"));
  CHECK_THAT(article, Catch::Contains(">d.ofd</a><span class=\"file-info\">OFD</span>"));
  CHECK_THAT(article, Catch::Contains(">e</a></li>"));
}

TEST_CASE("a 失效 or 废止 document is marked in its article, its 信息公开 table and in lists", "[site]") {
  SiteInput input = sample_input();
  input.pages.back().meta.validity = "废止";
  const SiteOutput out = render(input);
  const std::string& article = file(out, "zwgk/ysgk/index.html");
  CHECK_THAT(article, Catch::Contains("<td colspan=\"3\"><strong class=\"validity-withdrawn\">废止</strong></td>"));
  CHECK_THAT(article, Catch::Contains("<strong>本文件已废止</strong>"));
  CHECK_THAT(file(out, "zwgk/index.html"), Catch::Contains("<span class=\"badge badge-withdrawn\">已废止</span>"));
  CHECK_THAT(file(render(sample_input()), "zwgk/ysgk/index.html"), !Catch::Contains("本文件已"));
}

TEST_CASE("related pages link both ways, labelled with their section", "[site]") {
  const SiteOutput out = render(sample_input());
  // ysgk names n21 in `related`; n21 names nothing but still links back.
  CHECK_THAT(file(out, "zwgk/ysgk/index.html"),
             Catch::Contains("<li><span class=\"badge\">通知公告</span><a href=\"../../tzgg/n21/\">通知21</a>"));
  CHECK_THAT(file(out, "tzgg/n21/index.html"),
             Catch::Contains("<li><span class=\"badge\">政务公开</span><a href=\"../../zwgk/ysgk/\">"));
  CHECK_THAT(file(out, "tzgg/n20/index.html"), !Catch::Contains("相关文件与解读"));
}

TEST_CASE("sitemap.xml lists every page but 404 with absolute URLs and dates", "[site]") {
  const SiteOutput out = render(sample_input());
  const std::string& xml = file(out, "sitemap.xml");
  CHECK_THAT(xml, Catch::StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"));
  CHECK_THAT(xml, Catch::EndsWith("</urlset>\n"));
  std::size_t html = 0;
  for (const auto& f : out.files) {
    if (!f.path.ends_with(".html") || f.path == "404.html") continue;
    ++html;
    std::string url = "https://www.example.gov.cn/" + f.path.substr(0, f.path.size() - 10);
    INFO(f.path);
    CHECK_THAT(xml, Catch::Contains("<loc>" + url + "</loc>"));
  }
  std::size_t urls = 0, closes = 0;
  for (std::size_t p = xml.find("<url>"); p != std::string::npos; p = xml.find("<url>", p + 1)) ++urls;
  for (std::size_t p = xml.find("</url>"); p != std::string::npos; p = xml.find("</url>", p + 1)) ++closes;
  CHECK(urls == html);
  CHECK(closes == html);
  CHECK_THAT(xml, !Catch::Contains("404"));
  CHECK_THAT(xml, Catch::Contains("<loc>https://www.example.gov.cn/zwgk/ysgk/</loc><lastmod>2024-05-01</lastmod>"));
}

TEST_CASE("the RSS feed has the newest items first with Beijing-time dates and escaped text", "[site]") {
  const SiteOutput out = render(sample_input());
  const std::string& rss = file(out, "rss.xml");
  CHECK_THAT(rss, Catch::StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""));
  CHECK_THAT(rss, Catch::Contains("<atom:link href=\"https://www.example.gov.cn/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>"));
  CHECK_THAT(rss, Catch::Contains("<lastBuildDate>Sat, 01 Jun 2024 08:00:00 +0800</lastBuildDate>"));
  CHECK_THAT(rss, Catch::Contains("<title>关于&lt;预算&gt;公开的&quot;通知&quot; &amp; 说明</title>"));
  CHECK_THAT(rss, Catch::Contains("<link>https://www.example.gov.cn/zwgk/ysgk/</link>"));
  CHECK_THAT(rss, Catch::Contains("<pubDate>Wed, 01 May 2024 09:30:00 +0800</pubDate>"));
  CHECK_THAT(rss, Catch::Contains("<category>政务公开</category>"));
  CHECK_THAT(rss, Catch::Contains("<description>ysgk 正文</description>"));
  CHECK(at(rss, "<title>关于&lt;预算") < at(rss, "<title>通知21</title>"));
  CHECK(at(rss, "<title>通知21</title>") < at(rss, "<title>通知20</title>"));
  std::size_t items = 0;
  for (std::size_t p = rss.find("<item>"); p != std::string::npos; p = rss.find("<item>", p + 1)) ++items;
  CHECK(items == 22);
}

TEST_CASE("the 404 page links from the site root, wherever the server shows it", "[site]") {
  SiteInput input = sample_input();
  input.config.base_url = "https://www.example.gov.cn/qs/";
  const SiteOutput out = render(input);
  const std::string& page = file(out, "404.html");
  CHECK_THAT(page, Catch::Contains("href=\"/qs/assets/css/gov.css\""));
  CHECK_THAT(page, Catch::Contains("<a href=\"/qs/sitemap/\">网站地图</a>"));
  CHECK_THAT(page, Catch::Contains("您访问的页面不存在"));
  CHECK_THAT(page, !Catch::Contains("rel=\"canonical\""));
  CHECK_THAT(file(render(sample_input()), "404.html"), Catch::Contains("href=\"/assets/css/gov.css\""));
}

TEST_CASE("the 网站地图 page lists every section with its item count and list pages", "[site]") {
  const SiteOutput out = render(sample_input());
  const std::string& map = file(out, "sitemap/index.html");
  CHECK_THAT(map, Catch::Contains("<h2><a href=\"../tzgg/\">通知公告</a> <span class=\"count\">（21 条）</span></h2>"));
  CHECK_THAT(map, Catch::Contains("<a href=\"../tzgg/page/2/\">第 2 页</a>"));
  CHECK_THAT(map, Catch::Contains("<a href=\"../kong/\">空栏目</a>"));
  CHECK_THAT(map, Catch::Contains("<a href=\"../search/\">站内搜索</a>"));
  CHECK(at(map, ">通知公告</a>") < at(map, ">政务公开</a>"));
}

TEST_CASE("the search page works from its static index and says what to do without JavaScript",
          "[site]") {
  const SiteOutput out = render(sample_input());
  const std::string& page = file(out, "search/index.html");
  CHECK_THAT(page, Catch::Contains("<noscript>"));
  CHECK_THAT(page, Catch::Contains("需要浏览器启用 JavaScript。您也可以通过<a href=\"../sitemap/\">网站地图</a>"));
  CHECK_THAT(page, Catch::Contains("<script src=\"index.js\"></script>"));
  CHECK_THAT(page, Catch::Contains("<script src=\"../assets/js/search.js\"></script>"));
  const std::string& index = file(out, "search/index.js");
  CHECK_THAT(index, Catch::StartsWith("window.SANSHEN_SEARCH_INDEX = {\"docs\":[{\"d\":\"2024-05-01 09:30\""));
  // 预算 is in one title only; its bigram lists that page's number, the first (newest) doc.
  CHECK_THAT(index, Catch::Contains("\"预算\":[0]"));
  CHECK_THAT(index, Catch::Contains("\"u\":\"zwgk/ysgk/\""));
  // The header search box on every page goes to the search page.
  CHECK_THAT(file(out, "tzgg/n01/index.html"), Catch::Contains("action=\"../../search/\""));
}

TEST_CASE("a section named like a generated page is refused rather than overwritten", "[site]") {
  SiteInput input = sample_input();
  input.sections.push_back({"search", {"搜索", 9, "list"}});
  auto out = render_site(input, gov_theme());
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().rule == "site.invalid");
  CHECK_THAT(out.error().message, Catch::Contains("search/index.html"));
}

TEST_CASE("articles rendered on several threads reach the sink in the same order with the same bytes",
          "[site]") {
  SiteInput input = sample_input();
  for (int i = 0; i < 600; ++i) {  // more than one batch of articles
    input.pages.push_back(make_page("tzgg", "m" + std::to_string(i), "通知" + std::to_string(i),
                                    "2023-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10)));
  }
  auto collect = [&](int jobs) {
    std::vector<std::pair<std::string, std::string>> seen;
    auto outputs = render_site(
        input, gov_theme(),
        [&](const std::string& path, std::string content) {
          seen.emplace_back(path, std::move(content));
          return ok_status();
        },
        jobs);
    REQUIRE(outputs.ok());
    return std::make_pair(seen, *outputs);
  };
  const auto serial = collect(1);
  const auto parallel = collect(4);
  CHECK(serial.first.size() > 620);
  CHECK(parallel.first == serial.first);
  CHECK(parallel.second == serial.second);
}
