#include "core/ref_files.h"

#include <catch2/catch.hpp>

#include "core/git_repo.h"
#include "tests/support/test_env.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

std::optional<std::string> from_files(const std::string& repo, const std::string& rev = "HEAD") {
  return read_revision_from_files(real_file_system(), repo, rev);
}

// The answer must be libgit2's, whenever there is one.
void require_same_as_libgit2(TestRepo& repo) {
  auto opened = open_repository(repo.path());
  REQUIRE(opened);
  auto resolved = (*opened)->resolve_commit("HEAD");
  REQUIRE(resolved);
  const auto read = from_files(repo.path());
  REQUIRE(read);
  CHECK(*read == *resolved);
  CHECK(*read == repo.git("rev-parse HEAD"));
}

}  // namespace

TEST_CASE("HEAD on a branch is read from its loose ref, as libgit2 resolves it", "[ref_files]") {
  TestRepo repo;
  repo.write("a.md", "一\n");
  repo.commit("one\n");
  require_same_as_libgit2(repo);
}

TEST_CASE("a branch only in packed-refs is found there, and a newer loose ref wins",
          "[ref_files]") {
  TestRepo repo;
  repo.write("a.md", "一\n");
  repo.commit("one\n");
  repo.git("branch other");
  repo.git("pack-refs --all");
  REQUIRE(run("test -e " + shell_quote(repo.path() + "/.git/refs/heads/main")).status != 0);
  require_same_as_libgit2(repo);

  repo.write("a.md", "二\n");
  repo.commit("two\n");  // a loose ref again, beside the stale packed line
  require_same_as_libgit2(repo);
}

TEST_CASE("a detached HEAD is its own id, and a full object id names itself", "[ref_files]") {
  TestRepo repo;
  repo.write("a.md", "一\n");
  const std::string first = repo.commit("one\n");
  repo.commit("two\n");
  repo.git("checkout -q --detach " + first);
  require_same_as_libgit2(repo);
  CHECK(from_files(repo.path(), first) == first);
}

TEST_CASE("anything beyond the plain layout is left to libgit2", "[ref_files]") {
  TestRepo repo;
  repo.write("a.md", "一\n");
  const std::string head = repo.commit("one\n");
  const std::string git_dir = repo.path() + "/.git";

  SECTION("revisions other than HEAD or a full lowercase id") {
    CHECK_FALSE(from_files(repo.path(), "main"));
    CHECK_FALSE(from_files(repo.path(), "HEAD~0"));
    CHECK_FALSE(from_files(repo.path(), head.substr(0, 12)));
    std::string upper = head;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper != head) CHECK_FALSE(from_files(repo.path(), upper));
  }
  SECTION("a branch with no commit yet") {
    repo.git("checkout -q --orphan fresh");
    CHECK_FALSE(from_files(repo.path()));
  }
  SECTION("a symbolic ref to a symbolic ref") {
    repo.git("symbolic-ref refs/heads/alias refs/heads/main");
    repo.git("symbolic-ref HEAD refs/heads/alias");
    CHECK_FALSE(from_files(repo.path()));
  }
  SECTION("a branch name outside the plain ASCII set") {
    repo.git("checkout -q -b 功能");
    CHECK_FALSE(from_files(repo.path()));
  }
  SECTION("a malformed loose ref or HEAD") {
    write_file(git_dir + "/refs/heads/main", head.substr(0, 39) + "g\n");
    CHECK_FALSE(from_files(repo.path()));
    write_file(git_dir + "/refs/heads/main", head);  // no newline
    CHECK_FALSE(from_files(repo.path()));
    write_file(git_dir + "/HEAD", "ref: refs/heads/../../config\n");
    CHECK_FALSE(from_files(repo.path()));
  }
  SECTION("packed-refs cut short") {
    repo.git("pack-refs --all");
    const std::string packed = read_file(git_dir + "/packed-refs");
    write_file(git_dir + "/packed-refs", packed.substr(0, packed.size() - 1));
    CHECK_FALSE(from_files(repo.path()));
  }
  SECTION("a linked worktree, whose .git is a file") {
    const std::string other = repo.path() + "-worktree";
    repo.git("worktree add -q --detach " + shell_quote(other));
    CHECK_FALSE(from_files(other));
    run_ok("rm -rf " + shell_quote(other));
  }
  SECTION("a bare repository") {
    const std::string bare = repo.path() + "-bare.git";
    run_ok("git clone -q --bare " + shell_quote(repo.path()) + " " + shell_quote(bare));
    CHECK_FALSE(from_files(bare));
    run_ok("rm -rf " + shell_quote(bare));
  }
}
