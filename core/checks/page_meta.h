// meta.required and repost.source (design §5): the page's front matter, as the build parsed it.
#pragma once

#include <string>
#include <vector>

#include "core/checks/check.h"

namespace sanshen {

// meta.required: a page in a section of kind `xxgk` (信息公开) must give index_no (索引号),
// issuer (发文机关), written (成文日期), subject (主题分类) and validity (有效性); doc_no (发文字号)
// is optional because not every disclosed item is a numbered document. Other kinds require
// nothing beyond what the front matter parser already requires.
// repost.source: `repost_of` must be an http(s) URL whose host is covered by one of the repost
// sources (policy `[repost] sources`; a domain covers its subdomains).
// Both are skipped when the checker is given no front matter (attachments, plain text). Findings
// point at the field's line in the front matter, or at line 1 for a missing field.
class PageMetadata final : public Check {
 public:
  explicit PageMetadata(std::vector<std::string> repost_sources);

  std::vector<std::string_view> rules() const override;
  void run(const CheckText& text, std::span<const LiteralMatch> matches,
           std::vector<RuleHit>& out) const override;

 private:
  std::vector<std::string> repost_sources_;
};

}  // namespace sanshen
