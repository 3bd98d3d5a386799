#include "core/checks/html_content.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "core/checks/byte_set.h"

namespace sanshen {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The bytes the forms run() looks for start with: tags, Markdown link text, script URLs.
constexpr ByteSet kHtmlStart("<[jJvV");
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

bool at_caseless(std::string_view t, std::size_t pos, std::string_view s) {
  if (pos + s.size() > t.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (lower(t[pos + i]) != s[i]) return false;
  return true;
}

// CSS text with spaces dropped and letters lowercased, each byte remembering where it was.
struct Compact {
  std::string text;
  std::vector<std::size_t> at;
};

Compact compact(std::string_view t, std::size_t begin, std::size_t end) {
  Compact c;
  for (std::size_t i = begin; i < end; ++i) {
    if (is_space(t[i])) continue;
    c.text += lower(t[i]);
    c.at.push_back(i);
  }
  return c;
}

// The numeric value starting at pos of a CSS length, or -1 when there is none.
double number_at(std::string_view s, std::size_t pos) {
  std::size_t e = pos;
  while (e < s.size() && ((s[e] >= '0' && s[e] <= '9') || s[e] == '.')) ++e;
  if (e == pos) return -1;
  return std::stod(std::string(s.substr(pos, e - pos)));
}

bool is_zero_length(std::string_view s, std::size_t pos) {
  // `0`, `0px`, `0em`, `0.0` … but not `0.5em`.
  const double v = number_at(s, pos);
  return v == 0;
}

// Findings of links.hidden inside one CSS declaration block [begin, end) of t.
void check_css(std::string_view t, std::size_t begin, std::size_t end, std::vector<TextSpan>& hidden) {
  const Compact c = compact(t, begin, end);
  const std::string& s = c.text;
  auto span_of = [&](std::size_t b, std::size_t len) {
    return TextSpan{c.at[b], c.at[std::min(b + len, s.size()) - 1] + 1};
  };
  // Declarations split at `;` and `{`/`}`: property -> value, per block.
  std::map<std::string, std::pair<std::string, std::size_t>> block;
  auto flush = [&]() {
    auto get = [&](const char* k) -> const std::pair<std::string, std::size_t>* {
      auto it = block.find(k);
      return it == block.end() ? nullptr : &it->second;
    };
    const auto* color = get("color");
    const auto* background = get("background-color");
    if (background == nullptr) background = get("background");
    if (color != nullptr && background != nullptr && !color->first.empty() &&
        color->first == background->first)
      hidden.push_back(span_of(color->second, 5 + 1 + color->first.size()));
    const auto* overflow = get("overflow");
    if (overflow != nullptr && overflow->first == "hidden")
      for (const char* k : {"height", "width", "max-height"})
        if (const auto* v = get(k); v != nullptr && is_zero_length(v->first, 0))
          hidden.push_back(span_of(v->second, std::string(k).size() + 1 + v->first.size()));
    block.clear();
  };
  std::size_t decl = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const bool stop = i == s.size() || s[i] == ';' || s[i] == '{' || s[i] == '}' || s[i] == '"' ||
                      s[i] == '\'';
    if (!stop) continue;
    const std::string_view d(s.data() + decl, i - decl);
    const std::size_t colon = d.find(':');
    if (colon != std::string_view::npos) {
      const std::string prop(d.substr(0, colon));
      std::string value(d.substr(colon + 1));
      if (const std::size_t imp = value.find("!important"); imp != std::string::npos)
        value.erase(imp);
      const std::size_t len = d.size();
      if ((prop == "display" && value == "none") || (prop == "visibility" && value == "hidden") ||
          ((prop == "font-size" || prop == "opacity") && is_zero_length(value, 0)))
        hidden.push_back(span_of(decl, len));
      if ((prop == "text-indent" || prop == "left" || prop == "top" || prop == "margin-left" ||
           prop == "margin-top") &&
          value.starts_with("-") && number_at(value, 1) >= 500)
        hidden.push_back(span_of(decl, len));
      block[prop] = {value, decl};
    }
    if (i < s.size() && s[i] != ';') flush();
    decl = i + 1;
  }
  flush();
}

bool has_zero_width(std::string_view t, std::size_t b, std::size_t e) {
  static constexpr std::array<std::string_view, 5> kZeroWidth = {
      "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"};
  const std::string_view s = t.substr(b, e - b);
  return std::any_of(kZeroWidth.begin(), kZeroWidth.end(),
                     [&](std::string_view z) { return s.find(z) != std::string_view::npos; });
}

}  // namespace

std::vector<std::string_view> HtmlContent::rules() const { return {"html.unsafe", "links.hidden"}; }

