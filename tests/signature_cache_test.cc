#include "core/signature_cache.h"

#include <catch2/catch.hpp>

#include "core/file_system.h"
#include "core/git_repo.h"
#include "tests/support/test_env.h"

using namespace sanshen;
using namespace sanshen::testing;

TEST_CASE("a signature cache saved and then released keeps its counts and never overwrites the file",
          "[signature_cache]") {
  TestRepo repo;
  TempDir cache_dir;
  TestKey key = make_ssh_key(repo.keys_dir(), "signer");
  repo.write("a", "1");
  const std::string signed_commit = repo.commit("one\n", &key);
  auto opened = open_repository(repo.path());
  REQUIRE(opened);
  NullReporter reporter;
  auto history = History::read(**opened, signed_commit, reporter);
  REQUIRE(history);
  const HistoryCommit& commit = *history->find(signed_commit);

  SignatureCache signatures = SignatureCache::load(real_file_system(), cache_dir.path());
  auto verified = signatures.verify(commit);
  REQUIRE(verified);
  REQUIRE(signatures.save(real_file_system()));
  const std::string saved = read_file(cache_dir.path() + "/signatures-v1");
  REQUIRE(saved.find(signed_commit) != std::string::npos);

  signatures.release_verdicts();
  CHECK(signatures.misses() == 1);
  REQUIRE(signatures.save(real_file_system()));
  CHECK(read_file(cache_dir.path() + "/signatures-v1") == saved);

  // The commit still holds its bytes here, so asking again verifies again, to the same answer.
  auto again = signatures.verify(commit);
  REQUIRE(again);
  CHECK(again->fingerprint == verified->fingerprint);
  CHECK(signatures.misses() == 2);
}
