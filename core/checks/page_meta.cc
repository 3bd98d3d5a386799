#include "core/checks/page_meta.h"

#include <algorithm>

#include "core/checks/links.h"

namespace sanshen {
namespace {

// The byte range of `key:` at the start of a front matter line, or {0, 0} when absent.
TextSpan field_span(std::string_view t, std::string_view key) {
  std::size_t line = 0;
  bool first = true;
  while (line < t.size()) {
    const std::size_t end = std::min(t.find('\n', line), t.size());
    const std::string_view l = t.substr(line, end - line);
    if (!first && (l == "---" || l == "---\r")) break;  // end of front matter
    first = false;
    if (l.starts_with(key) && l.substr(key.size()).starts_with(":")) return {line, end};
    line = end + 1;
  }
  return {0, 0};
}

}  // namespace

PageMetadata::PageMetadata(std::vector<std::string> repost_sources)
    : repost_sources_(std::move(repost_sources)) {}

std::vector<std::string_view> PageMetadata::rules() const {
  return {"meta.required", "repost.source"};
}

void PageMetadata::run(const CheckText& text, std::span<const LiteralMatch>,
                       std::vector<RuleHit>& out) const {
  if (text.meta == nullptr) return;
  const PageMeta& m = *text.meta;
  if (text.section_kind == "xxgk") {
    const std::pair<const char*, const std::string*> fields[] = {
        {"index_no", &m.index_no}, {"issuer", &m.issuer},     {"written", &m.written},
        {"subject", &m.subject},   {"validity", &m.validity}};
    static const char* const kNames[] = {"索引号", "发文机关", "成文日期", "主题分类", "有效性"};
    for (std::size_t i = 0; i < std::size(fields); ++i) {
      if (!fields[i].second->empty()) continue;
      TextSpan at = field_span(text.original, fields[i].first);  // present but empty
      out.push_back({"meta.required", at,
                     "信息公开栏目的页面缺少" + std::string(kNames[i]) + "（" + fields[i].first +
                         "）(missing disclosure metadata)"});
    }
  }
  if (!m.repost_of.empty()) {
    const std::string host = url_host(m.repost_of);
    const bool listed = !host.empty() && std::any_of(repost_sources_.begin(), repost_sources_.end(),
                                                     [&](const std::string& d) { return domain_covers(d, host); });
    if (!listed)
      out.push_back({"repost.source", field_span(text.original, "repost_of"),
                     "转载来源 " + (host.empty() ? m.repost_of : host) +
                         " 不在权威来源名单内（policy.toml [repost] sources）(repost from an "
                         "unlisted source)"});
  }
}

}  // namespace sanshen