void HtmlContent::run(const CheckText& text, std::span<const LiteralMatch>,
                      std::vector<RuleHit>& out) const {
  const std::string_view t = text.original;
  std::vector<TextSpan> hidden;
  auto unsafe = [&](std::size_t b, std::size_t e, const std::string& what) {
    out.push_back({"html.unsafe", {b, e}, what});
  };

  for (std::size_t i = kHtmlStart.next(t, 0); i < t.size(); i = kHtmlStart.next(t, i + 1)) {
    const char c = t[i];
    if (c == '<' && i + 1 < t.size() && (std::isalpha(static_cast<unsigned char>(t[i + 1])) != 0)) {
      std::size_t name_end = i + 1;
      while (name_end < t.size() && is_name_char(t[name_end])) ++name_end;
      std::string name;
      for (std::size_t k = i + 1; k < name_end; ++k) name += lower(t[k]);
      // A tag longer than this is not one; the bound keeps text full of `<x` linear.
      constexpr std::size_t kMaxTag = 4096;
      const std::size_t limit = std::min(name_end + kMaxTag, t.size());
      const std::size_t close = std::min(t.substr(0, limit).find('>', name_end), limit);
      if (name == "script" || name == "iframe" || name == "object" || name == "embed")
        unsafe(i, name_end, "内容中不得含有 <" + name + "> 标签 (unsafe HTML tag)");
      // Attributes: names and the style value.
      std::size_t p = name_end;
      while (p < close) {
        while (p < close && (is_space(t[p]) || t[p] == '/')) ++p;
        const std::size_t attr = p;
        while (p < close && is_name_char(t[p])) ++p;
        if (p == attr) {
          ++p;
          continue;
        }
        std::string attr_name;
        for (std::size_t k = attr; k < p; ++k) attr_name += lower(t[k]);
        std::size_t q = p;
        while (q < close && is_space(t[q])) ++q;
        std::size_t value_begin = q, value_end = q;
        if (q < close && t[q] == '=') {
          ++q;
          while (q < close && is_space(t[q])) ++q;
          const char quote = q < t.size() && (t[q] == '"' || t[q] == '\'') ? t[q] : 0;
          value_begin = quote != 0 ? q + 1 : q;
          value_end = value_begin;
          while (value_end < limit &&
                 (quote != 0 ? t[value_end] != quote : !is_space(t[value_end]) && t[value_end] != '>'))
            ++value_end;
          p = quote != 0 && value_end < limit ? value_end + 1 : value_end;
        }
        if (attr_name.size() > 2 && attr_name.starts_with("on"))
          unsafe(attr, attr + attr_name.size(),
                 "内容中不得含有事件处理属性 " + attr_name + " (event handler attribute)");
        else if (attr_name == "style")
          check_css(t, value_begin, value_end, hidden);
        else if (attr_name == "hidden")
          hidden.push_back({attr, attr + 6});
      }
      if (name == "style") {
        std::size_t end = t.size();
        for (std::size_t k = close; k < t.size(); ++k)
          if (t[k] == '<' && at_caseless(t, k, "</style")) {
            end = k;
            break;
          }
        check_css(t, std::min(close + 1, t.size()), end, hidden);
      }
      if (name == "a") {
        std::size_t end = t.size();
        for (std::size_t k = close; k < t.size(); ++k)
          if (t[k] == '<' && at_caseless(t, k, "</a")) {
            end = k;
            break;
          }
        if (close < end && has_zero_width(t, close, end)) hidden.push_back({close + 1, end});
      }
    } else if (c == '[') {
      const std::size_t line_end = std::min(t.find('\n', i), t.size());
      const std::size_t end = t.substr(0, line_end).find(']', i);
      if (end != std::string_view::npos && end + 1 < t.size() && t[end + 1] == '(' &&
          has_zero_width(t, i + 1, end))
        hidden.push_back({i + 1, end});
    } else if ((c == 'j' || c == 'J' || c == 'v' || c == 'V') &&
               (at_caseless(t, i, "javascript:") || at_caseless(t, i, "vbscript:"))) {
      std::size_t b = i;
      while (b > 0 && (is_space(t[b - 1]) || t[b - 1] == '"' || t[b - 1] == '\'')) --b;
      if (b > 0 && (t[b - 1] == '(' || t[b - 1] == '=' || t[b - 1] == '<'))
        unsafe(i, i + (lower(c) == 'j' ? 11 : 9),
               "内容中不得含有脚本链接 (javascript: URL)");
    }
  }
  std::sort(hidden.begin(), hidden.end(),
            [](const TextSpan& a, const TextSpan& b) { return a.begin < b.begin; });
  for (const TextSpan& s : hidden)
    out.push_back({"links.hidden", s, "隐藏链接或隐藏文字（暗链）(hidden link or text)"});
}

}  // namespace sanshen
