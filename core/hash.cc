#include "core/hash.h"

#include <nettle/sha2.h>

#include "core/object_id.h"

namespace sanshen {

std::string sha256_hex(std::string_view data) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, data.size(), reinterpret_cast<const uint8_t*>(data.data()));
  uint8_t md[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, sizeof md, md);
  return hex_lower(md, sizeof md);
}

}  // namespace sanshen
