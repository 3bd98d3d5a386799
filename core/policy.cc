#include "core/policy.h"

#include <algorithm>

#include "core/checks/rule_ids.h"
#include "core/toml_file.h"

namespace sanshen {

namespace {

// A year; more would mean the check is off, which `[checks.severity]` says more honestly.
constexpr std::int64_t kMaxToleranceHours = 24 * 366;

void append_unique(std::vector<std::string>& out, const std::vector<std::string>& levels) {
  for (const std::string& level : levels) {
    if (std::find(out.begin(), out.end(), level) == out.end()) out.push_back(level);
  }
}

// A list of level names: non-empty names, each at most once.
Result<std::vector<std::string>> level_list(const TomlTable& t, std::string_view key) {
  auto list = t.string_list(key);
  if (!list) return list.error();
  std::vector<std::string> out;
  for (const TomlString& level : *list) {
    if (level.value.empty()) return t.error(level.pos, "审核级别名为空 (empty level name)");
    if (std::find(out.begin(), out.end(), level.value) != out.end()) {
      return t.error(level.pos, "审核级别重复 (level listed twice) '" + level.value + "'");
    }
    out.push_back(level.value);
  }
  return out;
}

// `[review.class."特级"] add_levels = [...]` and the same for topics.
Result<std::map<std::string, std::vector<std::string>>> added_levels(const TomlTable& review,
                                                                     std::string_view key) {
  std::map<std::string, std::vector<std::string>> out;
  auto group = review.table(key);
  if (!group) return group.error();
  if (!*group) return out;
  for (const std::string& name : (*group)->keys()) {
    auto entry = (*group)->table(name);
    if (!entry) return entry.error();
    if (auto known = (*entry)->check_keys({"add_levels"}); !known) return known.error();
    auto levels = level_list(**entry, "add_levels");
    if (!levels) return levels.error();
    out[name] = std::move(*levels);
  }
  return out;
}

Status parse_review(const TomlTable& review, Policy& policy) {
  if (auto known = review.check_keys({"levels", "backdate_tolerance_hours", "class", "topic"});
      !known) {
    return known.error();
  }
  if (review.contains("levels")) {
    auto levels = level_list(review, "levels");
    if (!levels) return levels.error();
    if (levels->empty()) {
      return review.error_at("levels", "基本审核链不能为空 (the base review chain is empty)");
    }
    policy.base_levels = std::move(*levels);
  }
  auto hours = review.integer("backdate_tolerance_hours");
  if (!hours) return hours.error();
  if (*hours) {
    if (**hours < 0 || **hours > kMaxToleranceHours) {
      return review.error_at("backdate_tolerance_hours",
                             "backdate_tolerance_hours 应在 0–" +
                                 std::to_string(kMaxToleranceHours) + " 之间 (must be 0–" +
                                 std::to_string(kMaxToleranceHours) + ")");
    }
    policy.backdate_tolerance_hours = static_cast<int>(**hours);
  }
  auto classes = added_levels(review, "class");
  if (!classes) return classes.error();
  policy.class_levels = std::move(*classes);
  auto topics = added_levels(review, "topic");
  if (!topics) return topics.error();
  policy.topic_levels = std::move(*topics);
  return ok_status();
}

Status parse_checks(const TomlTable& checks, Policy& policy) {
  if (auto known = checks.check_keys({"severity"}); !known) return known.error();
  auto severity = checks.table("severity");
  if (!severity) return severity.error();
  if (!*severity) return ok_status();
  for (const std::string& rule : (*severity)->keys()) {
    // A typo in an override must not silently keep the default.
    if (find_rule(rule) == nullptr) {
      return (*severity)->error_at(rule, "未知规则 (unknown rule id) '" + rule + "'");
    }
    auto value = (*severity)->string(rule);
    if (!value) return value.error();
    auto parsed = parse_severity((*value)->value);
    if (!parsed) {
      return (*severity)->error(
          (*value)->pos,
          "未知严重级别 (unknown severity) '" + (*value)->value + "'，应为 error | warning | off");
    }
    policy.severity[rule] = *parsed;
  }
  return ok_status();
}

// Domains as the link and repost checks compare them: lowercase ASCII, no scheme, path or port.
Result<std::vector<std::string>> domain_list(const TomlTable& t, std::string_view key) {
  auto list = t.string_list(key);
  if (!list) return list.error();
  std::vector<std::string> out;
  for (const TomlString& entry : *list) {
    std::string domain = entry.value;
    bool plain = !domain.empty() && std::none_of(domain.begin(), domain.end(), [](char c) {
      return c == '/' || c == ':' || c == ' ' || c == '\t';
    });
    if (!plain) {
      return t.error(entry.pos, "应为域名，如 gov.cn (expected a bare domain) '" + domain + "'");
    }
    for (char& c : domain) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    out.push_back(std::move(domain));
  }
  return out;
}

}  // namespace

std::vector<std::string> Policy::known_levels() const {
  std::vector<std::string> out;
  append_unique(out, base_levels);
  for (const auto& [name, levels] : class_levels) append_unique(out, levels);
  for (const auto& [name, levels] : topic_levels) append_unique(out, levels);
  return out;
}

std::vector<std::string> Policy::required_levels(std::string_view page_class,
                                                 const std::vector<std::string>& topics) const {
  std::vector<std::string> out;
  append_unique(out, base_levels);
  if (auto it = class_levels.find(std::string(page_class)); it != class_levels.end()) {
    append_unique(out, it->second);
  }
  for (const std::string& topic : topics) {
    if (auto it = topic_levels.find(topic); it != topic_levels.end())
      append_unique(out, it->second);
  }
  return out;
}

Result<Policy> parse_policy(std::string_view toml_text, const std::string& path) {
  auto root = parse_toml(toml_text, path);
  if (!root) return root.error();
  if (auto known = root->check_keys({"review", "checks", "links", "repost"}); !known) {
    return known.error();
  }
  Policy policy;

  auto review = root->table("review");
  if (!review) return review.error();
  if (*review) {
    if (auto s = parse_review(**review, policy); !s) return s.error();
  }

  auto checks = root->table("checks");
  if (!checks) return checks.error();
  if (*checks) {
    if (auto s = parse_checks(**checks, policy); !s) return s.error();
  }

  auto links = root->table("links");
  if (!links) return links.error();
  if (*links) {
    if (auto known = (*links)->check_keys({"allow", "deny"}); !known) return known.error();
    auto allow = domain_list(**links, "allow");
    if (!allow) return allow.error();
    policy.link_allow = std::move(*allow);
    auto deny = domain_list(**links, "deny");
    if (!deny) return deny.error();
    policy.link_deny = std::move(*deny);
  }

  auto repost = root->table("repost");
  if (!repost) return repost.error();
  if (*repost) {
    if (auto known = (*repost)->check_keys({"sources"}); !known) return known.error();
    auto sources = domain_list(**repost, "sources");
    if (!sources) return sources.error();
    policy.repost_sources = std::move(*sources);
  }
  return policy;
}

}  // namespace sanshen
