// A git object id as 20 bytes instead of 40 hex characters: the gate keeps one per commit and
// per review of a long history, and at 100,000 pages heap strings made that most of its memory.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sanshen {

using ObjectKey = std::array<unsigned char, 20>;

// nullopt unless `hex` is exactly 40 hex digits (either case).
std::optional<ObjectKey> object_key(std::string_view hex);
// Lower-case hex, as git prints ids.
std::string object_hex(const ObjectKey& key);
std::string hex_lower(const unsigned char* bytes, std::size_t size);

}  // namespace sanshen
