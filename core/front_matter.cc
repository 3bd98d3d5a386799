// The only file that includes libyaml.
#include "core/front_matter.h"

#include <yaml.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <span>

namespace sanshen {
namespace {

constexpr const char* kRule = "page.invalid";

struct Position {
  int line = 1;
  int col = 1;
};

// A node of the loaded front matter: libyaml's document node with its start in the page.
// Aliases are already resolved by libyaml's loader, so a node may be shared.
class YamlNode {
 public:
  YamlNode() = default;
  YamlNode(yaml_document_t* doc, yaml_node_t* node) : doc_(doc), node_(node) {}

  // A plain empty, `~` or `null` scalar, as YAML's core schema reads them; also no document.
  bool is_null() const {
    if (!node_) return true;
    if (node_->type != YAML_SCALAR_NODE || node_->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
      return false;
    const std::string_view v = scalar();
    return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
  }
  bool is_scalar() const { return node_ && node_->type == YAML_SCALAR_NODE && !is_null(); }
  bool is_sequence() const { return node_ && node_->type == YAML_SEQUENCE_NODE; }
  bool is_mapping() const { return node_ && node_->type == YAML_MAPPING_NODE; }

  std::string_view scalar() const {
    return {reinterpret_cast<const char*>(node_->data.scalar.value), node_->data.scalar.length};
  }

  // Sequence items, in order.
  std::vector<YamlNode> items() const {
    std::vector<YamlNode> out;
    for (yaml_node_item_t* i = node_->data.sequence.items.start; i < node_->data.sequence.items.top;
         ++i)
      out.emplace_back(doc_, yaml_document_get_node(doc_, *i));
    return out;
  }

  // Mapping pairs, in order.
  std::vector<std::pair<YamlNode, YamlNode>> pairs() const {
    std::vector<std::pair<YamlNode, YamlNode>> out;
    for (yaml_node_pair_t* p = node_->data.mapping.pairs.start; p < node_->data.mapping.pairs.top;
         ++p)
      out.emplace_back(YamlNode(doc_, yaml_document_get_node(doc_, p->key)),
                       YamlNode(doc_, yaml_document_get_node(doc_, p->value)));
    return out;
  }

  // 0-based line and column (in code points) within the front matter; none for no document.
  std::optional<yaml_mark_t> mark() const {
    if (!node_) return std::nullopt;
    return node_->start_mark;
  }

 private:
  yaml_document_t* doc_ = nullptr;
  yaml_node_t* node_ = nullptr;
};

// Owns libyaml's parser and the loaded document; the nodes point into it.
struct YamlDocument {
  yaml_parser_t parser{};
  yaml_document_t document{};
  bool parser_ready = false;
  bool loaded = false;
  YamlDocument() = default;
  YamlDocument(const YamlDocument&) = delete;
  YamlDocument& operator=(const YamlDocument&) = delete;
  ~YamlDocument() {
    if (loaded) yaml_document_delete(&document);
    if (parser_ready) yaml_parser_delete(&parser);
  }
  YamlNode root() { return YamlNode(&document, yaml_document_get_root_node(&document)); }
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
  // libyaml's marks count lines from the front matter's first line (the page's second: the
  // opening delimiter is the first) and columns in characters, as position_of() does.
  Error error_at(const std::optional<yaml_mark_t>& mark, const std::string& message) const {
    if (!mark) return error_at(yaml_offset_, message);
    return make_error(kRule, message, path_, 2 + static_cast<int>(mark->line),
                      1 + static_cast<int>(mark->column));
  }
  Error error_at(const YamlNode& node, const std::string& message) const {
    return error_at(node.mark(), message);
  }

  // Checks size and encoding, then splits off the front matter and loads it into `yaml`.
  // Returns the root node, which points into `yaml`.
  Result<YamlNode> load(YamlDocument& yaml) {
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
        return parse_yaml(yaml);
      }
      ++line;
    }
    return error_at(0, "前置元数据缺少结束行 --- (unterminated front matter)");
  }

  // Iterates the root mapping: rejects non-string keys, duplicates and names outside `known`
  // (typos must not silently drop metadata), then calls visit(name, value).
  template <class Visit>
  Status for_each_field(const YamlNode& root, std::span<const std::string_view> known,
                        Visit visit) const {
    if (root.is_null()) return ok_status();
    if (!root.is_mapping()) {
      return error_at(root, "前置元数据应为“字段: 值”映射 (front matter must be a mapping)");
    }
    std::set<std::string> seen;
    for (const auto& [key, value] : root.pairs()) {
      if (!key.is_scalar()) return error_at(key, "字段名应为文字 (field name must be text)");
      const std::string name(key.scalar());
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        return error_at(key, unknown_field_message(name, known));
      }
      if (!seen.insert(name).second) {
        return error_at(key, "字段重复 (duplicate field): " + name);
      }
      if (auto st = visit(name, value); !st) return st.error();
    }
    return ok_status();
  }

