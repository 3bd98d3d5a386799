#include "core/feeds.h"

#include <catch2/catch.hpp>

using namespace sanshen;

TEST_CASE("front matter dates become RFC 822 dates in Beijing time", "[feeds][site]") {
  CHECK(rfc822_shanghai("2025-03-10 09:00") == "Mon, 10 Mar 2025 09:00:00 +0800");
  CHECK(rfc822_shanghai("2024-02-29") == "Thu, 29 Feb 2024 00:00:00 +0800");
  CHECK(rfc822_shanghai("2025-3-1") == "");
  CHECK(rfc822_shanghai("") == "");
}

TEST_CASE("the UTC build time is shown in Asia/Shanghai, crossing the date line", "[feeds][site]") {
  CHECK(rfc822_from_utc("2025-12-31T16:30:05Z") == "Thu, 01 Jan 2026 00:30:05 +0800");
  CHECK(rfc822_from_utc("2026-01-01T00:00:00Z") == "Thu, 01 Jan 2026 08:00:00 +0800");
  CHECK(rfc822_from_utc("2026-01-01") == "");
}

TEST_CASE("feeds escape text and drop control characters XML cannot carry", "[feeds][site]") {
  const std::string xml = sitemap_xml({{"https://x.gov.cn/a/?p=1&q=2", "2025-01-02 08:00"}, {"https://x.gov.cn/", ""}});
  CHECK(xml ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        "  <url><loc>https://x.gov.cn/a/?p=1&amp;q=2</loc><lastmod>2025-01-02</lastmod></url>\n"
        "  <url><loc>https://x.gov.cn/</loc></url>\n"
        "</urlset>\n");
  Feed feed;
  feed.title = "县\x01政府";
  feed.site_url = "https://x.gov.cn/";
  feed.feed_url = "https://x.gov.cn/rss.xml";
  feed.items.push_back({"<通知>", "https://x.gov.cn/a/", "2025-01-02", "", "说明 & 附件"});
  const std::string rss = rss_xml(feed);
  CHECK_THAT(rss, Catch::Contains("<title>县政府</title>"));
  CHECK_THAT(rss, Catch::Contains("<title>&lt;通知&gt;</title>"));
  CHECK_THAT(rss, Catch::Contains("<description>说明 &amp; 附件</description>"));
  CHECK_THAT(rss, Catch::Contains("<pubDate>Thu, 02 Jan 2025 00:00:00 +0800</pubDate>"));
  CHECK_THAT(rss, !Catch::Contains("lastBuildDate"));
  CHECK_THAT(rss, !Catch::Contains("<category>"));
}
