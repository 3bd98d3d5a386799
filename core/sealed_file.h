// The seal both on-disk caches carry: the file is its header line, its lines, then
// "sha256 <hex of everything above>\n". A file whose seal does not match is not trusted at all.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/file_system.h"
#include "core/result.h"

namespace sanshen {

// The lines between `header` and the seal, or nothing if the header or the seal is wrong.
std::optional<std::string_view> unsealed_lines(std::string_view text, std::string_view header);

// Appends the seal to `text` (which begins with its header) and replaces `path` by rename, so
// a reader sees the old file or the new one, never half of one.
Status write_sealed(FileSystem& fs, const std::string& path, std::string text);

}  // namespace sanshen
