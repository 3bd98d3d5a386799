#include "core/hash.h"

#include <openssl/evp.h>

#include "core/object_id.h"

namespace sanshen {

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return hex_lower(md, len);
}

}  // namespace sanshen
