#include "core/checks/typos.h"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "core/checks/byte_set.h"
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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Calls on_run(begin, end) for every run of two or more of one of `marks` in s, a run being one
// finding. The marks are among 。、，；：, whose UTF-8 starts with E3 or EF: one pass over those
// lead bytes instead of a search per mark, each stopping at every CJK punctuation mark.
template <typename OnRun>
void for_each_doubled(std::string_view s, std::initializer_list<std::string_view> marks,
                      OnRun on_run) {
  static constexpr ByteSet kLeads("\xE3\xEF");
  for (std::size_t pos = kLeads.next(s, 0); pos + 6 <= s.size(); pos = kLeads.next(s, pos)) {
    const std::string_view one = s.substr(pos, 3);
    if (s.substr(pos + 3, 3) != one || std::find(marks.begin(), marks.end(), one) == marks.end()) {
      ++pos;
      continue;
    }
    std::size_t end = pos + 6;
    while (s.substr(end, 3) == one) end += 3;
    on_run(pos, end);
    pos = end;
  }
}

// The bytes the bracket scan in run() looks at: line breaks, ASCII parentheses and the lead
// bytes of 《 》 (E3) and “ ” (E2).
constexpr ByteSet kBracketStart("\n()\xE2\xE3");

// The code points of `text` in [begin, end) as a string, e.g. a window around a match.
std::u32string chars_between(std::string_view text, std::size_t begin, std::size_t end) {
  return to_code_points(text.substr(begin, end - begin));
}

}  // namespace

Typos::Typos() {
  for (char32_t c : kDoubledSingles) literals_.push_back({to_utf8(std::u32string(2, c)), false});
  words_begin_ = literals_.size();
  for (std::u32string_view w : kDoubledWords)
    literals_.push_back({to_utf8(w) + to_utf8(w), false});
  month_ = literals_.size();
  literals_.push_back({"月", false});
}

std::vector<std::string_view> Typos::rules() const { return {"text.typo"}; }

std::vector<Literal> Typos::literals() const { return literals_; }

