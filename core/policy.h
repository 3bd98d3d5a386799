// Review policy `.sanshen/policy.toml` (design §4): levels are data, not code.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/result.h"

namespace sanshen {

struct Policy {
  std::vector<std::string> base_levels{"初审", "复审", "终审"};
  int backdate_tolerance_hours = 24;
  std::map<std::string, std::vector<std::string>> class_levels;  // class -> added levels
  std::map<std::string, std::vector<std::string>> topic_levels;  // topic -> added levels
  std::map<std::string, Severity> severity;                      // rule id -> override
  std::vector<std::string> link_allow;
  std::vector<std::string> link_deny;
  std::vector<std::string> repost_sources;

  // Every level the policy names: base first, then added ones in order of first mention.
  std::vector<std::string> known_levels() const;
  // Base chain, then levels added by class, then by topics (in topic order), without repeats.
  std::vector<std::string> required_levels(std::string_view page_class,
                                           const std::vector<std::string>& topics) const;
};

// Errors "config.invalid" with path:line:col (unknown keys, bad severities, empty base chain).
Result<Policy> parse_policy(std::string_view toml_text, const std::string& path);

}  // namespace sanshen
