#include "core/checks/han_text.h"

namespace sanshen {

char32_t code_point_at(std::string_view text, std::size_t pos, int& len) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  auto cont = [&](std::size_t i) { return static_cast<char32_t>(text[pos + i] & 0x3F); };
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  if (b0 < 0xE0 && pos + 1 < text.size()) {
    len = 2;
    return (static_cast<char32_t>(b0 & 0x1F) << 6) | cont(1);
  }
  if (b0 < 0xF0 && pos + 2 < text.size()) {
    len = 3;
    return (static_cast<char32_t>(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2);
  }
  if (pos + 3 < text.size()) {
    len = 4;
    return (static_cast<char32_t>(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
  }
  len = 1;  // truncated: normalized text never has one, but stay inside the buffer
  return 0xFFFD;
}

std::size_t previous_code_point(std::string_view text, std::size_t pos) {
  --pos;
  while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

std::u32string to_code_points(std::string_view utf8) {
  std::u32string out;
  for (std::size_t i = 0; i < utf8.size();) {
    int len;
    out += code_point_at(utf8, i, len);
    i += len;
  }
  return out;
}

std::string to_utf8(std::u32string_view cps) {
  std::string out;
  for (char32_t c : cps) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

bool is_han_code_point(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

bool one_edit_apart(std::u32string_view a, std::u32string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > 1) return false;
  std::size_t i = 0;
  while (i < b.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size())
    return i < a.size() && a.substr(i + 1) == b.substr(i + 1);
  return a.substr(i + 1) == b.substr(i);  // a has one extra character at i
}

}  // namespace sanshen