void Typos::run(const CheckText& text, std::span<const LiteralMatch> matches,
                std::vector<RuleHit>& out) const {
  const std::string_view t = text.normalized.text();
  auto report = [&](std::size_t b, std::size_t e, const std::string& message) {
    out.push_back({"text.typo", text.normalized.original_span({b, e}), message});
  };
  // One character before b and one after e, when there are such.
  auto widen = [&](std::size_t b, std::size_t e) {
    const std::size_t wb = b > 0 ? previous_code_point(t, b) : b;
    int len = 0;
    if (e < t.size()) code_point_at(t, e, len);
    return std::pair{wb, e + static_cast<std::size_t>(len)};
  };

  std::size_t covered = 0;  // end of the last reported double
  for (const LiteralMatch& m : matches) {
    if (m.literal < words_begin_) {
      if (m.begin < covered) continue;
      const char32_t c = kDoubledSingles[m.literal];
      auto [wb, we] = widen(m.begin, m.end);
      const std::u32string around = chars_between(t, wb, we);
      if (we > m.end && around.back() == c) continue;  // three in a row: not a slip of one
      const std::size_t at = wb < m.begin ? 1 : 0;  // index of the double in `around`
      const bool fine = std::any_of(kFineDoubles.begin(), kFineDoubles.end(), [&](auto w) {
        return (at == 1 && around.substr(0, 3) == w) || around.substr(at, 3) == w;
      });
      if (fine) continue;
      report(m.begin, m.end, "重复的字「" + std::string(t.substr(m.begin, m.end - m.begin)) +
                                 "」(doubled character)");
      covered = m.end;
    } else if (m.literal < month_) {
      if (m.begin < covered) continue;
      report(m.begin, m.end,
             "重复的词「" + std::string(t.substr(m.begin, m.end - m.begin)) + "」(doubled word)");
      covered = m.end;
    } else {
      // A date around `月`: up to two digits before (and optionally `YYYY年` before them), up
      // to two digits and `日` after.
      std::size_t mb = m.begin;
      while (mb > 0 && is_digit(t[mb - 1]) && m.begin - mb < 3) --mb;
      std::size_t de = m.end;
      while (de < t.size() && is_digit(t[de]) && de - m.end < 3) ++de;
      if (mb == m.begin || m.begin - mb > 2 || de == m.end || de - m.end > 2) continue;
      if (t.substr(de, 3) != "日") continue;
      if (mb > 0 && (is_digit(t[mb - 1]) || t[mb - 1] == '.')) continue;
      int year = 0;
      std::size_t begin = mb;
      if (mb >= 7 && t.substr(mb - 3, 3) == "年" && std::all_of(t.begin() + static_cast<std::ptrdiff_t>(mb - 7), t.begin() + static_cast<std::ptrdiff_t>(mb - 3), is_digit) &&
          (mb == 7 || !is_digit(t[mb - 8]))) {
        year = std::stoi(std::string(t.substr(mb - 7, 4)));
        begin = mb - 7;
      }
      const int month = std::stoi(std::string(t.substr(mb, m.begin - mb)));
      const int day = std::stoi(std::string(t.substr(m.end, de - m.end)));
      if (!valid_day(year, month, day))
        report(begin, de + 3,
               "日期「" + std::string(t.substr(begin, de + 3 - begin)) + "」不存在 (invalid date)");
    }
  }

  // Doubled 。 in the normalized text; full-width commas, semicolons and colons become ASCII
  // there, where `,,` may be data, so the original tells them apart.
  for_each_doubled(t, {"。"}, [&](std::size_t b, std::size_t e) {
    report(b, e, "重复的标点「" + std::string(t.substr(b, e - b)) + "」(doubled punctuation)");
  });
  for_each_doubled(text.original, {"，", "、", "；", "："}, [&](std::size_t b, std::size_t e) {
    const std::string marks(text.original.substr(b, e - b));
    out.push_back({"text.typo", {b, e}, "重复的标点「" + marks + "」(doubled punctuation)"});
  });

  // Brackets per paragraph, over bytes: 《 》 are E3 80 8A/8B, “ ” E2 80 9C/9D.
  struct Open {
    char kind;  // '<' 《, '"' “, '(' (
    std::size_t begin, end;
  };
  std::vector<Open> stack;
  const std::size_t n = t.size();
  auto blank_line_at = [&](std::size_t i) {  // only spaces up to the next '\n' or the end
    while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r')) ++i;
    return i >= n || t[i] == '\n';
  };
  auto opens_with_quote = [&](std::size_t i) {
    while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')) ++i;
    return t.substr(i, 3) == "“";
  };
  auto close_paragraph = [&](std::size_t next) {
    for (const Open& o : stack) {
      if (o.kind == '"' && opens_with_quote(next)) continue;
      report(o.begin, o.end,
             "符号「" + std::string(t.substr(o.begin, o.end - o.begin)) +
                 "」没有配对 (unpaired bracket or quote)");
    }
    stack.clear();
  };
  // `1)`, `a)`, `一)` at the start of a line: a list marker, not a closing bracket.
  auto list_marker = [&](std::size_t close, std::size_t line_start) {
    std::size_t k = line_start;
    while (k < close && (t[k] == ' ' || t[k] == '\t')) ++k;
    const std::u32string marker = chars_between(t, k, close);
    return !marker.empty() && marker.size() <= 3 &&
           std::all_of(marker.begin(), marker.end(), [](char32_t c) {
             return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                    std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
           });
  };
  std::size_t line_start = 0;
  for (std::size_t i = kBracketStart.next(t, 0); i < n; i = kBracketStart.next(t, i + 1)) {
    const char c = t[i];
    char kind = 0;
    bool opening = false;
    std::size_t len = 1;
    if (c == '\n') {
      line_start = i + 1;
      if (blank_line_at(i + 1)) close_paragraph(i + 1);
      continue;
    }
    if (c == '(' || c == ')') {
      kind = '(';
      opening = c == '(';
    } else if (c == '\xE3' && i + 2 < n && t[i + 1] == '\x80' && (t[i + 2] == '\x8A' || t[i + 2] == '\x8B')) {
      kind = '<';
      opening = t[i + 2] == '\x8A';
      len = 3;
    } else if (c == '\xE2' && i + 2 < n && t[i + 1] == '\x80' && (t[i + 2] == '\x9C' || t[i + 2] == '\x9D')) {
      kind = '"';
      opening = t[i + 2] == '\x9C';
      len = 3;
    } else {
      continue;
    }
    if (opening) {
      stack.push_back({kind, i, i + len});
    } else {
      auto it = std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.kind == kind; });
      if (it != stack.rend()) {
        stack.erase(std::next(it).base(), stack.end());
      } else if (!(kind == '(' && list_marker(i, line_start))) {
        report(i, i + len, "符号「" + std::string(t.substr(i, len)) +
                               "」没有配对 (unpaired bracket or quote)");
      }
    }
    i += len - 1;
  }
  close_paragraph(n);
}

}  // namespace sanshen
