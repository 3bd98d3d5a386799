// The commit a revision names, read from the repository's own files (gitrepository-layout(5)):
// HEAD, a loose ref or packed-refs. Only for the no-op rebuild's "is it still the revision I
// built?": opening a repository through libgit2 costs ≈ 8 ms of TLS set-up before the first
// object is read, a fifth of a no-op rebuild at 1,000 pages.
//
// An answer is given only when the plain layout makes it certain; anything else (a `.git` file
// of a worktree, a bare repository, a symbolic ref to a symbolic ref, reftable, a revision
// other than HEAD or a full object id, a malformed file) gives nullopt, and the caller asks
// libgit2. The answer is a ref's value, not a peeled one, so it equals a previously resolved
// commit id only when the ref points at that very commit.
#pragma once

#include <optional>
#include <string>

#include "core/file_system.h"

namespace sanshen {

std::optional<std::string> read_revision_from_files(FileSystem& fs, const std::string& repo_path,
                                                    const std::string& rev);

}  // namespace sanshen
