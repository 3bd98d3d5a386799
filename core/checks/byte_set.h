// Skipping to the next byte a scanning check looks at. Most bytes of a Chinese page are UTF-8
// continuation and lead bytes that no check's loop does anything with; a tight loop over a
// table passes them several times faster than the checks' own loop bodies, which keep their
// state on the stack.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace sanshen {

class ByteSet {
 public:
  constexpr explicit ByteSet(std::string_view bytes) {
    for (char c : bytes) in_[static_cast<unsigned char>(c)] = true;
  }

  constexpr bool contains(char c) const { return in_[static_cast<unsigned char>(c)]; }

  // The first position at or after `pos` holding a byte of the set, or text.size().
  std::size_t next(std::string_view text, std::size_t pos) const {
    while (pos < text.size() && !contains(text[pos])) ++pos;
    return pos;
  }

 private:
  std::array<bool, 256> in_{};
};

}  // namespace sanshen
