#include "core/finding.h"

namespace sanshen {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kOff: return "off";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "error") return Severity::kError;
  if (name == "warning") return Severity::kWarning;
  if (name == "off") return Severity::kOff;
  return std::nullopt;
}

std::string Finding::describe() const {
  std::string out = path + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " +
                    std::string(severity_name(severity)) + " " + rule + ": " + message;
  if (!text.empty()) out += "「" + text + "」";
  return out;
}

bool has_error(const std::vector<Finding>& findings) {
  for (const auto& f : findings)
    if (f.severity == Severity::kError) return true;
  return false;
}

}  // namespace sanshen
