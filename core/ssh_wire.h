// SSH wire format (RFC 4251 §5) reader shared by signature verification and key loading;
// every read is bounds-checked, so hostile input can only make a read fail.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sanshen {

class SshWireReader {
 public:
  explicit SshWireReader(std::string_view data) : data_(data) {}

  bool bytes(std::size_t n, std::string_view& out) {
    if (n > data_.size()) return false;
    out = data_.substr(0, n);
    data_.remove_prefix(n);
    return true;
  }
  bool u32(uint32_t& out) {
    std::string_view b;
    if (!bytes(4, b)) return false;
    out = (uint32_t(uint8_t(b[0])) << 24) | (uint32_t(uint8_t(b[1])) << 16) |
          (uint32_t(uint8_t(b[2])) << 8) | uint32_t(uint8_t(b[3]));
    return true;
  }
  bool string(std::string_view& out) {
    uint32_t n = 0;
    return u32(n) && bytes(n, out);
  }
  // A positive mpint in minimal encoding; returns its magnitude bytes.
  bool positive_mpint(std::string_view& out) {
    std::string_view m;
    if (!string(m) || m.empty() || (uint8_t(m[0]) & 0x80)) return false;
    if (m[0] == 0) {
      if (m.size() == 1 || !(uint8_t(m[1]) & 0x80)) return false;
      m.remove_prefix(1);
    }
    out = m;
    return true;
  }
  bool done() const { return data_.empty(); }

 private:
  std::string_view data_;
};

}  // namespace sanshen
