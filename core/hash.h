// SHA-256 (OpenSSL) for output digests and cache keys.
#pragma once

#include <string>
#include <string_view>

namespace sanshen {

std::string sha256_hex(std::string_view data);

}  // namespace sanshen
