#include "core/checks/leaders.h"

#include <algorithm>
#include <array>

#include "core/checks/han_text.h"
#include "core/toml_file.h"
#include "core/unicode_text.h"

namespace sanshen {
namespace {

// Titles that commonly stand next to a name in government news, so a wrong title is recognised
// even when no leader in the table holds it.
constexpr std::array<std::string_view, 36> kCommonTitles = {
    "书记",   "副书记",   "县委书记", "县委副书记", "市委书记", "市委副书记", "县长",
    "副县长", "代县长",   "常务副县长", "市长",     "副市长",     "代市长",     "常务副市长",
    "区长",   "副区长",   "省长",     "副省长",     "镇长",       "副镇长",     "乡长",
    "副乡长", "主任",     "副主任",   "主席",       "副主席",     "局长",       "副局长",
    "部长",   "副部长",   "秘书长",   "副秘书长",   "厅长",       "副厅长",     "院长",
    "副院长"};

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// The held title `held` may be written `seen` next to the name: equal, or one is the other with
// a prefix such as a place (`县委书记` / `书记`) that does not end in `副` — dropping or adding
// 副 changes the office.
bool title_fits(std::string_view held, std::string_view seen) {
  if (held == seen) return true;
  const std::string_view longer = held.size() > seen.size() ? held : seen;
  const std::string_view shorter = held.size() > seen.size() ? seen : held;
  if (!longer.ends_with(shorter)) return false;
  const std::string_view prefix = longer.substr(0, longer.size() - shorter.size());
  return !prefix.ends_with("副");
}

}  // namespace

Result<std::vector<LeaderEntry>> parse_leaders(std::string_view toml_text) {
  auto root = parse_toml(toml_text, ".sanshen/rules/leaders.toml");
  if (!root) return root.error();
  if (auto known = root->check_keys({"leader"}); !known) return known.error();
  auto tables = root->tables("leader");
  if (!tables) return tables.error();
  std::vector<LeaderEntry> out;
  for (const TomlTable& t : *tables) {
    if (auto known = t.check_keys({"name", "title", "from", "until"}); !known)
      return known.error();
    LeaderEntry e;
    e.line = t.pos().line;
    auto name = t.string("name");
    if (!name) return name.error();
    auto title = t.string("title");
    if (!title) return title.error();
    if (!*name || !*title)
      return t.error(t.pos(), "领导条目须有 name 和 title (leader needs name and title)");
    e.name = normalize((*name)->value).text();
    e.title = normalize((*title)->value).text();
    const std::u32string chars = to_code_points(e.name);
    if (chars.size() < 2 || !std::all_of(chars.begin(), chars.end(), is_han_code_point))
      return t.error((*name)->pos, "姓名应为两个以上汉字 (name must be Han characters)");
    if (e.title.empty()) return t.error((*title)->pos, "职务为空 (empty title)");
    for (auto [key, field] : {std::pair{"from", &e.from}, std::pair{"until", &e.until}}) {
      auto value = t.string(key);
      if (!value) return value.error();
      if (!*value) continue;
      if (!is_iso_date((*value)->value))
        return t.error((*value)->pos, "日期应为 YYYY-MM-DD (date must be YYYY-MM-DD)");
      *field = (*value)->value;
    }
    if (!e.from.empty() && !e.until.empty() && e.from > e.until)
      return t.error(t.pos(), "from 晚于 until (from is after until)");
    out.push_back(std::move(e));
  }
  return out;
}

LeaderTitles::LeaderTitles(std::vector<LeaderEntry> entries) : entries_(std::move(entries)) {
  auto add = [](std::vector<std::string>& v, std::string_view s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.emplace_back(s);
  };
  for (const LeaderEntry& e : entries_) {
    add(names_, e.name);
    add(titles_, e.title);
  }
  if (entries_.empty()) return;  // no names: titles alone find nothing
  for (std::string_view t : kCommonTitles) add(titles_, t);
}

std::vector<std::string_view> LeaderTitles::rules() const { return {"leaders.title"}; }

std::vector<Literal> LeaderTitles::literals() const {
  if (entries_.empty()) return {};
  std::vector<Literal> out;
  for (const std::string& n : names_) out.push_back({n, false});
  for (const std::string& t : titles_) out.push_back({t, false});
  return out;
}

void LeaderTitles::run(const CheckText& text, std::span<const LiteralMatch> matches,
                       std::vector<RuleHit>& out) const {
  if (matches.empty()) return;
  const std::string_view t = text.normalized.text();
  const std::string date =
      text.meta != nullptr && text.meta->date.size() >= 10 ? text.meta->date.substr(0, 10) : "";
  auto in_force = [&](const LeaderEntry& e) {
    return date.empty() || ((e.from.empty() || e.from <= date) && (e.until.empty() || date <= e.until));
  };

  struct Found {
    std::size_t begin, end, index;
  };
  std::vector<Found> names, titles;
  for (const LiteralMatch& m : matches) {
    if (m.literal < names_.size())
      names.push_back({m.begin, m.end, m.literal});
    else
      titles.push_back({m.begin, m.end, m.literal - names_.size()});
  }
  // The longest title ending at `at` / starting at `at`.
  auto title_ending = [&](std::size_t at) -> const Found* {
    const Found* best = nullptr;
    for (const Found& f : titles)
      if (f.end == at && (best == nullptr || f.begin < best->begin)) best = &f;
    return best;
  };
  auto title_starting = [&](std::size_t at) -> const Found* {
    const Found* best = nullptr;
    for (const Found& f : titles)
      if (f.begin == at && (best == nullptr || f.end > best->end)) best = &f;
    return best;
  };
  auto name_starting = [&](std::size_t at) {
    return std::any_of(names.begin(), names.end(), [&](const Found& f) { return f.begin == at; });
  };

  for (const Found& n : names) {
    const std::string& name = names_[n.index];
    const Found* title = title_ending(n.begin);
    if (title == nullptr) {
      title = title_starting(n.end);
      if (title != nullptr && name_starting(title->end)) title = nullptr;  // 孙立县长赵军: 赵军's
    }
    if (title == nullptr) continue;
    const std::string& seen = titles_[title->index];
    bool fits = false, fits_at_other_time = false;
    std::string held;
    for (const LeaderEntry& e : entries_) {
      if (e.name != name) continue;
      if (!title_fits(e.title, seen)) {
        if (in_force(e)) held += (held.empty() ? "" : "、") + e.title;
        continue;
      }
      (in_force(e) ? fits : fits_at_other_time) = true;
    }
    if (fits) continue;
    const std::size_t b = std::min(n.begin, title->begin);
    const std::size_t e = std::max(n.end, title->end);
    std::string message = "「" + name + "」的职务写为「" + seen + "」";
    if (fits_at_other_time)
      message += "，但该日期不在其任职期内 (title not held on the page's date)";
    else if (!held.empty())
      message += "，应为「" + held + "」(wrong title for a leader)";
    else
      message += "，与领导信息表不符 (wrong title for a leader)";
    out.push_back({"leaders.title", text.normalized.original_span({b, e}), message});
  }

  // One-character variants next to a title the named person holds.
  auto han_window = [&](std::size_t from, std::size_t count, bool forward, std::size_t& other) {
    std::u32string chars;
    std::size_t p = from;
    for (std::size_t i = 0; i < count; ++i) {
      if (forward ? p >= t.size() : p == 0) return std::u32string();
      int len;
      if (forward) {
        const char32_t c = code_point_at(t, p, len);
        chars += c;
        p += len;
      } else {
        p = previous_code_point(t, p);
        chars.insert(chars.begin(), code_point_at(t, p, len));
      }
    }
    other = p;
    if (!std::all_of(chars.begin(), chars.end(), is_han_code_point)) return std::u32string();
    return chars;
  };
  std::vector<std::size_t> reported;
  for (const Found& title : titles) {
    const std::string& seen = titles_[title.index];
    for (const LeaderEntry& e : entries_) {
      if (!title_fits(e.title, seen) || !in_force(e)) continue;
      const std::u32string name = to_code_points(e.name);
      for (bool after : {true, false}) {
        if (after && title_ending(title.end) != &title) continue;
        if (!after && title_starting(title.begin) != &title) continue;
        std::size_t other = 0;
        const std::u32string window =
            han_window(after ? title.end : title.begin, name.size(), after, other);
        if (window.empty() || window == name || window.front() != name.front() ||
            !one_edit_apart(window, name))
          continue;
        const std::string written = to_utf8(window);
        if (std::find(names_.begin(), names_.end(), written) != names_.end()) continue;
        const std::size_t b = after ? title.begin : other;
        if (std::find(reported.begin(), reported.end(), b) != reported.end()) continue;
        reported.push_back(b);
        const std::size_t end = after ? other : title.end;
        out.push_back({"leaders.title", text.normalized.original_span({b, end}),
                       "「" + written + "」疑为领导姓名「" + e.name + "」（" + e.title +
                           "）的错误写法 (one-character variant of a leader's name)"});
      }
    }
  }
}

}  // namespace sanshen
