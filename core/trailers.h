// The review trailer grammar of design §3: one strict parser, shared by build, hooks and status.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sanshen {

enum class Decision { kApprove, kReturn };

struct ReviewedPage {
  std::string path;  // repository path, e.g. "content/tzgg/fire.md"
  std::string blob;  // full lowercase hex object id
};

struct Waiver {
  std::string rule;  // e.g. "pii.mobile"
  std::string path;
  int line = 0;      // 0 = the whole file
};

struct ReviewTrailers {
  std::string level;
  std::vector<ReviewedPage> pages;
  Decision decision = Decision::kApprove;
  std::string opinion;
  std::vector<Waiver> waivers;
};

// nullopt: the message has no Review-* key at all (not a review commit).
// Error "review.trailer-syntax" with line/col (1-based, in the message) for: Review-* keys outside
// the last paragraph, a last paragraph with a line that is not `Key: value` with an ASCII key, a
// missing/duplicated Review-Level or Review-Decision, a level not in known_levels, a bad path or
// blob id, an unknown Review-* key, an unknown decision.
Result<std::optional<ReviewTrailers>> parse_review_trailers(
    std::string_view message, const std::vector<std::string>& known_levels);

// Formats a trailer block (for `sanshen review`); parse_review_trailers accepts its output.
std::string format_review_trailers(const ReviewTrailers& t);

}  // namespace sanshen
