#include "core/feeds.h"

#include <charconv>
#include <cstdint>
#include <cstdio>

namespace sanshen {
namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids other C0 controls even as references; they carry no text anyway.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    }
  }
  return out;
}

bool number(const std::string& s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  const char* begin = s.data() + pos;
  const auto [end, ec] = std::from_chars(begin, begin + len, out);
  return ec == std::errc() && end == begin + len;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

std::string rfc822(int y, int mo, int d, int h, int mi, int s) {
  static const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::int64_t days = days_from_civil(y, mo, d);
  const auto weekday = static_cast<std::size_t>(((days % 7) + 7) % 7);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0800", kDays[weekday], d,
                kMonths[mo - 1], y, h, mi, s);
  return buf;
}

bool valid_date(int y, int mo, int d) { return y >= 1970 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31; }

}  // namespace

std::string rfc822_shanghai(const std::string& date) {
  int y, mo, d, h = 0, mi = 0;
  if (!number(date, 0, 4, y) || !number(date, 5, 2, mo) || !number(date, 8, 2, d) || !valid_date(y, mo, d)) {
    return "";
  }
  if (date.size() > 10 && (!number(date, 11, 2, h) || !number(date, 14, 2, mi))) return "";
  return rfc822(y, mo, d, h, mi, 0);
}

std::string rfc822_from_utc(const std::string& iso) {
  int y, mo, d, h, mi, s;
  if (iso.size() != 20 || !number(iso, 0, 4, y) || !number(iso, 5, 2, mo) || !number(iso, 8, 2, d) ||
      !number(iso, 11, 2, h) || !number(iso, 14, 2, mi) || !number(iso, 17, 2, s) || !valid_date(y, mo, d)) {
    return "";
  }
  const std::int64_t seconds = (days_from_civil(y, mo, d) * 24 + h + 8) * 3600 + mi * 60 + s;
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  civil_from_days(days, y, mo, d);
  return rfc822(y, mo, d, static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
}

std::string sitemap_xml(const std::vector<SitemapEntry>& entries) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& e : entries) {
    out += "  <url><loc>" + xml_escape(e.url) + "</loc>";
    // W3C datetime; a day is enough for crawlers and needs no time zone.
    if (e.lastmod.size() >= 10) out += "<lastmod>" + xml_escape(e.lastmod.substr(0, 10)) + "</lastmod>";
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

std::string rss_xml(const Feed& feed) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n";
  out += "  <title>" + xml_escape(feed.title) + "</title>\n";
  out += "  <link>" + xml_escape(feed.site_url) + "</link>\n";
  out += "  <description>" + xml_escape(feed.description) + "</description>\n";
  out += "  <language>zh-cn</language>\n";
  out += "  <atom:link href=\"" + xml_escape(feed.feed_url) + "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  if (const std::string built = rfc822_from_utc(feed.build_time); !built.empty()) {
    out += "  <lastBuildDate>" + built + "</lastBuildDate>\n";
  }
  for (const auto& item : feed.items) {
    out += "  <item>\n";
    out += "    <title>" + xml_escape(item.title) + "</title>\n";
    out += "    <link>" + xml_escape(item.url) + "</link>\n";
    out += "    <guid isPermaLink=\"true\">" + xml_escape(item.url) + "</guid>\n";
    if (const std::string date = rfc822_shanghai(item.date); !date.empty()) {
      out += "    <pubDate>" + date + "</pubDate>\n";
    }
    if (!item.category.empty()) out += "    <category>" + xml_escape(item.category) + "</category>\n";
    if (!item.description.empty()) {
      out += "    <description>" + xml_escape(item.description) + "</description>\n";
    }
    out += "  </item>\n";
  }
  out += "</channel>\n</rss>\n";
  return out;
}

}  // namespace sanshen
