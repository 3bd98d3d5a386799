// A raw git commit object split by git's own rules (commit.c, parse_buffer_signed_by_header):
// headers up to the first empty line; a `gpgsig` header with its space-led continuation lines is
// the signature; the signed payload is the object without any gpgsig/gpgsig-sha256 header.
// A `gpgsig` block inside the message is message text, never a signature.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sanshen {

struct GitPerson {
  std::string name;
  std::string email;
  int64_t time = 0;        // seconds since epoch
  int tz_offset_min = 0;   // e.g. +0800 -> 480
};

struct CommitObject {
  std::string tree;                  // hex id
  std::vector<std::string> parents;  // hex ids, in order
  GitPerson author;
  GitPerson committer;
  std::string message;         // everything after the first empty line
  std::string signature;       // gpgsig content with continuation prefixes removed; "" if unsigned
  std::string signed_payload;  // the bytes the signature covers
};

// Errors (rule "repo.corrupt") for objects that are not well-formed commits, including a
// duplicated gpgsig header (git would concatenate them; we refuse to guess).
Result<CommitObject> parse_commit_object(std::string_view raw);

}  // namespace sanshen
