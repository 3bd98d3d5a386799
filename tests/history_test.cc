#include "core/history.h"

#include <catch2/catch.hpp>

#include <vector>

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
