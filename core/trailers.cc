#include "core/trailers.h"

#include <algorithm>

#include "core/object_id.h"

namespace sanshen {

namespace {

constexpr std::string_view kRule = "review.trailer-syntax";

struct Line {
  std::string_view text;
  int number = 0;  // 1-based
};

// Columns count code points, as every position in sanshen does.
int column_of(std::string_view text, size_t byte) {
  int col = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

Error syntax_error(std::string message, const Line& line, size_t byte = 0) {
  return make_error(std::string(kRule), std::move(message), {}, line.number,
                    column_of(line.text, byte));
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

bool is_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// git matches trailer keys case-insensitively, so `review-level:` is a Review trailer to git and
// must be one to us too; anything git might read as a Review-* key is held to the grammar.
bool starts_review_key(std::string_view line) {
  constexpr std::string_view kPrefix = "review-";
  if (line.size() < kPrefix.size()) return false;
  for (size_t i = 0; i < kPrefix.size(); ++i) {
    if (ascii_lower(line[i]) != kPrefix[i]) return false;
  }
  return true;
}

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// A repository path as it appears in a tree: relative, no empty, `.` or `..` segments, no
// whitespace or control characters (the trailer value is space-separated).
std::optional<std::string> path_problem(std::string_view path) {
  if (path.empty()) return "缺少路径 (missing path)";
  if (path.front() == '/') return "路径必须是相对路径 (path must be relative)";
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return "路径含控制字符 (control character in path)";
    }
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") {
      return "路径含空段、'.' 或 '..' (empty, '.' or '..' segment in path)";
    }
    start = end + 1;
  }
  return std::nullopt;
}

struct Field {
  std::string_view key;
  std::string_view value;
  size_t value_byte = 0;  // where the value starts in the line
  Line line;
};

// One line of the trailer block: `Key: value`, ASCII key, one colon, one space, non-empty value.
Result<Field> parse_field(const Line& line) {
  std::string_view t = line.text;
  if (!t.empty() && (t.front() == ' ' || t.front() == '\t')) {
    return syntax_error("不允许续行 (continuation lines are not allowed)", line);
  }
  if (t.find(':') == std::string_view::npos && t.find("：") == std::string_view::npos) {
    return syntax_error("不是 `键: 值` 形式 (not a `Key: value` line)", line);
  }
  size_t i = 0;
  while (i < t.size() && is_key_char(t[i])) ++i;
  if (i < t.size() && t[i] != ':') {
    if (t.substr(i).starts_with("：")) {
      return syntax_error(
          "应使用半角冒号 ':'，不是全角 '：' (use an ASCII colon, not a full-width one)", line, i);
    }
    return syntax_error(
        "尾注键只能含 ASCII 字母、数字和 '-' (trailer key must be ASCII [A-Za-z0-9-])", line, i);
  }
  if (i == 0) return syntax_error("缺少尾注键 (missing trailer key)", line);
  if (i + 1 >= t.size() || t[i + 1] != ' ') {
    return syntax_error("冒号后应有一个空格 (expected one space after the colon)", line, i + 1);
  }
  size_t v = i + 2;
  if (v == t.size()) return syntax_error("尾注值为空 (empty trailer value)", line, v);
  if (t[v] == ' ' || t[v] == '\t') {
    return syntax_error("冒号后只能有一个空格 (expected exactly one space after the colon)", line,
                        v);
  }
  return Field{t.substr(0, i), t.substr(v), v, line};
}

Result<ReviewedPage> parse_page(const Field& f) {
  size_t space = f.value.find(' ');
  if (space == std::string_view::npos) {
    return syntax_error("Review-Page 应为 `<路径> <blob>` (expected `<path> <blob-id>`)", f.line,
                        f.value_byte);
  }
  std::string_view path = f.value.substr(0, space);
  std::string_view blob = f.value.substr(space + 1);
  if (blob.find(' ') != std::string_view::npos) {
    return syntax_error(
        "Review-Page 字段过多，路径不能含空格 (too many fields; paths cannot contain spaces)",
        f.line, f.value_byte);
  }
  if (auto problem = path_problem(path)) return syntax_error(*problem, f.line, f.value_byte);
  if (!is_object_id(blob)) {
    return syntax_error(
        "blob 应为 40 位小写十六进制完整对象 ID (blob must be a full 40-character lowercase hex "
        "object id)",
        f.line, f.value_byte + space + 1);
  }
  return ReviewedPage{std::string(path), std::string(blob)};
}

bool is_rule_id(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  });
}

