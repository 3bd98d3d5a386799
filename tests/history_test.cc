#include "core/history.h"

#include <catch2/catch.hpp>

#include <vector>

#include "core/file_system.h"
#include "core/signature_cache.h"
#include "tests/support/test_env.h"

using namespace sanshen;
using namespace sanshen::testing;

TEST_CASE("ancestry answers agree with git merge-base on a history with branches and merges",
          "[history]") {
  TestRepo repo;
  std::vector<std::string> ids;
  auto add = [&](const std::string& file) {
    repo.write(file, file + std::to_string(ids.size()));
    ids.push_back(repo.commit("c" + std::to_string(ids.size()) + "\n"));
  };
  add("a");
  add("a");
  repo.git("checkout -q -b topic");
  add("b");
  add("b");
  repo.git("checkout -q main");
  add("c");
  repo.git("checkout -q -b second");
  add("d");
  repo.git("checkout -q main");
  repo.git("-c user.name=m -c user.email=m@x merge -q --no-edit topic");
  ids.push_back(repo.head());
  add("e");
  repo.git("-c user.name=m -c user.email=m@x merge -q --no-edit second");
  ids.push_back(repo.head());
  add("f");
  repo.git("checkout -q topic");
  add("g");  // never merged: not in main's history

  auto opened = open_repository(repo.path());
  REQUIRE(opened);
  NullReporter reporter;
  auto history = History::read(**opened, repo.git("rev-parse main"), reporter);
  REQUIRE(history);
  for (const auto& d : ids) {
    for (const auto& a : ids) {
      bool in_main = history->find(d) && history->find(a);
      bool expected = in_main && d != a &&
                      run("git -C " + shell_quote(repo.path()) + " merge-base --is-ancestor " + a +
                          " " + d)
                              .status == 0;
      INFO(a.substr(0, 7) << " -> " << d.substr(0, 7));
      CHECK(history->is_descendant(d, a) == expected);
    }
  }
}

TEST_CASE("review signatures are verified while the history is read, and only their signed bytes are freed",
          "[history]") {
  TestRepo repo;
  TestKey key = make_ssh_key(repo.keys_dir(), "signer");
  repo.write("a", "1");
  const std::string review = repo.commit("one\n\nReview-Level: 初审\n", &key);
  repo.write("a", "2");
  const std::string plain = repo.commit("two\n", &key);
  auto opened = open_repository(repo.path());
  auto more = open_repositories(repo.path(), 1);
  REQUIRE(opened);
  REQUIRE(more);
  NullReporter reporter;
  SignatureCache signatures = SignatureCache::load(real_file_system(), "");
  signatures.begin_prefetch(2);
  HistoryReading reading;
  reading.more.push_back((*more)[0].get());
  reading.visit = [&](HistoryCommit& c, int worker) { signatures.prefetch_review(c, worker); };
  auto history = History::read(**opened, plain, reporter, reading);
  REQUIRE(history);
  signatures.adopt_prefetched();
  auto serial = History::read(**opened, plain, reporter);
  REQUIRE(serial);
  REQUIRE(serial->commits().size() == history->commits().size());
  for (std::size_t i = 0; i < serial->commits().size(); ++i) {
    CHECK(history->commits()[i].id == serial->commits()[i].id);
    CHECK(history->commits()[i].object.message == serial->commits()[i].object.message);
  }
  CHECK(signatures.misses() == 1);
  CHECK(history->find(review)->object.signed_payload.empty());
  CHECK(signatures.verify(*history->find(review)));  // the verdict answers without the bytes
  // Not a review: left for whoever needs it (governance verifies such commits on demand).
  CHECK_FALSE(history->find(plain)->object.signed_payload.empty());

  // Were an unsettled commit's bytes gone, verification must fail rather than judge nothing.
  HistoryCommit released = *history->find(plain);
  released.object.signed_payload.clear();
  auto judged = signatures.verify(released);
  REQUIRE_FALSE(judged);
  CHECK(judged.error().rule == "review.bad-signature");
}
