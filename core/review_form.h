// `sanshen form` (design §6): a page's 审签表 — the paper review form it replaces — as printable
// HTML, from the signed review commits the gate verified.
#pragma once

#include <string>

#include "core/gate.h"
#include "core/result.h"

namespace sanshen {

// The form of the blob `path` has at the gate's revision: title, section, class, 拟稿人, each
// required level with the reviewers' names and titles from the roster, opinion, time, key
// fingerprint and signature status, the content check results and the verdict. The same
// revision always gives the same bytes. Error "config.invalid" when `path` is not a page at the
// revision; gate errors pass through.
Result<std::string> review_form(Gate& gate, const std::string& path);

}  // namespace sanshen
