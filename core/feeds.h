// Machine-readable site outputs: sitemap.xml (sitemaps.org 0.9) and an RSS 2.0 feed. Dates in
// front matter are Asia/Shanghai wall-clock times (design §2), so feeds carry them as +08:00.
#pragma once

#include <string>
#include <vector>

namespace sanshen {

struct SitemapEntry {
  std::string url;      // absolute
  std::string lastmod;  // front matter date ("YYYY-MM-DD[ HH:MM]") or ""
};

std::string sitemap_xml(const std::vector<SitemapEntry>& entries);

struct FeedItem {
  std::string title, url, date, category, description;  // url absolute; date as in front matter
};

struct Feed {
  std::string title, site_url, feed_url, description;
  std::string build_time;  // ISO-8601 UTC ("2026-01-01T00:00:00Z") or ""
  std::vector<FeedItem> items;
};

std::string rss_xml(const Feed& feed);

// "2025-03-10 09:00" (Asia/Shanghai) -> "Mon, 10 Mar 2025 09:00:00 +0800"; "" when unparsable.
std::string rfc822_shanghai(const std::string& date);
// "2026-01-01T00:00:00Z" -> "Thu, 01 Jan 2026 08:00:00 +0800"; "" when unparsable.
std::string rfc822_from_utc(const std::string& iso);

}  // namespace sanshen
