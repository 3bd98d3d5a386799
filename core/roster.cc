#include "core/roster.h"

#include <algorithm>

#include "core/toml_file.h"

namespace sanshen {

namespace {

bool is_roster_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

// An OpenPGP v4 fingerprint as gpg prints it with --with-colons: 40 hex digits.
bool is_openpgp_fingerprint(std::string_view s) {
  return s.size() == 40 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

Result<PublicKey> parse_key(const TomlTable& table, const TomlString& entry) {
  if (is_openpgp_fingerprint(entry.value)) {
    PublicKey key;
    key.type = "openpgp";
    key.fingerprint = ascii_upper(entry.value);
    return key;
  }
  auto key = parse_ssh_public_key(entry.value);
  if (!key) {
    return table.error(entry.pos, "密钥无效 (bad key): " + key.error().message);
  }
  return key;
}

Result<std::vector<std::string>> plain_list(const TomlTable& table, std::string_view key) {
  auto list = table.string_list(key);
  if (!list) return list.error();
  std::vector<std::string> out;
  for (TomlString& s : *list) out.push_back(std::move(s.value));
  return out;
}

struct KeyOwner {
  std::string fingerprint;
  std::string reviewer_id;
};

Result<Reviewer> parse_reviewer(const TomlTable& t, std::vector<KeyOwner>& seen_keys) {
  if (auto known =
          t.check_keys({"id", "name", "title", "keys", "levels", "sections", "roles", "status"});
      !known) {
    return known.error();
  }
  Reviewer r;
  auto id = t.string("id");
  if (!id) return id.error();
  if (!*id) return t.error(t.pos(), "审核人缺少 id (reviewer without id)");
  if (!is_roster_id((*id)->value)) {
    return t.error((*id)->pos, "id 只能含小写字母、数字和 _.- (id must be ASCII [a-z0-9_.-]): '" +
                                   (*id)->value + "'");
  }
  r.id = (*id)->value;

  for (auto [field, target] : {std::pair{"name", &r.name}, std::pair{"title", &r.title}}) {
    auto value = t.string(field);
    if (!value) return value.error();
    if (*value) *target = (*value)->value;
  }

  auto keys = t.string_list("keys");
  if (!keys) return keys.error();
  for (const TomlString& entry : *keys) {
    auto key = parse_key(t, entry);
    if (!key) return key.error();
    // One key, one person: otherwise a signature could not name who made it.
    for (const KeyOwner& owner : seen_keys) {
      if (owner.fingerprint == key->fingerprint) {
        return t.error(entry.pos, "密钥重复 (key listed twice): " + key->fingerprint +
                                      " 已属于 (already belongs to) '" + owner.reviewer_id + "'");
      }
    }
    seen_keys.push_back(KeyOwner{key->fingerprint, r.id});
    r.keys.push_back(std::move(*key));
  }

  auto levels = plain_list(t, "levels");
  if (!levels) return levels.error();
  r.levels = std::move(*levels);
  auto sections = plain_list(t, "sections");
  if (!sections) return sections.error();
  r.sections = std::move(*sections);

  auto roles = t.string_list("roles");
  if (!roles) return roles.error();
  for (const TomlString& role : *roles) {
    if (role.value != "admin") {
      return t.error(role.pos, "未知角色 (unknown role) '" + role.value + "'，应为 admin");
    }
    r.roles.push_back(role.value);
  }

  auto status = t.string("status");
  if (!status) return status.error();
  if (*status) {
    const std::string& s = (*status)->value;
    if (s == "active") {
      r.status = ReviewerStatus::kActive;
    } else if (s == "retired") {
      r.status = ReviewerStatus::kRetired;
    } else if (s == "revoked") {
      r.status = ReviewerStatus::kRevoked;
    } else {
      return t.error((*status)->pos,
                     "未知状态 (unknown status) '" + s + "'，应为 active | retired | revoked");
    }
  }
  return r;
}

}  // namespace

bool Reviewer::holds_level(std::string_view level) const {
  return std::find(levels.begin(), levels.end(), level) != levels.end();
}

bool Reviewer::covers_section(std::string_view section) const {
  return sections.empty() || std::find(sections.begin(), sections.end(), section) != sections.end();
}

bool Reviewer::is_admin() const {
  return std::find(roles.begin(), roles.end(), "admin") != roles.end();
}

const Reviewer* Roster::find_by_fingerprint(std::string_view fingerprint) const {
  // OpenPGP fingerprints are stored uppercase; tools print them either way.
  std::string wanted =
      is_openpgp_fingerprint(fingerprint) ? ascii_upper(fingerprint) : std::string(fingerprint);
  for (const Reviewer& r : reviewers) {
    for (const PublicKey& k : r.keys) {
      if (k.fingerprint == wanted) return &r;
    }
  }
  return nullptr;
}

Result<Roster> parse_roster(std::string_view toml_text, const std::string& path) {
  auto root = parse_toml(toml_text, path);
  if (!root) return root.error();
  if (auto known = root->check_keys({"reviewer"}); !known) return known.error();
  auto tables = root->tables("reviewer");
  if (!tables) return tables.error();

  Roster roster;
  std::vector<KeyOwner> seen_keys;
  for (const TomlTable& t : *tables) {
    auto reviewer = parse_reviewer(t, seen_keys);
    if (!reviewer) return reviewer.error();
    for (const Reviewer& other : roster.reviewers) {
      if (other.id == reviewer->id) {
        return t.error_at("id", "审核人 id 重复 (duplicate reviewer id) '" + other.id + "'");
      }
    }
    roster.reviewers.push_back(std::move(*reviewer));
  }
  return roster;
}

}  // namespace sanshen
