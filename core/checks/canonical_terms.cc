#include "core/checks/canonical_terms.h"

#include <algorithm>
#include <set>

#include "core/checks/han_text.h"
#include "core/unicode_text.h"

namespace sanshen {
namespace {

constexpr std::size_t kMinTermChars = 4;

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<std::vector<CanonicalTerm>> parse_terms(std::string_view content) {
  const std::string path = ".sanshen/rules/terms.txt";
  if (auto bad = find_invalid_utf8(content)) {
    const TextPosition pos = LineIndex(content).position(*bad);
    return make_error("config.invalid", "词表不是有效的 UTF-8 编码 (invalid UTF-8)", path,
                      pos.line, pos.col);
  }
  std::vector<CanonicalTerm> terms;
  int line_no = 0;
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t stop = content.find('\n', start);
    if (stop == std::string_view::npos) stop = content.size();
    const std::string_view line = trim(content.substr(start, stop - start));
    start = stop + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::string term = normalize(line).text();
    if (to_code_points(term).size() < kMinTermChars)
      return make_error("config.invalid",
                        "规范表述「" + term + "」不足 4 个字，无法可靠地检查错写 (term too short)",
                        path, line_no);
    terms.push_back({std::move(term), line_no});
  }
  return terms;
}

CanonicalTerms::CanonicalTerms(std::vector<CanonicalTerm> terms) {
  std::set<std::string> seen;
  for (CanonicalTerm& t : terms) {
    if (!seen.insert(t.text).second) continue;
    const std::size_t index = terms_.size();
    std::u32string chars = to_code_points(t.text);
    const std::size_t half = chars.size() / 2;
    literals_.push_back({t.text, false});
    patterns_.push_back({index, Role::kExact});
    literals_.push_back({to_utf8(std::u32string_view(chars).substr(0, half)), false});
    patterns_.push_back({index, Role::kHead});
    literals_.push_back({to_utf8(std::u32string_view(chars).substr(half)), false});
    patterns_.push_back({index, Role::kTail});
    terms_.push_back({std::move(t.text), std::move(chars), t.line});
  }
}

std::vector<std::string_view> CanonicalTerms::rules() const { return {"terms.canonical"}; }

std::vector<Literal> CanonicalTerms::literals() const { return literals_; }

void CanonicalTerms::run(const CheckText& text, std::span<const LiteralMatch> matches,
                         std::vector<RuleHit>& out) const {
  if (matches.empty()) return;
  const std::string_view t = text.normalized.text();
  std::vector<TextSpan> exact;
  for (const LiteralMatch& m : matches)
    if (patterns_[m.literal].role == Role::kExact) exact.push_back({m.begin, m.end});
  auto overlaps_exact = [&](std::size_t b, std::size_t e) {
    return std::any_of(exact.begin(), exact.end(),
                       [&](const TextSpan& s) { return s.begin < e && b < s.end; });
  };

  std::vector<std::pair<std::size_t, std::size_t>> reported;  // byte ranges already reported
  auto consider = [&](const Term& term, std::size_t b, std::size_t e) {
    const std::u32string window = to_code_points(t.substr(b, e - b));
    if (window.front() != term.chars.front() || window.back() != term.chars.back()) return;
    if (!std::all_of(window.begin(), window.end(), is_han_code_point)) return;
    if (!one_edit_apart(window, term.chars) || overlaps_exact(b, e)) return;
    for (const auto& [rb, re] : reported)
      if (rb < e && b < re) return;
    reported.emplace_back(b, e);
    out.push_back({"terms.canonical", text.normalized.original_span({b, e}),
                   "「" + std::string(t.substr(b, e - b)) + "」疑为规范表述「" + term.text +
                       "」的错误写法 (terms.txt:" + std::to_string(term.line) +
                       ") (misspelt canonical term)"});
  };

  for (const LiteralMatch& m : matches) {
    const Pattern& p = patterns_[m.literal];
    if (p.role == Role::kExact) continue;
    const Term& term = terms_[p.term];
    const std::size_t n = term.chars.size();
    // Windows of n-1, n and n+1 characters that begin at a head match or end at a tail match.
    if (p.role == Role::kHead) {
      std::size_t e = m.begin;
      std::size_t count = 0;
      while (count < n + 1 && e < t.size()) {
        int len;
        code_point_at(t, e, len);
        e += len;
        if (++count >= n - 1) consider(term, m.begin, e);
      }
    } else {
      std::size_t b = m.end;
      std::size_t count = 0;
      while (count < n + 1 && b > 0) {
        b = previous_code_point(t, b);
        if (++count >= n - 1) consider(term, b, m.end);
      }
    }
  }
}

}  // namespace sanshen
