#include "core/local_time.h"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace sanshen {
namespace {

constexpr int64_t kShanghaiOffset = 8 * 3600;

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian), without the C library's time zone.
int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::optional<int64_t> parse_shanghai_time(std::string_view t) {
  if (t.size() != 10 && t.size() != 16) return std::nullopt;
  if (t[4] != '-' || t[7] != '-') return std::nullopt;
  std::string_view ys = t.substr(0, 4), ms = t.substr(5, 2), ds = t.substr(8, 2);
  if (!digits(ys) || !digits(ms) || !digits(ds)) return std::nullopt;
  int y = number(ys), m = number(ms), d = number(ds), hh = 0, mm = 0;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  if (t.size() == 16) {
    if (t[10] != ' ' || t[13] != ':') return std::nullopt;
    std::string_view hs = t.substr(11, 2), mins = t.substr(14, 2);
    if (!digits(hs) || !digits(mins)) return std::nullopt;
    hh = number(hs);
    mm = number(mins);
    if (hh > 23 || mm > 59) return std::nullopt;
  }
  return days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 - kShanghaiOffset;
}

std::optional<int64_t> parse_now(std::string_view text) {
  if (digits(text) && text.size() <= 12) {
    int64_t v = 0;
    for (char c : text) v = v * 10 + (c - '0');
    return v;
  }
  return parse_shanghai_time(text);
}

std::string format_shanghai_time(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds + kShanghaiOffset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

}  // namespace sanshen
