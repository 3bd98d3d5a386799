// Small code-point helpers over normalized (valid UTF-8) text, shared by the checks that reason
// in characters rather than bytes: near-miss terms, leader names, typos.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sanshen {

// Code point at byte offset pos of valid UTF-8 and its length in bytes.
char32_t code_point_at(std::string_view text, std::size_t pos, int& len);
// Byte offset of the code point before pos (pos > 0).
std::size_t previous_code_point(std::string_view text, std::size_t pos);
std::u32string to_code_points(std::string_view utf8);
std::string to_utf8(std::u32string_view cps);
bool is_han_code_point(char32_t c);

// Whether a and b are exactly one insertion, deletion or substitution apart.
bool one_edit_apart(std::u32string_view a, std::u32string_view b);

}  // namespace sanshen
