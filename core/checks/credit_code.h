// 统一社会信用代码 validation (GB 32100-2015), for pii.uscc.
#pragma once

#include <string_view>

namespace sanshen {

// 18 characters from `0-9 A-H J-N P-R T U W-Y` (no I, O, S, V, Z): a registration authority
// code (1–9, A, N or Y), an organisation type, a 6-digit region code whose province part
// exists, a 9-character organisation code and a check character that matches (weights
// 3^i mod 31). Letters must be uppercase, as the standard prints them.
bool is_uscc(std::string_view s);

}  // namespace sanshen
