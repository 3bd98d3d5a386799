#include "core/checks/typos.h"

#include <algorithm>
#include <array>

#include "core/checks/han_text.h"

namespace sanshen {
namespace {

constexpr std::u32string_view kDoubledSingles = U"的了是和与及把被从于并或其该";

// Three-character windows around a doubled character that are correct Chinese: the first two or
// the last two characters form a word of their own.
constexpr std::array<std::u32string_view, 38> kFineDoubles = {
    U"目的的", U"有的的", U"的的确", U"为了了", U"除了了", U"了了解", U"了了之", U"了了然",
    U"是是否", U"是是非", U"于是是", U"总是是", U"就是是", U"和和谐", U"和和平", U"和和睦",
    U"和和美", U"和和气", U"总和和", U"以及及", U"及及时", U"涉及及", U"普及及", U"危及及",
    U"自从从", U"从从事", U"从从严", U"从从中", U"由于于", U"对于于", U"关于于", U"等于于",
    U"属于于", U"合并并", U"被被告", U"被被害", U"尤其其", U"应该该"};

constexpr std::array<std::u32string_view, 18> kDoubledWords = {
    U"我们", U"进行", U"以及", U"关于", U"通过", U"根据", U"按照", U"对于", U"因为",
    U"所以", U"但是", U"并且", U"而且", U"已经", U"可以", U"应当", U"必须", U"加强"};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool valid_day(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  return !(month == 2 && day == 29 && year > 0 && !leap(year));
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

struct Char {
  char32_t c;
  std::size_t begin, end;  // bytes in the normalized text
};

}  // namespace

std::vector<std::string_view> Typos::rules() const { return {"text.typo"}; }

void Typos::run(const CheckText& text, std::span<const LiteralMatch>,
                std::vector<RuleHit>& out) const {
  const std::string_view t = text.normalized.text();
  auto report = [&](std::size_t b, std::size_t e, const std::string& message) {
    out.push_back({"text.typo", text.normalized.original_span({b, e}), message});
  };

  std::vector<Char> chars;
  chars.reserve(t.size() / 2);
  for (std::size_t i = 0; i < t.size();) {
    int len;
    const char32_t c = code_point_at(t, i, len);
    chars.push_back({c, i, i + static_cast<std::size_t>(len)});
    i += len;
  }
  const std::size_t n = chars.size();
  auto at = [&](std::size_t i) -> char32_t { return i < n ? chars[i].c : 0; };
  auto window_is = [&](std::size_t from, std::u32string_view w) {
    for (std::size_t k = 0; k < w.size(); ++k)
      if (from + k >= n || chars[from + k].c != w[k]) return false;
    return true;
  };

  for (std::size_t i = 0; i + 1 < n; ++i) {
    const char32_t c = chars[i].c;
    if (c < 0x3000) continue;  // everything below is ASCII, Latin or symbols
    if (c == chars[i + 1].c && kDoubledSingles.find(c) != std::u32string_view::npos &&
        at(i + 2) != c) {
      const bool fine = std::any_of(kFineDoubles.begin(), kFineDoubles.end(), [&](auto w) {
        return (i > 0 && window_is(i - 1, w)) || window_is(i, w);
      });
      if (!fine) {
        report(chars[i].begin, chars[i + 1].end,
               "重复的字「" + to_utf8(std::u32string(2, c)) + "」(doubled character)");
        ++i;
        continue;
      }
    }
    if (c == chars[i + 1].c && c == U'。' ) {
      report(chars[i].begin, chars[i + 1].end, "重复的标点「。。」(doubled punctuation)");
      ++i;
      continue;
    }
    for (std::u32string_view w : kDoubledWords)
      if (c == w[0] && window_is(i, w) && window_is(i + 2, w)) {
        report(chars[i].begin, chars[i + 3].end,
               "重复的词「" + to_utf8(w) + to_utf8(w) + "」(doubled word)");
        i += 3;
        break;
      }
  }

  // Full-width commas, semicolons and colons become ASCII in the normalized text, where `,,`
  // may be data; the original tells them apart.
  {
    const std::string_view o = text.original;
    for (std::string_view p : {"，，", "、、", "；；", "：："}) {
      const std::string_view one = p.substr(0, 3);
      for (std::size_t pos = o.find(p); pos != std::string_view::npos; pos = o.find(p, pos)) {
        std::size_t end = pos + 6;
        while (o.substr(end, 3) == one) end += 3;  // a run is one finding
        out.push_back({"text.typo", {pos, end},
                       "重复的标点「" + std::string(o.substr(pos, end - pos)) +
                           "」(doubled punctuation)"});
        pos = end;
      }
    }
  }

  // Dates.
  for (std::size_t i = 0; i < n; ++i) {
    if (chars[i].c != U'月' || i == 0 || !is_digit(chars[i - 1].c)) continue;
    std::size_t mb = i;
    while (mb > 0 && is_digit(chars[mb - 1].c)) --mb;
    std::size_t de = i + 1;
    while (de < n && is_digit(chars[de].c)) ++de;
    if (de == i + 1 || at(de) != U'日' || i - mb > 2 || de - i - 1 > 2) continue;
    if (mb > 0 && (is_digit(at(mb - 1)) || at(mb - 1) == '.')) continue;
    auto number = [&](std::size_t b, std::size_t e) {
      int v = 0;
      for (std::size_t k = b; k < e; ++k) v = v * 10 + static_cast<int>(chars[k].c - '0');
      return v;
    };
    int year = 0;
    std::size_t begin = mb;
    if (mb >= 5 && chars[mb - 1].c == U'年' && is_digit(chars[mb - 5].c) &&
        is_digit(chars[mb - 2].c) && (mb == 5 || !is_digit(chars[mb - 6].c))) {
      year = number(mb - 5, mb - 1);
      begin = mb - 5;
    }
    if (!valid_day(year, number(mb, i), number(i + 1, de)))
      report(chars[begin].begin, chars[de].end,
             "日期「" + std::string(t.substr(chars[begin].begin, chars[de].end - chars[begin].begin)) +
                 "」不存在 (invalid date)");
  }

  // Brackets per paragraph.
  struct Open {
    char32_t c;
    std::size_t index;
  };
  std::vector<Open> stack;
  auto paragraph_end = [&](std::size_t i) {  // a blank line starts at chars[i] (after '\n')
    std::size_t k = i;
    while (k < n && (chars[k].c == ' ' || chars[k].c == '\t' || chars[k].c == '\r')) ++k;
    return k >= n || chars[k].c == '\n';
  };
  auto opens_with_quote = [&](std::size_t from) {
    std::size_t k = from;
    while (k < n && (chars[k].c == '\n' || chars[k].c == ' ' || chars[k].c == '\t' ||
                     chars[k].c == 0x3000 || chars[k].c == '\r'))
      ++k;
    return at(k) == U'“';
  };
  auto close_paragraph = [&](std::size_t next) {
    for (const Open& o : stack) {
      if (o.c == U'“' && opens_with_quote(next)) continue;
      report(chars[o.index].begin, chars[o.index].end,
             "符号「" + to_utf8(std::u32string(1, o.c)) + "」没有配对 (unpaired bracket or quote)");
    }
    stack.clear();
  };
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = chars[i].c;
    if (c == '\n') {
      line_start = i + 1;
      if (paragraph_end(i + 1)) close_paragraph(i + 1);
      continue;
    }
    if (c == U'《' || c == U'“' || c == '(') {
      stack.push_back({c, i});
      continue;
    }
    char32_t open = 0;
    if (c == U'》') open = U'《';
    if (c == U'”') open = U'“';
    if (c == ')') open = '(';
    if (open == 0) continue;
    auto it = std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.c == open; });
    if (it != stack.rend()) {
      stack.erase(std::next(it).base(), stack.end());
      continue;
    }
    if (c == ')') {
      // A list marker such as `1)` or `一)` at the start of a line.
      std::size_t k = line_start;
      while (k < i && (chars[k].c == ' ' || chars[k].c == '\t' || chars[k].c == 0x3000)) ++k;
      const bool marker = i - k >= 1 && i - k <= 3 && std::all_of(chars.begin() + static_cast<std::ptrdiff_t>(k), chars.begin() + static_cast<std::ptrdiff_t>(i), [](const Char& x) {
        return is_digit(x.c) || (x.c >= 'a' && x.c <= 'z') ||
               std::u32string_view(U"一二三四五六七八九十").find(x.c) != std::u32string_view::npos;
      });
      if (marker) continue;
    }
    report(chars[i].begin, chars[i].end,
           "符号「" + to_utf8(std::u32string(1, c)) + "」没有配对 (unpaired bracket or quote)");
  }
  close_paragraph(n);
}

}  // namespace sanshen
