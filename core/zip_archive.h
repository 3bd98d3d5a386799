// Reading members of a ZIP archive held in memory (OOXML attachments: .docx, .xlsx). The only
// libzip user in the project; this header names no libzip type.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sanshen {

class ZipArchive {
 public:
  // Errors "page.invalid": not a ZIP archive, or a damaged one.
  static Result<ZipArchive> open(std::string_view bytes);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  std::vector<std::string> names() const;
  // The uncompressed member, nullopt when there is none by that name. Errors "page.invalid":
  // damaged data, or a member larger than max_bytes (a ZIP bomb must not exhaust memory).
  Result<std::optional<std::string>> read(std::string_view name, std::size_t max_bytes) const;

 private:
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sanshen