Result<Waiver> parse_waiver(const Field& f) {
  size_t space = f.value.find(' ');
  if (space == std::string_view::npos) {
    return syntax_error(
        "Review-Waive 应为 `<规则> <路径>[:<行>]` (expected `<rule-id> <path>[:<line>]`)", f.line,
        f.value_byte);
  }
  std::string_view rule = f.value.substr(0, space);
  std::string_view target = f.value.substr(space + 1);
  size_t target_byte = f.value_byte + space + 1;
  if (!is_rule_id(rule)) {
    return syntax_error("规则 ID 无效 (invalid rule id) '" + std::string(rule) + "'", f.line,
                        f.value_byte);
  }
  if (target.find(' ') != std::string_view::npos) {
    return syntax_error(
        "Review-Waive 字段过多，路径不能含空格 (too many fields; paths cannot contain spaces)",
        f.line, target_byte);
  }
  Waiver w{std::string(rule), std::string(target), 0};
  // A path may itself contain ':'; only an all-digit suffix is a line number.
  size_t colon = target.rfind(':');
  if (colon != std::string_view::npos) {
    std::string_view digits = target.substr(colon + 1);
    bool numeric = !digits.empty() && std::all_of(digits.begin(), digits.end(),
                                                  [](char c) { return c >= '0' && c <= '9'; });
    if (numeric) {
      // Nine digits cannot overflow int; no real page has a billion lines.
      if (digits.size() > 9 || std::stoi(std::string(digits)) == 0) {
        return syntax_error("行号无效 (invalid line number)", f.line, target_byte + colon + 1);
      }
      w.line = std::stoi(std::string(digits));
      w.path = std::string(target.substr(0, colon));
    }
  }
  if (auto problem = path_problem(w.path)) return syntax_error(*problem, f.line, target_byte);
  return w;
}

}  // namespace

