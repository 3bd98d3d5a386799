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

TEST_CASE("signed bytes are freed only for settled commits, and a released commit is never judged",
          "[history]") {
  TestRepo repo;
  TestKey key = make_ssh_key(repo.keys_dir(), "signer");
  repo.write("a", "1");
  const std::string first = repo.commit("one\n", &key);
  repo.write("a", "2");
  const std::string second = repo.commit("two\n", &key);
  auto opened = open_repository(repo.path());
  REQUIRE(opened);
  NullReporter reporter;
  auto history = History::read(**opened, second, reporter);
  REQUIRE(history);
  SignatureCache signatures = SignatureCache::load(real_file_system(), "");
  REQUIRE(signatures.verify(*history->find(first)));
  CHECK(signatures.settled(*history->find(first)));
  CHECK_FALSE(signatures.settled(*history->find(second)));

  history->release_signed_payloads([&](const HistoryCommit& c) { return signatures.settled(c); });
  CHECK(history->find(first)->object.signed_payload.empty());
  CHECK_FALSE(history->find(second)->object.signed_payload.empty());
  CHECK(signatures.verify(*history->find(first)));  // the settled verdict still answers

  // Were an unsettled commit's bytes gone, verification must fail rather than judge nothing.
  history->release_signed_payloads([](const HistoryCommit&) { return true; });
  auto judged = signatures.verify(*history->find(second));
  REQUIRE_FALSE(judged);
  CHECK(judged.error().rule == "review.bad-signature");
}
