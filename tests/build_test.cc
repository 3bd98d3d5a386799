#include "core/build.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "core/hash.h"
#include "tests/support/build_helper.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

const std::string kPage = "content/tzgg/notice.md";

std::unique_ptr<Built> build(ReviewFixture& fx, const std::string& introduction = "") {
  return build_fixture(fx, introduction);
}

}  // namespace

TEST_CASE("an approved clean page is rendered and listed with its outputs and digests", "[build]") {
  ReviewFixture fx;
  fx.approve_fully();
  auto b = build(fx);
  REQUIRE_FALSE(b->result.fatal);
  const PublishedPage* p = b->published(kPage);
  REQUIRE(p);
  CHECK_FALSE(p->fallback);
  CHECK(p->approvals.size() == 3);
  REQUIRE_FALSE(p->outputs.empty());
  for (const auto& o : b->result.outputs) {
    std::string data = read_file(b->out() + "/" + o.path);
    CHECK(sha256_hex(data) == o.sha256);
  }
  std::string html = read_file(b->out() + "/" + p->outputs.front());
  CHECK(html.find("关于开展春季森林防火检查的通知") != std::string::npos);
  CHECK(std::filesystem::exists(b->options.manifest_path));
}

TEST_CASE("a pending page is not rendered anywhere in the site", "[build]") {
  ReviewFixture fx;
  fx.review("初审", &fx.editor);
  auto b = build(fx);
  REQUIRE_FALSE(b->result.fatal);
  CHECK(b->refused_for(kPage, "review.missing-level"));
  for (const auto& o : b->result.outputs) {
    std::string data = read_file(b->out() + "/" + o.path);
    CHECK(data.find("森林防火隐患排查") == std::string::npos);
  }
}

TEST_CASE("an approved page with an ID-card number is refused with checks.failed", "[build]") {
  ReviewFixture fx;
  // Synthetic number: region 110101, 1990-01-01, sequence 123, GB 11643 check digit 7.
  fx.repo.write(kPage, ReviewFixture::page("公示", "联系人身份证号：110101199001011237。"));
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  auto b = build(fx);
  REQUIRE_FALSE(b->result.fatal);
  REQUIRE(b->refused_for(kPage, "checks.failed"));
  const RefusedPage* r = b->refused(kPage);
  bool leaks = false;
  for (const auto& x : r->reasons) leaks |= x.message.find("110101199001011237") != std::string::npos;
  CHECK_FALSE(leaks);
}

TEST_CASE("an edited page keeps its previous approved version online as a fallback", "[build]") {
  ReviewFixture fx;
  fx.approve_fully();
  std::string old_blob = fx.repo.blob(kPage);
  fx.repo.write(kPage, ReviewFixture::page("关于开展春季森林防火检查的通知", "截止时间改为4月中旬。"));
  fx.repo.commit("编辑修改\n");
  auto b = build(fx);
  REQUIRE_FALSE(b->result.fatal);
  const PublishedPage* p = b->published(kPage);
  REQUIRE(p);
  CHECK(p->fallback);
  CHECK(p->blob == old_blob);
  CHECK(b->refused_for(kPage, "review.missing-level"));
  std::string html = read_file(b->out() + "/" + p->outputs.front());
  CHECK(html.find("3月底前") != std::string::npos);
  CHECK(html.find("4月中旬") == std::string::npos);
}

TEST_CASE("broken front matter refuses the page with page.invalid and path:line", "[build]") {
  ReviewFixture fx;
  fx.repo.write(kPage, "---\ntitle: 通知\ndate: 2025-03-01 09:00\ntilte: 拼错的字段\n---\n正文\n");
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  auto b = build(fx);
  REQUIRE_FALSE(b->result.fatal);
  REQUIRE(b->refused_for(kPage, "page.invalid"));
  CHECK(b->refused(kPage)->reasons[0].message.find(kPage + ":4") != std::string::npos);
}

TEST_CASE("invalid UTF-8 refuses the page with page.invalid, not a crash", "[build]") {
  ReviewFixture fx;
  fx.repo.write(kPage, "---\ntitle: 通知\n---\n正文\xff\xfe乱码\n");
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  auto b = build(fx);
  REQUIRE_FALSE(b->result.fatal);
  REQUIRE(b->refused_for(kPage, "page.invalid"));
  CHECK(b->refused(kPage)->reasons[0].message.find(kPage + ":4") != std::string::npos);
}

TEST_CASE("a missing roster is fatal governance.roster-missing and writes nothing", "[build]") {
  ReviewFixture fx;
  fx.approve_fully();
  fx.repo.remove(".sanshen/reviewers.toml");
  fx.repo.commit("删除名册\n", &fx.admin);
  auto b = build(fx);
  REQUIRE(b->result.fatal);
  CHECK(b->result.fatal->rule == "governance.roster-missing");
  CHECK(b->result.fatal->path == ".sanshen/reviewers.toml");
  CHECK_FALSE(std::filesystem::exists(b->out()));
  CHECK_FALSE(std::filesystem::exists(b->options.manifest_path));
}

