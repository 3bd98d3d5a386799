// SHA-256 for output digests, cache seals and cache keys. Nettle, not OpenSSL: the launcher
// (cmd/launcher/) checks a no-op build with it, and libcrypto costs ~8 ms to load and set up
// there against ~1 ms for libnettle, with the same SHA-NI speed (docs/performance.md).
#pragma once

#include <string>
#include <string_view>

namespace sanshen {

std::string sha256_hex(std::string_view data);

}  // namespace sanshen
