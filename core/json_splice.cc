#include "core/json_splice.h"

#include <random>

namespace sanshen {

JsonSplice::JsonSplice() {
  std::random_device random;
  static const char* hex = "0123456789abcdef";
  for (int i = 0; i < 32; ++i) tag_ += hex[random() % 16];
}

nlohmann::json JsonSplice::placeholder(std::string_view name) const {
  // Built in place: GCC 12 at -O3 misreads a chain of `+` on strings here (-Wrestrict).
  std::string text(1, '\x01');
  text += name;
  text += '-';
  text += tag_;
  return nlohmann::json(std::move(text));
}

std::string JsonSplice::splice(const std::string& skeleton, const std::vector<Piece>& pieces,
                               std::size_t expected_size) const {
  TextOut out;
  out.text().reserve(skeleton.size() + expected_size);
  splice(skeleton, pieces, out);
  return out.take();
}

void JsonSplice::splice(const std::string& skeleton, const std::vector<Piece>& pieces,
                        TextOut& out) const {
  std::size_t from = 0;
  for (const auto& [name, append] : pieces) {
    // As dump() prints the placeholder: the control character escaped.
    std::string marker = "\"\\u0001";
    marker += name;
    marker += '-';
    marker += tag_;
    marker += '"';
    const std::size_t at = skeleton.find(marker, from);
    out.text().append(skeleton, from, at - from);
    append(out);
    from = at + marker.size();
  }
  out.text().append(skeleton, from, std::string::npos);
}

}  // namespace sanshen
