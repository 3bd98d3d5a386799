#include "core/checks/banned_words.h"

#include <algorithm>
#include <map>

namespace sanshen {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// `sex` must not hit in `Essex`: a word edge that is a letter or digit needs a non-alnum
// neighbour. Han neighbours count as boundaries, so `赌博app` still finds `app`.
bool on_word_boundaries(std::string_view text, std::size_t begin, std::size_t end) {
  if (is_ascii_alnum(text[begin]) && begin > 0 && is_ascii_alnum(text[begin - 1])) return false;
  if (is_ascii_alnum(text[end - 1]) && end < text.size() && is_ascii_alnum(text[end]))
    return false;
  return true;
}

}  // namespace

BannedWords::BannedWords(std::vector<WordEntry> entries) {
  std::map<std::string, std::size_t> by_word;
  for (WordEntry& e : entries) {
    auto [it, inserted] = by_word.emplace(e.word, entries_.size());
    if (inserted) {
      entries_.push_back(std::move(e));
      continue;
    }
    WordEntry& kept = entries_[it->second];
    for (std::string& a : e.allow)
      if (std::find(kept.allow.begin(), kept.allow.end(), a) == kept.allow.end())
        kept.allow.push_back(std::move(a));
  }
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const WordEntry& e = entries_[i];
    literals_.push_back({e.word, e.latin});
    roles_.push_back({i, false});
    for (const std::string& a : e.allow) {
      literals_.push_back({a, e.latin});
      roles_.push_back({i, true});
    }
  }
}

std::vector<std::string_view> BannedWords::rules() const { return {"words.banned"}; }

std::vector<Literal> BannedWords::literals() const { return literals_; }

void BannedWords::run(const CheckText& text, std::span<const LiteralMatch> matches,
                      std::vector<RuleHit>& out) const {
  const std::string& t = text.normalized.text();
  std::multimap<std::size_t, TextSpan> allowed;  // entry -> allow-context occurrences
  std::vector<LiteralMatch> hits;
  for (const LiteralMatch& m : matches) {
    const Role& role = roles_[m.literal];
    if (role.allow)
      allowed.emplace(role.entry, TextSpan{m.begin, m.end});
    else if (!entries_[role.entry].latin || on_word_boundaries(t, m.begin, m.end))
      hits.push_back(m);
  }
  // Longest first at each start, so a hit inside a reported one is recognised by its end.
  std::sort(hits.begin(), hits.end(), [](const LiteralMatch& a, const LiteralMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::size_t covered_end = 0;
  for (const LiteralMatch& h : hits) {
    const std::size_t entry = roles_[h.literal].entry;
    auto [first, last] = allowed.equal_range(entry);
    const bool inside_allowed = std::any_of(first, last, [&](const auto& a) {
      return a.second.begin <= h.begin && h.end <= a.second.end;
    });
    if (inside_allowed || h.end <= covered_end) continue;
    covered_end = h.end;
    const WordEntry& e = entries_[entry];
    out.push_back({"words.banned", text.normalized.original_span({h.begin, h.end}),
                   "禁用词「" + e.word + "」(" + e.file + ":" + std::to_string(e.line) +
                       ") (banned word)"});
  }
}

}  // namespace sanshen