Result<std::optional<ReviewTrailers>> parse_review_trailers(
    std::string_view message, const std::vector<std::string>& known_levels) {
  std::vector<Line> lines;
  for (size_t start = 0; start < message.size();) {
    size_t end = message.find('\n', start);
    if (end == std::string_view::npos) end = message.size();
    lines.push_back(Line{message.substr(start, end - start), static_cast<int>(lines.size()) + 1});
    start = end + 1;
  }
  if (std::none_of(lines.begin(), lines.end(),
                   [](const Line& l) { return starts_review_key(l.text); })) {
    return std::optional<ReviewTrailers>();
  }

  for (const Line& l : lines) {
    if (size_t cr = l.text.find('\r'); cr != std::string_view::npos) {
      return syntax_error("不允许 CRLF 换行 (CRLF line endings are not allowed)", l, cr);
    }
    if (!valid_utf8(l.text)) return syntax_error("不是有效的 UTF-8 (invalid UTF-8)", l);
  }

  size_t end = lines.size();
  while (end > 0 && is_blank(lines[end - 1].text)) --end;
  size_t begin = end;
  while (begin > 0 && !is_blank(lines[begin - 1].text)) --begin;
  for (size_t i = 0; i < begin; ++i) {
    if (starts_review_key(lines[i].text)) {
      return syntax_error(
          "Review-* 尾注只能出现在消息最后一段 (Review-* keys belong in the last paragraph)",
          lines[i]);
    }
  }
  // As in git, the first paragraph is the subject and never a trailer block.
  bool has_earlier_text = std::any_of(lines.begin(), lines.begin() + begin,
                                      [](const Line& l) { return !is_blank(l.text); });
  if (!has_earlier_text) {
    return syntax_error(
        "尾注前缺少标题和空行 (the trailer block needs a subject line and a blank line before it)",
        lines[begin]);
  }

  ReviewTrailers t;
  const Line* level_line = nullptr;
  const Line* decision_line = nullptr;
  const Line* opinion_line = nullptr;
  for (size_t i = begin; i < end; ++i) {
    auto field = parse_field(lines[i]);
    if (!field) return field.error();
    const Field& f = *field;
    if (!starts_review_key(f.key)) continue;  // other trailers (Signed-off-by, ...) are not ours
    auto duplicate = [&](const Line* seen) {
      return syntax_error(std::string(f.key) +
                              " 只能出现一次 (may appear only once; first on line " +
                              std::to_string(seen->number) + ")",
                          f.line);
    };
    if (f.key == "Review-Level") {
      if (level_line) return duplicate(level_line);
      level_line = &lines[i];
      if (std::find(known_levels.begin(), known_levels.end(), f.value) == known_levels.end()) {
        return syntax_error("未知审核级别 (unknown review level) '" + std::string(f.value) + "'",
                            f.line, f.value_byte);
      }
      t.level = std::string(f.value);
    } else if (f.key == "Review-Decision") {
      if (decision_line) return duplicate(decision_line);
      decision_line = &lines[i];
      if (f.value == "approve") {
        t.decision = Decision::kApprove;
      } else if (f.value == "return") {
        t.decision = Decision::kReturn;
      } else {
        return syntax_error(
            "审核结论应为 approve 或 return (decision must be approve or return), 实为 '" +
                std::string(f.value) + "'",
            f.line, f.value_byte);
      }
    } else if (f.key == "Review-Page") {
      auto page = parse_page(f);
      if (!page) return page.error();
      for (const ReviewedPage& p : t.pages) {
        if (p.path == page->path) {
          return syntax_error("同一路径重复出现 (the same path is named twice) '" + p.path + "'",
                              f.line, f.value_byte);
        }
      }
      t.pages.push_back(std::move(*page));
    } else if (f.key == "Review-Opinion") {
      if (opinion_line) return duplicate(opinion_line);
      opinion_line = &lines[i];
      t.opinion = std::string(f.value);
    } else if (f.key == "Review-Waive") {
      auto waiver = parse_waiver(f);
      if (!waiver) return waiver.error();
      t.waivers.push_back(std::move(*waiver));
    } else {
      return syntax_error("未知的 Review 尾注键 (unknown Review key) '" + std::string(f.key) + "'",
                          f.line);
    }
  }
  const Line& block = lines[begin];
  if (!level_line) return syntax_error("缺少 Review-Level (missing Review-Level)", block);
  if (!decision_line) return syntax_error("缺少 Review-Decision (missing Review-Decision)", block);
  if (t.pages.empty()) return syntax_error("缺少 Review-Page (missing Review-Page)", block);
  return std::optional<ReviewTrailers>(std::move(t));
}

std::string format_review_trailers(const ReviewTrailers& t) {
  std::string out = "Review-Level: " + t.level + "\n";
  for (const ReviewedPage& p : t.pages) out += "Review-Page: " + p.path + " " + p.blob + "\n";
  out += std::string("Review-Decision: ") +
         (t.decision == Decision::kApprove ? "approve" : "return") + "\n";
  // A trailer value is one line without surrounding blanks: fold line breaks, trim the ends.
  std::string opinion = t.opinion;
  std::replace_if(
      opinion.begin(), opinion.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; },
      ' ');
  size_t first = opinion.find_first_not_of(' ');
  if (first != std::string::npos) {
    opinion = opinion.substr(first, opinion.find_last_not_of(' ') - first + 1);
    out += "Review-Opinion: " + opinion + "\n";
  }
  for (const Waiver& w : t.waivers) {
    out += "Review-Waive: " + w.rule + " " + w.path;
    if (w.line > 0) out += ":" + std::to_string(w.line);
    out += "\n";
  }
  return out;
}

}  // namespace sanshen
