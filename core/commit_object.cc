#include "core/commit_object.h"

#include <limits>

#include "core/object_id.h"

namespace sanshen {
namespace {

Error corrupt(const std::string& message) {
  return make_error("repo.corrupt", "提交对象损坏 (corrupt commit object): " + message);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// fsck_ident's grammar: "<name> <<email>> <seconds> <+|-><hhmm>", name non-empty, no '<'/'>'
// in name or email, no zero-padded time.
bool parse_person(std::string_view s, GitPerson& out) {
  size_t lt = s.find_first_of("<>");
  if (lt == std::string_view::npos || s[lt] != '<' || lt == 0 || s[lt - 1] != ' ') return false;
  size_t gt = s.find_first_of("<>", lt + 1);
  if (gt == std::string_view::npos || s[gt] != '>') return false;
  std::string_view name = s.substr(0, lt);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  std::string_view email = s.substr(lt + 1, gt - lt - 1);

  std::string_view rest = s.substr(gt + 1);
  if (rest.empty() || rest[0] != ' ') return false;
  rest.remove_prefix(1);
  size_t digits = 0;
  while (digits < rest.size() && is_digit(rest[digits])) ++digits;
  if (digits == 0 || (rest[0] == '0' && digits > 1)) return false;
  int64_t time = 0;
  for (size_t i = 0; i < digits; ++i) {
    int d = rest[i] - '0';
    if (time > (std::numeric_limits<int64_t>::max() - d) / 10) return false;
    time = time * 10 + d;
  }
  std::string_view tz = rest.substr(digits);
  if (tz.size() != 6 || tz[0] != ' ' || (tz[1] != '+' && tz[1] != '-')) return false;
  for (size_t i = 2; i < 6; ++i) {
    if (!is_digit(tz[i])) return false;
  }
  int minutes = ((tz[2] - '0') * 10 + (tz[3] - '0')) * 60 + (tz[4] - '0') * 10 + (tz[5] - '0');

  out.name = std::string(name);
  out.email = std::string(email);
  out.time = time;
  out.tz_offset_min = tz[1] == '-' ? -minutes : minutes;
  return true;
}

// fsck order: tree, parent*, author, committer, then anything else.
enum class Stage { kTree, kParents, kCommitter, kRest };

}  // namespace

Result<CommitObject> parse_commit_object(std::string_view raw) {
  CommitObject c;
  c.signed_payload.reserve(raw.size());
  Stage stage = Stage::kTree;
  bool in_signature = false;
  bool other_signature = false;
  bool saw_signature = false;
  size_t pos = 0;
  int line_no = 0;

  while (pos < raw.size()) {
    size_t nl = raw.find('\n', pos);
    if (nl == std::string_view::npos) return corrupt("头部行未以换行结束 (unterminated header line)");
    std::string_view line = raw.substr(pos, nl - pos);
    std::string_view full = raw.substr(pos, nl + 1 - pos);
    pos = nl + 1;
    ++line_no;
    std::string where = " (header line " + std::to_string(line_no) + ")";

    if (line.empty()) {
      // git: the empty line and everything after it is message, and all of it is signed.
      c.signed_payload += raw.substr(nl);
      c.message = std::string(raw.substr(pos));
      break;
    }
    if (line.find('\0') != std::string_view::npos)
      return corrupt("头部含 NUL 字节 (NUL byte in header)" + where);

    // The signature rules mirror commit.c parse_buffer_signed_by_header for a sha1 repository.
    if (in_signature && line[0] == ' ') {
      c.signature += full.substr(1);
      continue;
    }
    in_signature = false;
    if (starts_with(line, "gpgsig ")) {
      if (saw_signature) return corrupt("重复的 gpgsig 头 (duplicate gpgsig header)" + where);
      if (stage != Stage::kRest) return corrupt("gpgsig 头位置错误 (gpgsig before committer)" + where);
      c.signature += full.substr(7);
      saw_signature = true;
      in_signature = true;
      other_signature = false;
      continue;
    }
    if (starts_with(line, "gpgsig")) {
      // gpgsig-sha256 (or another gpgsig* header) is not ours but is still not signed content.
      if (stage != Stage::kRest) return corrupt("gpgsig 头位置错误 (gpgsig header before committer)" + where);
      other_signature = true;
      continue;
    }
    if (other_signature && line[0] == ' ') continue;
    other_signature = false;
    c.signed_payload += full;

    if (line[0] == ' ') {
      if (stage != Stage::kRest) return corrupt("意外的续行 (unexpected continuation line)" + where);
      continue;
    }
    if (stage == Stage::kTree) {
      if (!starts_with(line, "tree ")) return corrupt("第一行必须是 tree (first header must be tree)");
      if (!is_object_id(line.substr(5))) return corrupt("tree 对象名无效 (malformed tree id)" + where);
      c.tree = std::string(line.substr(5));
      stage = Stage::kParents;
    } else if (stage == Stage::kParents && starts_with(line, "parent ")) {
      if (!is_object_id(line.substr(7))) return corrupt("parent 对象名无效 (malformed parent id)" + where);
      c.parents.emplace_back(line.substr(7));
    } else if (stage == Stage::kParents) {
      if (!starts_with(line, "author ")) return corrupt("缺少 author 头 (missing author header)" + where);
      if (!parse_person(line.substr(7), c.author))
        return corrupt("author 行无效 (malformed author line)" + where);
      stage = Stage::kCommitter;
    } else if (stage == Stage::kCommitter) {
      if (!starts_with(line, "committer "))
        return corrupt("缺少 committer 头 (missing committer header)" + where);
      if (!parse_person(line.substr(10), c.committer)) {
        return corrupt("committer 行无效 (malformed committer line)" + where);
      }
      stage = Stage::kRest;
    } else if (starts_with(line, "tree ") || starts_with(line, "parent ") || starts_with(line, "author ") ||
               starts_with(line, "committer ")) {
      return corrupt("重复或乱序的头 (duplicate or out-of-order header)" + where);
    }
  }

  if (stage == Stage::kTree) return corrupt("缺少 tree 头 (missing tree header)");
  if (stage == Stage::kParents) return corrupt("缺少 author 头 (missing author header)");
  if (stage == Stage::kCommitter) return corrupt("缺少 committer 头 (missing committer header)");
  return c;
}

}  // namespace sanshen