TEST_CASE("a malformed site config is fatal config.invalid with its path and line", "[build]") {
  ReviewFixture fx;
  fx.repo.write(".sanshen/site.toml", "title = \"测试\"\nhost = \"x\"\nbogus = 1\n");
  fx.repo.commit("配置\n", &fx.admin);
  auto b = build(fx);
  REQUIRE(b->result.fatal);
  CHECK(b->result.fatal->rule == "config.invalid");
  CHECK(b->result.fatal->path == ".sanshen/site.toml");
  CHECK(b->result.fatal->line == 3);
}

TEST_CASE("a directory that is not a git repository is fatal repo.corrupt", "[build]") {
  TempDir dir;
  BuildOptions o;
  o.repo_path = dir.path();
  o.out_dir = dir.path() + "/public";
  o.manifest_path = dir.path() + "/m.json";
  o.insecure_no_introduction = true;
  NullReporter reporter;
  auto r = run_build(o, real_file_system(), reporter);
  REQUIRE(r.fatal);
  CHECK(r.fatal->rule == "repo.corrupt");
}

TEST_CASE("a repository with a corrupted object is fatal repo.corrupt", "[build]") {
  ReviewFixture fx;
  fx.approve_fully();
  std::string blob = fx.repo.blob(kPage);
  std::string object = fx.repo.path() + "/.git/objects/" + blob.substr(0, 2) + "/" + blob.substr(2);
  std::filesystem::permissions(object, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  write_file(object, "not a zlib stream");
  auto b = build(fx);
  REQUIRE(b->result.fatal);
  CHECK(b->result.fatal->rule == "repo.corrupt");
}

TEST_CASE("without an introduction the build refuses to run unless told it is insecure",
          "[build]") {
  ReviewFixture fx;
  fx.approve_fully();
  TempDir out;
  BuildOptions o;
  o.repo_path = fx.repo.path();
  o.out_dir = out.path() + "/public";
  o.manifest_path = out.path() + "/m.json";
  NullReporter reporter;
  auto r = run_build(o, real_file_system(), reporter);
  REQUIRE(r.fatal);
  CHECK(r.fatal->rule == "governance.introduction");
}

TEST_CASE("an introduction by the admin key is accepted and one by another key is fatal",
          "[build]") {
  ReviewFixture fx;
  std::string first = fx.repo.git("rev-list --max-parents=0 HEAD");
  fx.approve_fully();
  CHECK_FALSE(build(fx, first + ":" + fx.admin.fingerprint)->result.fatal);
  auto bad = build(fx, first + ":" + fx.leader.fingerprint);
  REQUIRE(bad->result.fatal);
  CHECK(bad->result.fatal->rule == "governance.introduction");
}

TEST_CASE("a fatal rebuild leaves the previous site and manifest untouched", "[build]") {
  ReviewFixture fx;
  fx.approve_fully();
  auto b = build(fx);
  REQUIRE_FALSE(b->result.fatal);
  std::string before = read_file(b->options.manifest_path);
  fx.repo.write(".sanshen/site.toml", "title = \n");
  fx.repo.commit("坏配置\n", &fx.admin);
  NullReporter reporter;
  auto again = run_build(b->options, real_file_system(), reporter);
  REQUIRE(again.fatal);
  CHECK(read_file(b->options.manifest_path) == before);
  CHECK(std::filesystem::exists(b->out() + "/" + b->result.published[0].outputs[0]));
}

TEST_CASE("a build on several threads writes the same site and manifest as one on a single thread",
          "[build]") {
  ReviewFixture fx;
  for (int i = 0; i < 6; ++i) {
    std::string path = "content/tzgg/page" + std::to_string(i) + ".md";
    fx.repo.write(path, ReviewFixture::page("通知" + std::to_string(i), "正文第" + std::to_string(i) + "段。"));
    fx.repo.commit("编辑\n");
    if (i % 2 == 0) fx.approve_fully(path);
  }
  fx.approve_fully();
  auto one = build_fixture(fx);
  auto four = build_fixture(fx, "", [](BuildOptions& o) { o.jobs = 4; });
  REQUIRE_FALSE(one->result.fatal);
  REQUIRE_FALSE(four->result.fatal);
  CHECK(one->result.published.size() == 4);
  CHECK(one->result.refused.size() == 3);
  // The manifest lists every output's digest, so equal manifests mean an identical site.
  CHECK(read_file(one->options.manifest_path) == read_file(four->options.manifest_path));
}
