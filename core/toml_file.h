// The one adapter around toml++: a parsed TOML document seen through a small project-typed view
// (tables, strings, string lists, integers, arrays of tables) where every value knows its source
// line and column, so config parsers report `path:line:col` and never name the library.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sanshen {

struct TomlDocument;  // defined in toml_file.cc
struct TomlNode;

struct TomlPos {
  int line = 0;  // 1-based; 0 when unknown
  int col = 0;   // 1-based code points
};

struct TomlString {
  std::string value;
  TomlPos pos;
};

// A table of a parsed document. Cheap to copy; shares ownership of the document, so views stay
// valid on their own. Every Error it makes is "config.invalid" with the document's path.
class TomlTable {
 public:
  // Dotted key path for messages: "" for the root, e.g. `review.class."特级"`.
  const std::string& name() const { return name_; }
  // Where the table starts (its `[header]` or `{`); {0, 0} for the root.
  TomlPos pos() const;

  // Keys in source order.
  std::vector<std::string> keys() const;
  bool contains(std::string_view key) const;

  // "未知字段 (unknown key) 'review.levles'" at the first key (in source order) not in known.
  Status check_keys(std::initializer_list<std::string_view> known) const;

  // An absent key gives nullopt, an empty list or an empty vector; a value of another type is an
  // error at that value.
  Result<std::optional<TomlString>> string(std::string_view key) const;
  Result<std::vector<TomlString>> string_list(std::string_view key) const;
  Result<std::optional<std::int64_t>> integer(std::string_view key) const;
  Result<std::optional<TomlTable>> table(std::string_view key) const;
  Result<std::vector<TomlTable>> tables(std::string_view key) const;  // [[key]] or key = [{...}]

  // "config.invalid" at pos / at the value of key (at the table when key is absent).
  Error error(TomlPos pos, std::string message) const;
  Error error_at(std::string_view key, std::string message) const;

 private:
  friend Result<TomlTable> parse_toml(std::string_view text, const std::string& path);
  TomlTable(std::shared_ptr<const TomlDocument> doc, const TomlNode* node, std::string name);
  const TomlNode* find(std::string_view key) const;
  std::string qualified(std::string_view key) const;

  std::shared_ptr<const TomlDocument> doc_;
  const TomlNode* node_;
  std::string name_;
};

// The root table of a document; "config.invalid" with path:line:col on a syntax error.
Result<TomlTable> parse_toml(std::string_view text, const std::string& path);

}  // namespace sanshen
