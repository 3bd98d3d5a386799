// The rule ids of design §5 with their default severities: the one registry that policy
// overrides, ContentChecker and SARIF rule metadata all read, so a rule cannot be known to one
// and not to the others.
#pragma once

#include <array>
#include <string_view>

#include "core/finding.h"

namespace sanshen {

struct RuleInfo {
  std::string_view id;  // ASCII, stable: policy files, waivers and CI depend on it
  Severity default_severity;
  std::string_view summary;  // Chinese first, for rule metadata (SARIF shortDescription)
};

inline constexpr std::array<RuleInfo, 16> kRules{{
    {"secrecy.marker", Severity::kError, "密级或内部标志 (classification marker)"},
    {"pii.id-card", Severity::kError, "未脱敏的居民身份证号 (unmasked ID card number)"},
    {"pii.bank-card", Severity::kError, "未脱敏的银行卡号 (unmasked bank card number)"},
    {"pii.mobile", Severity::kWarning, "未脱敏的手机号码 (unmasked mobile number)"},
    {"pii.uscc", Severity::kWarning, "统一社会信用代码 (unified social credit code)"},
    {"words.banned", Severity::kError, "禁用词 (banned word)"},
    {"terms.canonical", Severity::kError, "规范表述写错 (misspelt canonical term)"},
    {"leaders.title", Severity::kError, "领导姓名或职务错误 (wrong leader name or title)"},
    {"links.denied", Severity::kError, "链接到禁止的域名 (link to a denied domain)"},
    {"links.external", Severity::kWarning, "链接到白名单以外的域名 (link outside the allow list)"},
    {"links.hidden", Severity::kError, "隐藏链接或隐藏文字 (hidden link or text)"},
    {"html.unsafe", Severity::kError, "不安全的 HTML (unsafe HTML)"},
    {"repost.source", Severity::kError, "转载来源不在权威来源名单内 (repost from an unlisted source)"},
    {"text.typo", Severity::kWarning, "文字差错 (typo)"},
    {"meta.required", Severity::kError, "缺少栏目要求的元数据 (missing required metadata)"},
    {"time.backdated", Severity::kError, "发布时间早于终审时间 (backdated publication time)"},
}};

// The registry entry of a rule id, or nullptr for an unknown id.
constexpr const RuleInfo* find_rule(std::string_view id) {
  for (const RuleInfo& r : kRules)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace sanshen
