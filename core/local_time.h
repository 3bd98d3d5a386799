// Times as government pages write them: "YYYY-MM-DD HH:MM" or "YYYY-MM-DD", in Asia/Shanghai
// (UTC+8, no daylight saving), converted to and from seconds since the epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sanshen {

// nullopt for anything that is not a real calendar date/time in one of the two forms.
std::optional<int64_t> parse_shanghai_time(std::string_view text);

// `--now`: seconds since the epoch ("1767225600"), or a Shanghai time as above.
std::optional<int64_t> parse_now(std::string_view text);

// "YYYY-MM-DD HH:MM" in Asia/Shanghai.
std::string format_shanghai_time(int64_t seconds);

}  // namespace sanshen
