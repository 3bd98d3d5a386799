// `sanshen diff`: two builds of the example, with a page edited and re-approved, a page added
// and a page deleted between them, differ by exactly those pages and their approvals.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "core/manifest_diff.h"
#include "tests/support/test_env.h"

using namespace sanshen;
using namespace sanshen::testing;
using nlohmann::json;

namespace {

struct ExampleRepo {
  TempDir dir;
  std::string repo = dir.path() + "/repo";
  std::string introduction;

  ExampleRepo() {
    run_ok(shell_quote(source_dir() + "/scripts/make-example-repo.sh") + " " + shell_quote(repo));
    introduction = read_file(repo + "/.git/sanshen-introduction");
    while (!introduction.empty() && introduction.back() == '\n') introduction.pop_back();
  }

  std::string git(const std::string& args, const std::string& env = "") {
    return run_ok(env + " git -C " + shell_quote(repo) + " " + args);
  }

  std::string build(const std::string& name) {
    const std::string manifest = dir.path() + "/" + name + ".json";
    run_ok("SOURCE_DATE_EPOCH=1767225600 " + shell_quote(binary_path()) + " build --repo " +
           shell_quote(repo) + " --out " + shell_quote(dir.path() + "/" + name) + " --manifest " +
           shell_quote(manifest) + " --introduction " + shell_quote(introduction));
    return manifest;
  }

  // A signed review commit by one of the example's reviewers for the current blobs of `paths`.
  void review(const std::string& id, const std::string& level, const std::vector<std::string>& paths,
              const std::string& when) {
    std::string msg = level + "：测试稿件\n\nReview-Level: " + level + "\n";
    for (const auto& p : paths) {
      std::string blob = git("rev-parse HEAD:" + p);
      blob.pop_back();
      msg += "Review-Page: " + p + " " + blob + "\n";
    }
    msg += "Review-Decision: approve\nReview-Opinion: 同意。\n";
    write_file(dir.path() + "/msg", msg);
    git("-c user.signingkey=" + shell_quote(repo + "/.git/example-keys/" + id) +
            " commit -q --no-verify --allow-empty --cleanup=verbatim -S -F " +
            shell_quote(dir.path() + "/msg"),
        "GIT_COMMITTER_DATE='" + when + " +0800' GIT_AUTHOR_DATE='" + when + " +0800'");
  }
};

std::set<std::string> paths(const json& list) {
  std::set<std::string> out;
  for (const auto& x : list) out.insert(x["path"].get<std::string>());
  return out;
}

ManifestPage page(const std::string& path, const std::string& blob) {
  ManifestPage p;
  p.path = path;
  p.blob = blob;
  return p;
}

}  // namespace

TEST_CASE("diff_manifests matches pages by path and files by name", "[manifest_diff]") {
  Manifest before, after;
  before.revision = "r1";
  after.revision = "r2";
  before.pages = {page("content/a.md", "1"), page("content/b.md", "2"), page("content/c.md", "3")};
  after.pages = {page("content/b.md", "2"), page("content/c.md", "4"), page("content/d.md", "5")};
  before.subjects = {{"a.html", std::string(64, '1')}, {"c.html", std::string(64, '3')},
                     {"index.html", std::string(64, '0')}};
  after.subjects = {{"c.html", std::string(64, '4')}, {"d.html", std::string(64, '5')},
                    {"index.html", std::string(64, '0')}};
  ManifestDiff d = diff_manifests(before, after);
  REQUIRE(d.added.size() == 1);
  CHECK(d.added[0].path == "content/d.md");
  REQUIRE(d.changed.size() == 1);
  CHECK(d.changed[0].before.blob == "3");
  CHECK(d.changed[0].after.blob == "4");
  REQUIRE(d.removed.size() == 1);
  CHECK(d.removed[0].path == "content/a.md");
  CHECK(d.files_added == std::vector<std::string>{"d.html"});
  CHECK(d.files_changed == std::vector<std::string>{"c.html"});
  CHECK(d.files_removed == std::vector<std::string>{"a.html"});
  CHECK(diff_manifests(after, after).changed.empty());
}

TEST_CASE("diff of two example builds lists the edited, added and deleted pages with approvals",
          "[manifest_diff]") {
  ExampleRepo e;
  const std::string first = e.build("site1");

  const std::string fire = "content/tzgg/2025-fire.md";
  const std::string added = "content/tzgg/2025-autumn-fire.md";
  const std::string removed = "content/tzgg/2025-labor-day.md";
  // A revised notice carries a new date: the displayed date may not precede its approval
  // (time.backdated).
  std::string revised = read_file(e.repo + "/" + fire);
  revised.replace(revised.find("date: 2025-02-21 09:00"), 22, "date: 2025-05-06 09:00");
  write_file(e.repo + "/" + fire, revised + "\n（2025年5月修订）\n");
  write_file(e.repo + "/" + added,
             "---\ntitle: 关于做好秋冬季森林防火工作的通知\ndate: 2025-05-06 09:00\n---\n\n"
             "各乡镇：请做好秋冬季森林防火准备。\n");
  e.git("rm -q " + removed);
  e.git("add -A");
  e.git("commit -q --no-verify -m 修订森林防火通知并新增秋冬季通知",
        "GIT_COMMITTER_DATE='2025-05-05 09:00 +0800' GIT_AUTHOR_DATE='2025-05-05 09:00 +0800'");
  e.review("liming", "初审", {fire, added}, "2025-05-05 10:00");
  e.review("wangfang", "复审", {fire, added}, "2025-05-05 11:00");
  e.review("zhaojun", "终审", {fire, added}, "2025-05-05 12:00");
  const std::string second = e.build("site2");

  auto r = run(shell_quote(binary_path()) + " diff --format json " + shell_quote(first) + " " +
               shell_quote(second) + " 2>&1");
  INFO(r.output);
  REQUIRE(r.status == 0);
  json j = json::parse(r.output);
  CHECK(paths(j["added"]) == std::set<std::string>{added});
  CHECK(paths(j["changed"]) == std::set<std::string>{fire});
  CHECK(paths(j["removed"]) == std::set<std::string>{removed});
  const json& change = j["changed"][0];
  CHECK(change["old_blob"] != change["new_blob"]);
  std::vector<std::string> who;
  for (const auto& rv : change["reviews"]) who.push_back(rv["reviewer"]);
  CHECK(who == std::vector<std::string>{"liming", "wangfang", "zhaojun"});
  CHECK(change["reviews"][2]["name"] == "赵军");
  CHECK(change["reviews"][2]["level"] == "终审");
  CHECK(std::string(change["reviews"][2]["key"]).rfind("SHA256:", 0) == 0);
  CHECK(j["files"]["added"].size() >= 1);
  CHECK(j["files"]["removed"].size() >= 1);
  CHECK(j["files"]["changed"].size() >= 1);

  auto text = run(shell_quote(binary_path()) + " diff " + shell_quote(first) + " " +
                  shell_quote(second) + " 2>&1");
  CHECK(text.status == 0);
  CHECK(text.output.find("新增 (added) " + added) != std::string::npos);
  CHECK(text.output.find("下线 (removed) " + removed) != std::string::npos);
  CHECK(text.output.find("赵军") != std::string::npos);

  auto bad = run(shell_quote(binary_path()) + " diff " + shell_quote(first) + " " +
                 shell_quote(e.dir.path() + "/none.json") + " 2>&1");
  CHECK(bad.status == 2);
}
