#include "core/sealed_file.h"

#include <utility>

#include "core/hash.h"

namespace sanshen {
namespace {

constexpr std::string_view kSeal = "sha256 ";

}  // namespace

std::optional<std::string_view> unsealed_lines(std::string_view text, std::string_view header) {
  const std::size_t tail = text.rfind(kSeal);
  if (tail == std::string_view::npos || tail < header.size() || !text.starts_with(header))
    return std::nullopt;
  const std::string_view sealed = text.substr(0, tail);
  const std::string_view seal = text.substr(tail + kSeal.size());
  if (seal.size() != 64 + 1 || seal.back() != '\n' || seal.substr(0, 64) != sha256_hex(sealed))
    return std::nullopt;
  return sealed.substr(header.size());
}

Status write_sealed(FileSystem& fs, const std::string& path, std::string text) {
  const std::string digest = sha256_hex(text);
  text += kSeal;
  text += digest;
  text += '\n';
  if (auto s = fs.write_file(path + ".new", text); !s) return s;
  return fs.rename(path + ".new", path);
}

}  // namespace sanshen
