// 居民身份证号 validation (GB 11643-1999), for pii.id-card.
#pragma once

#include <string_view>

namespace sanshen {

// The check character (`0`–`9` or `X`) for the first 17 digits of an 18-digit number.
char id_card_check_char(std::string_view first17);

// 18 characters: 17 digits and a check character (`x` accepted) that matches; a province code
// that exists (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82); a real calendar birth
// date YYYYMMDD in 1900–2100.
bool is_id_card18(std::string_view s);

// The old 15-digit form: 6-digit region (province code as above), YYMMDD birth date in the
// 1900s that exists, 3-digit sequence. It has no check digit.
bool is_id_card15(std::string_view s);

}  // namespace sanshen
