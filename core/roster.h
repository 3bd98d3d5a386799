// The reviewer roster `.sanshen/reviewers.toml` (design §4): people, keys, levels, sections, roles.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/signature.h"

namespace sanshen {

enum class ReviewerStatus { kActive, kRetired, kRevoked };

struct Reviewer {
  std::string id;     // stable ASCII id
  std::string name;   // 张伟
  std::string title;  // 办公室主任
  std::vector<PublicKey> keys;
  std::vector<std::string> levels;
  std::vector<std::string> sections;  // empty = all sections
  std::vector<std::string> roles;     // "admin"
  ReviewerStatus status = ReviewerStatus::kActive;

  bool holds_level(std::string_view level) const;
  bool covers_section(std::string_view section) const;
  bool is_admin() const;
};

struct Roster {
  std::vector<Reviewer> reviewers;
  // The reviewer owning the key with this fingerprint, or nullptr.
  const Reviewer* find_by_fingerprint(std::string_view fingerprint) const;
};

// Errors "config.invalid" with path:line:col for TOML syntax errors, unknown keys, missing id,
// bad key lines, unknown status, duplicate ids, and a key listed for two people.
Result<Roster> parse_roster(std::string_view toml_text, const std::string& path);

}  // namespace sanshen
