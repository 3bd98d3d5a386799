#include "core/checks/secrecy_marker.h"

#include <array>

namespace sanshen {
namespace {

// Literal indices: the three levels first, then the always-hit internal-use markers.
constexpr std::array<std::string_view, 6> kMarkers = {"绝密", "机密", "秘密",
                                                      "内部资料", "内部文件", "注意保存"};
constexpr std::size_t kLevelCount = 3;

// `W级` in sentences that enumerate or describe levels (`绝密级、机密级和秘密级`) is prose.
constexpr std::array<std::string_view, 8> kProseAfterLevel = {
    "别", "国家秘密", "、", "和", "或", "的", "以上", "以下"};
constexpr std::array<std::string_view, 3> kProseBeforeLevel = {"、", "和", "或"};

std::size_t skip_spaces(std::string_view t, std::size_t pos) {
  while (pos < t.size() && (t[pos] == ' ' || t[pos] == '\t')) ++pos;
  return pos;
}

bool at(std::string_view t, std::size_t pos, std::string_view s) {
  return pos <= t.size() && t.substr(pos).starts_with(s);
}

// End of `★`, `☆` or a lone `*` at pos and the period after it, or pos when there is none.
std::size_t star_suffix_end(std::string_view t, std::size_t pos) {
  std::size_t p = skip_spaces(t, pos);
  if (at(t, p, "★") || at(t, p, "☆")) {
    p += 3;
  } else if (at(t, p, "*") && !at(t, p, "**")) {
    p += 1;
  } else {
    return pos;
  }
  const std::size_t after_star = p;
  p = skip_spaces(t, p);
  if (at(t, p, "长期")) return p + 6;
  std::size_t digits = p;
  while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
  if (digits > p && at(t, digits, "年")) return digits + 3;
  if (digits > p && at(t, digits, "个月")) return digits + 6;
  return after_star;
}

// Start of a `密级` header (`密级：`, `密级 `, `密级`) right before pos, or pos when there is none.
std::size_t header_begin(std::string_view t, std::size_t pos) {
  std::size_t p = pos;
  while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t')) --p;
  if (p > 0 && t[p - 1] == ':') --p;
  while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t')) --p;
  constexpr std::string_view kHeader = "密级";
  if (p >= kHeader.size() && t.substr(p - kHeader.size(), kHeader.size()) == kHeader)
    return p - kHeader.size();
  return pos;
}

// The line holding [begin, end) has nothing else but Markdown markup, brackets and spaces.
bool alone_on_line(std::string_view t, std::size_t begin, std::size_t end) {
  std::size_t from = begin == 0 ? std::string_view::npos : t.rfind('\n', begin - 1);
  from = from == std::string_view::npos ? 0 : from + 1;
  std::size_t to = t.find('\n', end);
  if (to == std::string_view::npos) to = t.size();
  auto only_markup = [&](std::size_t p, std::size_t stop) {
    static constexpr std::array<std::string_view, 6> kWide = {"【", "】", "〔", "〕", "「", "」"};
    while (p < stop) {
      if (std::string_view(" \t\r#>*_-()[]").find(t[p]) != std::string_view::npos) {
        ++p;
        continue;
      }
      bool wide = false;
      for (std::string_view w : kWide)
        if (at(t, p, w) && p + w.size() <= stop) {
          p += w.size();
          wide = true;
          break;
        }
      if (!wide) return false;
    }
    return true;
  };
  return only_markup(from, begin) && only_markup(end, to);
}

bool in_brackets(std::string_view t, std::size_t begin, std::size_t end) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kPairs = {
      {{"(", ")"}, {"[", "]"}, {"【", "】"}, {"〔", "〕"}, {"「", "」"}}};
  for (const auto& [open, close] : kPairs)
    if (begin >= open.size() && t.substr(begin - open.size(), open.size()) == open &&
        at(t, end, close))
      return true;
  return false;
}

}  // namespace

std::vector<std::string_view> SecrecyMarkers::rules() const { return {"secrecy.marker"}; }

std::vector<Literal> SecrecyMarkers::literals() const {
  std::vector<Literal> out;
  for (std::string_view m : kMarkers) out.push_back({std::string(m), false});
  return out;
}

void SecrecyMarkers::run(const CheckText& text, std::span<const LiteralMatch> matches,
                         std::vector<RuleHit>& out) const {
  const std::string_view t = text.normalized.text();
  for (const LiteralMatch& m : matches) {
    TextSpan span{m.begin, m.end};
    bool marker = m.literal >= kLevelCount;
    if (!marker) {
      if (const std::size_t e = star_suffix_end(t, m.end); e != m.end) {
        marker = true;
        span.end = e;
      } else if (at(t, m.end, "级")) {
        marker = true;
        for (std::string_view prose : kProseAfterLevel)
          if (at(t, m.end + 3, prose)) marker = false;
        for (std::string_view prose : kProseBeforeLevel)
          if (m.begin >= prose.size() && t.substr(m.begin - prose.size(), prose.size()) == prose)
            marker = false;
        if (marker) span.end = m.end + 3;
      }
      if (const std::size_t b = header_begin(t, m.begin); b != m.begin) {
        marker = true;
        span.begin = b;
      }
      if (!marker) marker = alone_on_line(t, m.begin, m.end) || in_brackets(t, m.begin, m.end);
    }
    if (!marker) continue;
    const std::string found(t.substr(span.begin, span.end - span.begin));
    const std::string message =
        m.literal < kLevelCount
            ? "密级标志「" + found + "」：涉密信息不得上网发布 (classification marker)"
            : "内部标志「" + found + "」：内部资料不得公开发布 (internal-use marker)";
    out.push_back({"secrecy.marker", text.normalized.original_span(span), message});
  }
}

}  // namespace sanshen
