#include "core/history.h"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <sstream>
#include <set>
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
  // The order is libgit2's topological revwalk from the tip.
  std::vector<std::string> order;
  for (const auto& c : history->commits()) order.push_back(c.id);
  CHECK(order == *(*opened)->commits_reachable(repo.git("rev-parse main")));
  std::map<std::pair<std::string, std::string>, bool> expected;
  for (const auto& d : ids) {
    for (const auto& a : ids) {
      bool in_main = history->find(d) && history->find(a);
      expected[{d, a}] = in_main && d != a &&
                         run("git -C " + shell_quote(repo.path()) + " merge-base --is-ancestor " +
                             a + " " + d)
                                 .status == 0;
    }
  }
  for (const auto& [pair, answer] : expected) {
    INFO(pair.second.substr(0, 7) << " -> " << pair.first.substr(0, 7));
    CHECK(history->is_descendant(pair.first, pair.second) == answer);
  }
  // A build frees the parsed commits before deciding pages; the answers must not change.
  history->release_commits();
  for (const auto& [pair, answer] : expected) {
    INFO("released: " << pair.second.substr(0, 7) << " -> " << pair.first.substr(0, 7));
    CHECK(history->is_descendant(pair.first, pair.second) == answer);
  }
}

TEST_CASE("the history lists commits in libgit2's topological order on random graphs with merges",
          "[history]") {
  // Random graphs through git fast-import: new roots, octopus merges, parents repeated across
  // merges, committer times in any order (equal ones too).
  TestRepo repo;
  std::mt19937 random(20261123);
  std::string script;
  const int kCommits = 300;
  for (int i = 1; i <= kCommits; ++i) {
    script += "commit refs/heads/b" + std::to_string(i % 7) + "\nmark :" + std::to_string(i) +
              "\ncommitter t <t@x> " + std::to_string(1700000000 + random() % 50) +
              " +0800\ndata 0\n";
    // A recent first parent keeps most commits reachable; merge parents come from anywhere.
    std::vector<int> parents;
    if (i > 1 && random() % 12 != 0) {
      parents.push_back(std::max(1, i - 1 - static_cast<int>(random() % 5)));
      const int merges = static_cast<int>(random() % 4 == 0) + static_cast<int>(random() % 8 == 0);
      for (int m = 0; m < merges; ++m) {
        const int p = 1 + static_cast<int>(random() % static_cast<unsigned>(i - 1));
        if (std::find(parents.begin(), parents.end(), p) == parents.end()) parents.push_back(p);
      }
    }
    bool first = true;
    for (int p : parents) {
      script += (first ? "from :" : "merge :") + std::to_string(p) + "\n";
      first = false;
    }
    if (parents.empty() && i > 1) script += "reset refs/heads/b" + std::to_string(i % 7) + "\n";
    script += "\n";
  }
  write_file(repo.path() + "/../import", script);
  run_ok("cd " + shell_quote(repo.path()) +
         " && git fast-import --quiet --force --export-marks=../marks < ../import");
  std::map<int, std::string> marks;  // ":12 <id>" lines
  std::istringstream lines(read_file(repo.path() + "/../marks"));
  for (std::string mark, id; lines >> mark >> id;) marks[std::stoi(mark.substr(1))] = id;
  REQUIRE(marks.size() == kCommits);
  auto opened = open_repository(repo.path());
  REQUIRE(opened);
  NullReporter reporter;
  std::size_t largest = 0;
  for (int tip : {kCommits, kCommits - 1, kCommits - 2, kCommits / 2}) {
    INFO("tip :" << tip);
    auto history = History::read(**opened, marks[tip], reporter);
    REQUIRE(history);
    std::vector<std::string> order;
    for (const auto& c : history->commits()) order.push_back(c.id);
    CHECK(order == *(*opened)->commits_reachable(marks[tip]));
    largest = std::max(largest, order.size());
  }
  CHECK(largest > kCommits / 2);  // the graphs are large enough to have merges of merges
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
  reading.threads = 2;
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
  const HistoryCommit& settled = *history->find(review);
  CHECK(settled.object.signed_payload.empty());
  CHECK(settled.object.signature.empty());
  CHECK(settled.is_signed);  // what was freed is the bytes, not the fact
  CHECK(signatures.verify(settled));  // the verdict answers without the bytes
  // Not a review: left for whoever needs it (governance verifies such commits on demand).
  CHECK_FALSE(history->find(plain)->object.signed_payload.empty());

  // Were an unsettled commit's bytes gone, verification must fail rather than judge nothing.
  HistoryCommit released = *history->find(plain);
  released.object.signed_payload.clear();
  auto judged = signatures.verify(released);
  REQUIRE_FALSE(judged);
  CHECK(judged.error().rule == "review.bad-signature");
}

