// The only file that includes yaml-cpp.
#include "core/front_matter.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <set>
#include <span>

namespace sanshen {
namespace {

constexpr const char* kRule = "page.invalid";

struct Position {
  int line = 1;
  int col = 1;
};

// Line and column (in code points) of a byte offset, as editors and `check` report them.
Position position_of(std::string_view text, std::size_t offset) {
  Position p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++p.col;
    }
  }
  return p;
}

// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (no
// overlongs, surrogates or values past U+10FFFF), or npos.
std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (int k = 2; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  Error error_at(std::size_t offset, const std::string& message) const {
    const Position p = position_of(text_, offset);
    return make_error(kRule, message, path_, p.line, p.col);
  }
  Error error_at(const YAML::Mark& mark, const std::string& message) const {
    if (mark.is_null()) return error_at(yaml_offset_, message);
    return error_at(yaml_offset_ + static_cast<std::size_t>(mark.pos), message);
  }

  // Checks size and encoding, then splits off the front matter. Returns the YAML root.
  Result<YAML::Node> load() {
    if (text_.size() > kMaxPageBytes) {
      return make_error(kRule, "文件超过 4 MiB，拒绝解析 (file larger than 4 MiB)", path_);
    }
    if (const auto bad = find_invalid_utf8(text_); bad != std::string_view::npos) {
      return error_at(bad, "不是有效的 UTF-8 编码 (invalid UTF-8)");
    }
    std::size_t pos = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    if (!is_delimiter(next_line(pos))) {
      return error_at(0, "缺少前置元数据：第一行应为 --- (missing front matter)");
    }
    yaml_offset_ = pos;
    int line = 2;
    while (pos < text_.size()) {
      const std::size_t start = pos;
      if (is_delimiter(next_line(pos))) {
        yaml_ = text_.substr(yaml_offset_, start - yaml_offset_);
        body_ = text_.substr(pos);
        body_line_ = line + 1;
        return parse_yaml();
      }
      ++line;
    }
    return error_at(0, "前置元数据缺少结束行 --- (unterminated front matter)");
  }

  // Iterates the root mapping: rejects non-string keys, duplicates and names outside `known`
  // (typos must not silently drop metadata), then calls visit(name, value).
  template <class Visit>
  Status for_each_field(const YAML::Node& root, std::span<const std::string_view> known,
                              Visit visit) const {
    if (root.IsNull()) return ok_status();
    if (!root.IsMap()) {
      return error_at(root.Mark(), "前置元数据应为“字段: 值”映射 (front matter must be a mapping)");
    }
    std::set<std::string> seen;
    for (const auto& kv : root) {
      const YAML::Node& key = kv.first;
      if (!key.IsScalar()) return error_at(key.Mark(), "字段名应为文字 (field name must be text)");
      const std::string& name = key.Scalar();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        return error_at(key.Mark(), unknown_field_message(name, known));
      }
      if (!seen.insert(name).second) {
        return error_at(key.Mark(), "字段重复 (duplicate field): " + name);
      }
      if (auto st = visit(name, kv.second); !st) return st.error();
    }
    return ok_status();
  }

  // Null counts as absent so `source:` with nothing after it is allowed.
  Result<std::string> text_value(const std::string& name, const YAML::Node& value) const {
    if (value.IsNull()) return std::string();
    if (!value.IsScalar()) {
      return error_at(value.Mark(), "字段 " + name + " 应为文字而不是列表或映射 (expected a string)");
    }
    return value.Scalar();
  }

  Result<std::vector<std::string>> list_value(const std::string& name, const YAML::Node& value) const {
    std::vector<std::string> out;
    if (value.IsNull()) return out;
    if (!value.IsSequence()) {
      return error_at(value.Mark(), "字段 " + name + " 应为列表 (expected a list)");
    }
    for (const auto& item : value) {
      if (!item.IsScalar()) {
        return error_at(item.Mark(), "字段 " + name + " 的列表项应为文字 (list items must be strings)");
      }
      out.push_back(item.Scalar());
    }
    return out;
  }

  std::string_view body() const { return body_; }
  int body_line() const { return body_line_; }

 private:
  // Advances pos past the next line and returns it without its line ending.
  std::string_view next_line(std::size_t& pos) const {
    const std::size_t end = text_.find('\n', pos);
    std::string_view line = text_.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text_.size() : end + 1;
    if (line.ends_with('\r')) line.remove_suffix(1);
    return line;
  }

  static bool is_delimiter(std::string_view line) {
    while (line.ends_with(' ') || line.ends_with('\t')) line.remove_suffix(1);
    return line == "---";
  }

  Result<YAML::Node> parse_yaml() const {
    try {
      return YAML::Load(std::string(yaml_));
    } catch (const YAML::Exception& e) {
      return error_at(e.mark, "YAML 语法错误 (YAML syntax error): " + e.msg);
    }
  }

  static std::string unknown_field_message(const std::string& name,
                                           std::span<const std::string_view> known) {
    std::string message = "未知字段 (unknown field): " + name;
    std::string_view best;
    std::size_t best_distance = 3;  // suggest only close typos
    for (const auto candidate : known) {
      if (const auto d = edit_distance(name, candidate); d < best_distance) {
        best = candidate;
        best_distance = d;
      }
    }
    if (!best.empty()) message += "，是否应为 " + std::string(best) + "？(did you mean " + std::string(best) + "?)";
    return message;
  }

  static std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = up;
      }
    }
    return row[b.size()];
  }

  std::string_view text_;
  const std::string& path_;
  std::size_t yaml_offset_ = 0;
  std::string_view yaml_;
  std::string_view body_;
  int body_line_ = 1;
};

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
  int n = 0;
  for (const char c : s) n = n * 10 + (c - '0');
  return n;
}

