#include "core/toml_file.h"

#include <toml++/toml.h>

#include <algorithm>

namespace sanshen {

struct TomlField;

// toml++'s tree is converted once into plain data: the library stays in this file, and source
// order (toml++ keeps tables sorted by key) is recovered from the key positions.
struct TomlNode {
  enum class Kind { kTable, kArray, kString, kInteger, kOther };
  Kind kind = Kind::kOther;
  TomlPos pos;
  std::string string;
  std::int64_t integer = 0;
  std::vector<TomlNode> items;    // kArray
  std::vector<TomlField> fields;  // kTable, in source order
};

struct TomlField {
  std::string key;
  TomlPos key_pos;
  TomlNode value;
};

struct TomlDocument {
  std::string path;
  TomlNode root;
};

namespace {

constexpr std::string_view kRule = "config.invalid";

TomlPos position(const toml::source_region& source) {
  return TomlPos{static_cast<int>(source.begin.line), static_cast<int>(source.begin.column)};
}

TomlNode convert(const toml::node& node) {
  TomlNode out;
  out.pos = position(node.source());
  if (const toml::table* table = node.as_table()) {
    out.kind = TomlNode::Kind::kTable;
    for (const auto& [key, value] : *table) {
      out.fields.push_back(
          TomlField{std::string(key.str()), position(key.source()), convert(value)});
    }
    std::stable_sort(out.fields.begin(), out.fields.end(),
                     [](const TomlField& a, const TomlField& b) {
                       return std::pair(a.key_pos.line, a.key_pos.col) <
                              std::pair(b.key_pos.line, b.key_pos.col);
                     });
  } else if (const toml::array* array = node.as_array()) {
    out.kind = TomlNode::Kind::kArray;
    for (const toml::node& item : *array) out.items.push_back(convert(item));
  } else if (const auto* s = node.as_string()) {
    out.kind = TomlNode::Kind::kString;
    out.string = s->get();
  } else if (const auto* i = node.as_integer()) {
    out.kind = TomlNode::Kind::kInteger;
    out.integer = i->get();
  }
  return out;
}

bool is_bare_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

}  // namespace

TomlTable::TomlTable(std::shared_ptr<const TomlDocument> doc, const TomlNode* node,
                     std::string name)
    : doc_(std::move(doc)), node_(node), name_(std::move(name)) {}

TomlPos TomlTable::pos() const { return node_->pos; }

std::vector<std::string> TomlTable::keys() const {
  std::vector<std::string> out;
  for (const TomlField& f : node_->fields) out.push_back(f.key);
  return out;
}

bool TomlTable::contains(std::string_view key) const { return find(key) != nullptr; }

const TomlNode* TomlTable::find(std::string_view key) const {
  for (const TomlField& f : node_->fields) {
    if (f.key == key) return &f.value;
  }
  return nullptr;
}

std::string TomlTable::qualified(std::string_view key) const {
  std::string k = is_bare_key(key) ? std::string(key) : "\"" + std::string(key) + "\"";
  return name_.empty() ? k : name_ + "." + k;
}

Status TomlTable::check_keys(std::initializer_list<std::string_view> known) const {
  for (const TomlField& f : node_->fields) {
    if (std::find(known.begin(), known.end(), f.key) == known.end()) {
      return error(f.key_pos, "未知字段 (unknown key) '" + qualified(f.key) + "'");
    }
  }
  return ok_status();
}

Result<std::optional<TomlString>> TomlTable::string(std::string_view key) const {
  const TomlNode* node = find(key);
  if (!node) return std::optional<TomlString>();
  if (node->kind != TomlNode::Kind::kString) {
    return error(node->pos, "'" + qualified(key) + "' 应为字符串 (expected a string)");
  }
  return std::optional<TomlString>(TomlString{node->string, node->pos});
}

Result<std::vector<TomlString>> TomlTable::string_list(std::string_view key) const {
  std::vector<TomlString> out;
  const TomlNode* node = find(key);
  if (!node) return out;
  if (node->kind != TomlNode::Kind::kArray) {
    return error(node->pos,
                 "'" + qualified(key) + "' 应为字符串数组 (expected an array of strings)");
  }
  for (const TomlNode& item : node->items) {
    if (item.kind != TomlNode::Kind::kString) {
      return error(item.pos, "'" + qualified(key) + "' 的元素应为字符串 (expected a string)");
    }
    out.push_back(TomlString{item.string, item.pos});
  }
  return out;
}

Result<std::optional<std::int64_t>> TomlTable::integer(std::string_view key) const {
  const TomlNode* node = find(key);
  if (!node) return std::optional<std::int64_t>();
  if (node->kind != TomlNode::Kind::kInteger) {
    return error(node->pos, "'" + qualified(key) + "' 应为整数 (expected an integer)");
  }
  return std::optional<std::int64_t>(node->integer);
}

Result<std::optional<TomlTable>> TomlTable::table(std::string_view key) const {
  const TomlNode* node = find(key);
  if (!node) return std::optional<TomlTable>();
  if (node->kind != TomlNode::Kind::kTable) {
    return error(node->pos, "'" + qualified(key) + "' 应为表 (expected a table)");
  }
  return std::optional<TomlTable>(TomlTable(doc_, node, qualified(key)));
}

Result<std::vector<TomlTable>> TomlTable::tables(std::string_view key) const {
  std::vector<TomlTable> out;
  const TomlNode* node = find(key);
  if (!node) return out;
  std::string message = "'" + qualified(key) + "' 应为表数组 (expected an array of tables, [[" +
                        qualified(key) + "]])";
  if (node->kind != TomlNode::Kind::kArray) return error(node->pos, message);
  for (const TomlNode& item : node->items) {
    if (item.kind != TomlNode::Kind::kTable) return error(item.pos, message);
    out.push_back(TomlTable(doc_, &item, qualified(key)));
  }
  return out;
}

Error TomlTable::error(TomlPos at, std::string message) const {
  return make_error(std::string(kRule), std::move(message), doc_->path, at.line, at.col);
}

Error TomlTable::error_at(std::string_view key, std::string message) const {
  const TomlNode* node = find(key);
  return error(node ? node->pos : node_->pos, std::move(message));
}

Result<TomlTable> parse_toml(std::string_view text, const std::string& path) {
  auto doc = std::make_shared<TomlDocument>();
  doc->path = path;
  try {
    toml::table root = toml::parse(text, path);
    doc->root = convert(root);
  } catch (const toml::parse_error& e) {
    return make_error(std::string(kRule),
                      "TOML 语法错误 (syntax error): " + std::string(e.description()), path,
                      position(e.source()).line, position(e.source()).col);
  }
  // The root has no header of its own.
  doc->root.pos = TomlPos{};
  const TomlNode* root = &doc->root;
  return TomlTable(std::move(doc), root, "");
}

}  // namespace sanshen
