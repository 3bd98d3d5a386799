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
// Only the digits git prints, 0-9 and a-f (true for an empty string).
bool is_lower_hex(std::string_view s);
// Exactly 40 of them: an object id as git writes it in objects and ref files.
bool is_object_id(std::string_view s);

}  // namespace sanshen
