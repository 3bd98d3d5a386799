// A content-check finding (design §5): where, how bad, which rule, what matched.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sanshen {

enum class Severity { kError, kWarning, kOff };

std::string_view severity_name(Severity s);             // "error" | "warning" | "off"
std::optional<Severity> parse_severity(std::string_view name);

struct Finding {
  std::string path;
  int line = 0;  // 1-based
  int col = 0;   // 1-based, Unicode code points of the original text
  Severity severity = Severity::kError;
  std::string rule;     // e.g. "pii.id-card"
  std::string message;  // Chinese-first
  std::string text;     // the matched original text

  // "path:line:col: error pii.id-card: message (text)"
  std::string describe() const;
};

bool has_error(const std::vector<Finding>& findings);

}  // namespace sanshen