// `YYYY-MM-DD HH:MM` or `YYYY-MM-DD`, with a real calendar day.
bool is_valid_date(std::string_view s) {
  if (s.size() != 10 && s.size() != 16) return false;
  if (!all_digits(s.substr(0, 4)) || s[4] != '-' || !all_digits(s.substr(5, 2)) || s[7] != '-' ||
      !all_digits(s.substr(8, 2))) {
    return false;
  }
  const int year = number(s.substr(0, 4)), month = number(s.substr(5, 2)), day = number(s.substr(8, 2));
  static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return false;
  if (s.size() == 10) return true;
  if (s[10] != ' ' || !all_digits(s.substr(11, 2)) || s[13] != ':' || !all_digits(s.substr(14, 2))) {
    return false;
  }
  return number(s.substr(11, 2)) <= 23 && number(s.substr(14, 2)) <= 59;
}

struct PageField {
  std::string_view name;
  std::string PageMeta::*text = nullptr;
  std::vector<std::string> PageMeta::*list = nullptr;
};

const std::array<PageField, 17> kPageFields{{
    {"title", &PageMeta::title},
    {"date", &PageMeta::date},
    {"class", &PageMeta::page_class},
    {"topics", nullptr, &PageMeta::topics},
    {"source", &PageMeta::source},
    {"repost_of", &PageMeta::repost_of},
    {"author", &PageMeta::author},
    {"publish_at", &PageMeta::publish_at},
    {"expires", &PageMeta::expires},
    {"related", nullptr, &PageMeta::related},
    {"attachments", nullptr, &PageMeta::attachments},
    {"index_no", &PageMeta::index_no},
    {"issuer", &PageMeta::issuer},
    {"doc_no", &PageMeta::doc_no},
    {"written", &PageMeta::written},
    {"subject", &PageMeta::subject},
    {"validity", &PageMeta::validity},
}};

