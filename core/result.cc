#include "core/result.h"

namespace sanshen {

std::string Error::describe() const {
  std::string out;
  if (!path.empty()) {
    out += path;
    if (line > 0) {
      out += ":" + std::to_string(line);
      if (col > 0) out += ":" + std::to_string(col);
    }
    out += ": ";
  }
  out += message;
  if (!rule.empty()) out += " [" + rule + "]";
  return out;
}

Error make_error(std::string rule, std::string message, std::string path, int line, int col) {
  return Error{std::move(rule), std::move(message), std::move(path), line, col};
}

}  // namespace sanshen
