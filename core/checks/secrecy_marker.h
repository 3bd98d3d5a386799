// secrecy.marker (design §5): 密级 markers and internal-use markers in content.
#pragma once

#include "core/checks/check.h"

namespace sanshen {

// `内部资料`, `内部文件`, `注意保存` always hit. `绝密`, `机密`, `秘密` hit only where they are
// used as a marker:
//   - followed by `★`/`☆` or a single `*` (spaces allowed before it), with an optional period
//     `N年`, `N个月` or `长期` after it, which the finding includes: `机密★5年`, `绝密★长期`;
//   - followed by `级`, except in prose naming levels: `级别`, `级国家秘密`, `级、`, `级和`,
//     `级或`, `级的`, `级以上`, `级以下`, or after `、`, `和`, `或` (`绝密级、机密级和秘密级`);
//   - after a `密级` header: `密级：秘密`, `密级 机密` (the finding starts at `密级`);
//   - alone on a line, ignoring Markdown markup and brackets: `**绝密**`, `【机密】`;
//   - in brackets: `（秘密）`, `【机密】`, `〔绝密〕`.
// Words such as `国家秘密`, `商业秘密`, `保守国家秘密法` or `秘密会议` match none of these.
class SecrecyMarkers final : public Check {
 public:
  std::vector<std::string_view> rules() const override;
  std::vector<Literal> literals() const override;
  void run(const CheckText& text, std::span<const LiteralMatch> matches,
           std::vector<RuleHit>& out) const override;
};

}  // namespace sanshen