// Value checks that need the field's own position.
Status check_page_value(const Parser& parser, std::string_view name, const std::string& value,
                              const YAML::Node& node) {
  // Embargo and withdrawal times are compared by the build, so they must be well-formed too.
  if ((name == "date" || name == "publish_at" || name == "expires") && !value.empty() &&
      !is_valid_date(value)) {
    return parser.error_at(node.Mark(), "字段 " + std::string(name) +
                                            " 应为 YYYY-MM-DD HH:MM 或 YYYY-MM-DD (bad date): " + value);
  }
  if (name == "class" && value != "一般" && value != "重要" && value != "特级") {
    return parser.error_at(node.Mark(), "字段 class 应为 一般、重要 或 特级 (bad class): " + value);
  }
  if (name == "validity" && !value.empty() && value != "有效" && value != "失效" && value != "废止") {
    return parser.error_at(node.Mark(), "字段 validity 应为 有效、失效 或 废止 (bad validity): " + value);
  }
  return ok_status();
}

Error missing_title(const std::string& path) {
  return make_error(kRule, "缺少必填字段 title (missing title)", path, 1, 1);
}

}  // namespace

Result<PageSource> parse_page(std::string_view text, const std::string& path) {
  Parser parser(text, path);
  auto root = parser.load();
  if (!root) return root.error();

  PageSource page;
  std::array<std::string_view, kPageFields.size()> names;
  std::transform(kPageFields.begin(), kPageFields.end(), names.begin(),
                 [](const PageField& f) { return f.name; });
  try {
    auto st = parser.for_each_field(*root, names, [&](const std::string& name, const YAML::Node& value) -> Status {
      const auto field = std::find_if(kPageFields.begin(), kPageFields.end(),
                                      [&](const PageField& f) { return f.name == name; });
      if (field->list) {
        auto list = parser.list_value(name, value);
        if (!list) return list.error();
        page.meta.*(field->list) = std::move(*list);
        return ok_status();
      }
      auto str = parser.text_value(name, value);
      if (!str) return str.error();
      if (name == "class" && str->empty()) return ok_status();  // keep the default 一般
      if (auto ok = check_page_value(parser, name, *str, value); !ok) return ok.error();
      page.meta.*(field->text) = std::move(*str);
      return ok_status();
    });
    if (!st) return st.error();
  } catch (const YAML::Exception& e) {
    return parser.error_at(e.mark, "YAML 读取错误 (YAML error): " + e.msg);
  }
  if (page.meta.title.empty()) return missing_title(path);
  page.body = std::string(parser.body());
  page.body_line = parser.body_line();
  return page;
}

Result<SectionMeta> parse_section_index(std::string_view text, const std::string& path) {
  Parser parser(text, path);
  auto root = parser.load();
  if (!root) return root.error();

  SectionMeta section;
  static constexpr std::array<std::string_view, 3> kNames{"title", "order", "kind"};
  try {
    auto st = parser.for_each_field(*root, kNames, [&](const std::string& name, const YAML::Node& value) -> Status {
      auto str = parser.text_value(name, value);
      if (!str) return str.error();
      if (name == "title") {
        section.title = std::move(*str);
      } else if (name == "order") {
        int order = 0;
        if (!value.IsNull() && !YAML::convert<int>::decode(value, order)) {
          return parser.error_at(value.Mark(), "字段 order 应为整数 (order must be an integer): " + *str);
        }
        section.order = order;
      } else if (!str->empty()) {
        if (*str != "list" && *str != "xxgk") {
          return parser.error_at(value.Mark(), "字段 kind 应为 list 或 xxgk (bad kind): " + *str);
        }
        section.kind = std::move(*str);
      }
      return ok_status();
    });
    if (!st) return st.error();
  } catch (const YAML::Exception& e) {
    return parser.error_at(e.mark, "YAML 读取错误 (YAML error): " + e.msg);
  }
  if (section.title.empty()) return missing_title(path);
  return section;
}

}  // namespace sanshen