  // Null counts as absent so `source:` with nothing after it is allowed.
  Result<std::string> text_value(const std::string& name, const YamlNode& value) const {
    if (value.is_null()) return std::string();
    if (!value.is_scalar()) {
      return error_at(value, "字段 " + name + " 应为文字而不是列表或映射 (expected a string)");
    }
    return std::string(value.scalar());
  }

  Result<std::vector<std::string>> list_value(const std::string& name,
                                              const YamlNode& value) const {
    std::vector<std::string> out;
    if (value.is_null()) return out;
    if (!value.is_sequence()) {
      return error_at(value, "字段 " + name + " 应为列表 (expected a list)");
    }
    for (const YamlNode& item : value.items()) {
      if (!item.is_scalar()) {
        return error_at(item, "字段 " + name + " 的列表项应为文字 (list items must be strings)");
      }
      out.emplace_back(item.scalar());
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

  Result<YamlNode> parse_yaml(YamlDocument& yaml) const {
    if (!yaml_parser_initialize(&yaml.parser))
      return error_at(yaml_offset_, "YAML 解析器无法初始化 (YAML parser failed to start)");
    yaml.parser_ready = true;
    yaml_parser_set_input_string(&yaml.parser, reinterpret_cast<const unsigned char*>(yaml_.data()),
                                 yaml_.size());
    if (!yaml_parser_load(&yaml.parser, &yaml.document)) {
      std::string message = "YAML 语法错误 (YAML syntax error): ";
      if (yaml.parser.context) message += std::string(yaml.parser.context) + ", ";
      message += yaml.parser.problem ? yaml.parser.problem : "unknown error";
      return error_at(yaml.parser.problem_mark, message);
    }
    yaml.loaded = true;
    return yaml.root();
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

// A decimal integer with an optional sign that fits an int.
std::optional<int> integer_value(std::string_view s) {
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty() || s.size() > 9 || !all_digits(s)) return std::nullopt;
  return negative ? -number(s) : number(s);
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
                        const YamlNode& node) {
  // Embargo and withdrawal times are compared by the build, so they must be well-formed too.
  if ((name == "date" || name == "publish_at" || name == "expires") && !value.empty() &&
      !is_valid_date(value)) {
    return parser.error_at(node, "字段 " + std::string(name) +
                                     " 应为 YYYY-MM-DD HH:MM 或 YYYY-MM-DD (bad date): " + value);
  }
  if (name == "class" && value != "一般" && value != "重要" && value != "特级") {
    return parser.error_at(node, "字段 class 应为 一般、重要 或 特级 (bad class): " + value);
  }
  if (name == "validity" && !value.empty() && value != "有效" && value != "失效" && value != "废止") {
    return parser.error_at(node, "字段 validity 应为 有效、失效 或 废止 (bad validity): " + value);
  }
  return ok_status();
}

Error missing_title(const std::string& path) {
  return make_error(kRule, "缺少必填字段 title (missing title)", path, 1, 1);
}

}  // namespace

Result<PageSource> parse_page(std::string_view text, const std::string& path) {
  Parser parser(text, path);
  YamlDocument yaml;
  auto root = parser.load(yaml);
  if (!root) return root.error();

  PageSource page;
  std::array<std::string_view, kPageFields.size()> names;
  std::transform(kPageFields.begin(), kPageFields.end(), names.begin(),
                 [](const PageField& f) { return f.name; });
  auto st = parser.for_each_field(
      *root, names, [&](const std::string& name, const YamlNode& value) -> Status {
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
  if (page.meta.title.empty()) return missing_title(path);
  page.body = std::string(parser.body());
  page.body_line = parser.body_line();
  return page;
}

Result<SectionMeta> parse_section_index(std::string_view text, const std::string& path) {
  Parser parser(text, path);
  YamlDocument yaml;
  auto root = parser.load(yaml);
  if (!root) return root.error();

  SectionMeta section;
  static constexpr std::array<std::string_view, 3> kNames{"title", "order", "kind"};
  auto st = parser.for_each_field(
      *root, kNames, [&](const std::string& name, const YamlNode& value) -> Status {
        auto str = parser.text_value(name, value);
        if (!str) return str.error();
        if (name == "title") {
          section.title = std::move(*str);
        } else if (name == "order") {
          const auto order = integer_value(*str);
          if (!value.is_null() && !order) {
            return parser.error_at(value,
                                   "字段 order 应为整数 (order must be an integer): " + *str);
          }
          section.order = order.value_or(0);
        } else if (!str->empty()) {
          if (*str != "list" && *str != "xxgk") {
            return parser.error_at(value, "字段 kind 应为 list 或 xxgk (bad kind): " + *str);
          }
          section.kind = std::move(*str);
        }
        return ok_status();
      });
  if (!st) return st.error();
  if (section.title.empty()) return missing_title(path);
  return section;
}

}  // namespace sanshen
