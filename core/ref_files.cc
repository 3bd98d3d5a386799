#include "core/ref_files.h"

#include <string_view>

#include "core/object_id.h"

namespace sanshen {
namespace {

// A branch name git itself would write (git-check-ref-format(1)), in a conservative ASCII
// subset: anything else is left to libgit2.
bool is_plain_branch_ref(std::string_view name) {
  constexpr std::string_view kHeads = "refs/heads/";
  if (!name.starts_with(kHeads) || name.size() == kHeads.size()) return false;
  if (name.ends_with("/") || name.ends_with(".lock") || name.find("..") != std::string_view::npos)
    return false;
  char previous = '/';
  for (char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '/';
    if (!plain) return false;
    if (previous == '/' && (c == '/' || c == '.')) return false;
    previous = c;
  }
  return true;
}

// "<id>\n", as git writes a ref or a detached HEAD.
std::optional<std::string> id_line(std::string_view text) {
  if (!text.ends_with('\n')) return std::nullopt;
  text.remove_suffix(1);
  if (!is_object_id(text)) return std::nullopt;
  return std::string(text);
}

std::optional<std::string> packed_ref(FileSystem& fs, const std::string& git_dir,
                                      std::string_view name) {
  auto packed = fs.read_file(git_dir + "/packed-refs");
  if (!packed) return std::nullopt;
  std::string_view rest = *packed;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos) return std::nullopt;  // a file cut short
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    if (line.starts_with('#') || line.starts_with('^')) continue;
    if (line.size() == 41 + name.size() && line[40] == ' ' && line.substr(41) == name)
      return is_object_id(line.substr(0, 40)) ? std::optional(std::string(line.substr(0, 40)))
                                              : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> read_revision_from_files(FileSystem& fs, const std::string& repo_path,
                                                    const std::string& rev) {
  if (is_object_id(rev)) return rev;
  if (rev != "HEAD") return std::nullopt;
  const std::string git_dir = repo_path + "/.git";
  const auto dir = fs.stamp(git_dir);
  if (!dir || !dir->is_dir || fs.stamp(git_dir + "/commondir")) return std::nullopt;
  auto head = fs.read_file(git_dir + "/HEAD");
  if (!head) return std::nullopt;
  constexpr std::string_view kSymbolic = "ref: ";
  if (!std::string_view(*head).starts_with(kSymbolic)) return id_line(*head);
  std::string_view name = std::string_view(*head).substr(kSymbolic.size());
  if (!name.ends_with('\n')) return std::nullopt;
  name.remove_suffix(1);
  if (!is_plain_branch_ref(name)) return std::nullopt;
  const std::string loose = git_dir + "/" + std::string(name);
  if (const auto stamp = fs.stamp(loose)) {
    if (stamp->is_dir) return std::nullopt;
    auto text = fs.read_file(loose);
    return text ? id_line(*text) : std::nullopt;
  }
  return packed_ref(fs, git_dir, name);
}

}  // namespace sanshen
