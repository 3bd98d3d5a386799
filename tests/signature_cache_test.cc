#include "core/signature_cache.h"

#include <catch2/catch.hpp>

#include "core/file_system.h"
#include "core/git_repo.h"
#include "tests/support/test_env.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

// The history up to `tip`, read as a build reads it.
History history_of(TestRepo& repo, const std::string& tip) {
  auto opened = open_repository(repo.path());
  REQUIRE(opened);
  NullReporter reporter;
  auto history = History::read(**opened, tip, reporter);
  REQUIRE(history);
  return std::move(*history);
}

}  // namespace

TEST_CASE("a signature cache saved and then released keeps its counts and never overwrites the file",
          "[signature_cache]") {
  TestRepo repo;
  TempDir cache_dir;
  TestKey key = make_ssh_key(repo.keys_dir(), "signer");
  repo.write("a", "1");
  const std::string signed_commit = repo.commit("one\n", &key);
  const History history = history_of(repo, signed_commit);
  const HistoryCommit& commit = *history.find(signed_commit);

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

TEST_CASE("a signature cache read back gives every commit its own verdict, good and bad",
          "[signature_cache]") {
  TestRepo repo;
  TempDir cache_dir;
  TestKey alice = make_ssh_key(repo.keys_dir(), "alice");
  TestKey bob = make_ssh_key(repo.keys_dir(), "bob", "ecdsa-256");
  repo.write("a", "1");
  const std::string first = repo.commit("one\n", &alice);
  repo.write("a", "2");
  const std::string second = repo.commit("two\n", &bob);
  repo.write("a", "3");
  const std::string third = repo.commit("three\n", &alice);
  const History history = history_of(repo, third);
  // Bytes that are not what the key signed, under an id of their own.
  HistoryCommit forged = *history.find(second);
  forged.id = std::string(40, 'f');
  forged.object.signed_payload += "x";

  auto verdicts_of = [&](SignatureCache& signatures) {
    std::vector<std::string> out;
    for (const std::string& id : {first, second, third}) {
      auto v = signatures.verify(*history.find(id));
      out.push_back(v ? v->key_type + " " + v->fingerprint : "bad");
    }
    auto bad = signatures.verify(forged);
    REQUIRE_FALSE(bad);
    out.push_back(bad.error().message);
    return out;
  };
  SignatureCache fresh = SignatureCache::load(real_file_system(), cache_dir.path());
  const std::vector<std::string> verified = verdicts_of(fresh);
  CHECK(verified[0] == "ssh-ed25519 " + alice.fingerprint);
  CHECK(verified[1] == "ecdsa-sha2-nistp256 " + bob.fingerprint);
  CHECK(verified[2] == verified[0]);
  CHECK(fresh.misses() == 4);
  REQUIRE(fresh.save(real_file_system()));

  SignatureCache loaded = SignatureCache::load(real_file_system(), cache_dir.path());
  REQUIRE_FALSE(loaded.discarded());
  CHECK(verdicts_of(loaded) == verified);
  CHECK(loaded.hits() == 4);
  CHECK(loaded.misses() == 0);
}