namespace {

// A real repository whose reads of some commits fail, as a damaged object would.
class FailingReads final : public Repository {
 public:
  FailingReads(Repository& real, std::set<std::string> broken) : real_(real), broken_(std::move(broken)) {}
  Result<std::string> resolve_commit(const std::string& rev) override { return real_.resolve_commit(rev); }
  Result<CommitLinks> commit_links(const std::string& id) override { return real_.commit_links(id); }
  Result<std::string> read_raw_commit(const std::string& id) override {
    if (broken_.count(id)) return make_error("repo.corrupt", "unreadable commit " + id);
    return real_.read_raw_commit(id);
  }
  Result<std::vector<TreeEntry>> list_tree(const std::string& c, const std::string& p) override {
    return real_.list_tree(c, p);
  }
  Result<std::optional<std::string>> blob_at(const std::string& c, const std::string& p) override {
    return real_.blob_at(c, p);
  }
  Result<std::string> read_blob(const std::string& id) override { return real_.read_blob(id); }
  Result<std::optional<std::string>> entry_in_tree(const std::string& t, const std::string& p) override {
    return real_.entry_in_tree(t, p);
  }
  Result<std::vector<TreeEntry>> tree_children(const std::string& t) override { return real_.tree_children(t); }
  Result<std::vector<std::string>> commits_reachable(const std::string& tip) override {
    return real_.commits_reachable(tip);
  }
  Result<std::vector<TreeEntry>> staged_files() override { return real_.staged_files(); }

 private:
  Repository& real_;
  std::set<std::string> broken_;
};

}  // namespace

TEST_CASE("an unreadable commit stops the history read, naming the one nearest the tip whatever the threads",
          "[history]") {
  TestRepo repo;
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i) {
    repo.write("a", std::to_string(i));
    ids.push_back(repo.commit("c" + std::to_string(i) + "\n"));
  }
  auto main_handle = open_repository(repo.path());
  auto more = open_repositories(repo.path(), 2);
  REQUIRE(main_handle);
  REQUIRE(more);
  const std::set<std::string> broken{ids[7], ids[31]};
  FailingReads first(**main_handle, broken), second(*(*more)[0], broken), third(*(*more)[1], broken);
  HistoryReading reading;
  reading.threads = 3;
  NullReporter reporter;
  for (int round = 0; round < 5; ++round) {
    auto history = History::read(first, ids.back(), reporter, reading);
    REQUIRE_FALSE(history);
    CHECK(history.error().rule == "repo.corrupt");
    CHECK(history.error().message == "unreadable commit " + ids[31]);  // children come first
  }
}

TEST_CASE("releasing a history's commits keeps each commit's tree and refuses lookups by id",
          "[history]") {
  TestRepo repo;
  repo.write("a", "1");
  const std::string first = repo.commit("one\n");
  repo.write("a", "2");
  const std::string second = repo.commit("two\n");
  auto opened = open_repository(repo.path());
  REQUIRE(opened);
  NullReporter reporter;
  auto history = History::read(**opened, second, reporter);
  REQUIRE(history);
  std::vector<std::string> trees;
  for (const auto& c : history->commits()) trees.push_back(c.object.tree);
  REQUIRE(trees.size() == 2);
  REQUIRE(trees[0] != trees[1]);
  REQUIRE(history->find(first));

  history->release_commits();
  CHECK(history->commits().empty());
  CHECK(history->find(first) == nullptr);
  REQUIRE(history->size() == 2);
  CHECK(history->tree(0) == trees[0]);
  CHECK(history->tree(1) == trees[1]);
  CHECK(history->is_descendant(second, first));
  CHECK_FALSE(history->is_descendant(second, std::string(40, '0')));
  CHECK_FALSE(history->is_descendant(second, "not an id"));
  std::string not_hex = second;
  not_hex.back() = 'g';
  CHECK_FALSE(history->is_descendant(not_hex, first));
}
