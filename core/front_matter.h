// Page and section front matter (design §2): the YAML block between `---` lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sanshen {

// Dates are kept exactly as written; they are Asia/Shanghai wall-clock times.
struct PageMeta {
  std::string title, date, page_class = "一般";  // `class` in YAML: 一般 | 重要 | 特级
  std::vector<std::string> topics;
  std::string source, repost_of, author, publish_at, expires;
  std::vector<std::string> related, attachments;
  // 信息公开 (disclosure) metadata.
  std::string index_no, issuer, doc_no, written, subject, validity;
};

struct PageSource {
  PageMeta meta;
  std::string body;   // Markdown after the closing `---` line
  int body_line = 1;  // 1-based line of the first body line in the file
};

// Largest page file accepted; bigger files are refused before parsing.
inline constexpr std::size_t kMaxPageBytes = 4 * 1024 * 1024;

// Errors are "page.invalid" with path:line:col: invalid UTF-8, missing or unterminated front
// matter, YAML syntax, unknown or duplicate field, wrong type, missing title, bad date
// (`YYYY-MM-DD HH:MM` or `YYYY-MM-DD`), bad class or validity, file too large.
Result<PageSource> parse_page(std::string_view text, const std::string& path);

struct SectionMeta {
  std::string title;
  int order = 0;
  std::string kind = "list";  // list | xxgk
};

// `content/<section>/_index.md`: fields title (required), order, kind. Same errors as pages.
Result<SectionMeta> parse_section_index(std::string_view text, const std::string& path);

}  // namespace sanshen
