// `sanshen form`: the 审签表 of a page, from the verified review commits — an approved page shows
// every level's person, opinion, time and key; a pending one shows what is still missing.
#include <catch2/catch.hpp>

#include "core/gate.h"
#include "core/review_form.h"
#include "tests/support/review_fixture.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

std::unique_ptr<Gate> open_gate(ReviewFixture& f) {
  GateOptions o;
  o.repo_path = f.repo.path();
  o.insecure_no_introduction = true;
  o.no_cache = true;
  o.now = 1767225600;
  NullReporter reporter;
  auto gate = Gate::open(o, real_file_system(), reporter);
  INFO((gate.ok() ? "" : gate.error().describe()));
  REQUIRE(gate.ok());
  return std::move(*gate);
}

std::string form_of(ReviewFixture& f, const std::string& path) {
  auto gate = open_gate(f);
  auto html = review_form(*gate, path);
  INFO((html.ok() ? "" : html.error().describe()));
  REQUIRE(html.ok());
  return *html;
}

bool has(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("the form of an approved page shows each level's reviewer, opinion, time and key",
          "[review_form]") {
  ReviewFixture f;
  f.approve_fully();
  std::string html = form_of(f, "content/tzgg/notice.md");
  CHECK(has(html, "<!DOCTYPE html>"));
  CHECK(has(html, "网站信息发布审签表"));
  CHECK(has(html, "测试县人民政府"));
  CHECK(has(html, "关于开展春季森林防火检查的通知"));
  CHECK(has(html, "通知公告（tzgg）"));
  CHECK(has(html, "一般"));
  CHECK(has(html, "Test Editor"));  // 拟稿人: the author of the commit that added the page
  for (const auto* key : {&f.editor, &f.head, &f.leader}) CHECK(has(html, key->fingerprint));
  for (const char* level : {"初审", "复审", "终审"}) CHECK(has(html, std::string("<td>") + level + "</td>"));
  CHECK(has(html, "同意：同意。"));
  CHECK(has(html, "计入审核链"));
  CHECK(has(html, "准予发布"));
  CHECK(has(html, f.repo.blob("content/tzgg/notice.md")));
  CHECK(has(html, "未发现问题"));
  CHECK_FALSE(has(html, "尚未审核"));
  // The same revision gives the same bytes.
  CHECK(form_of(f, "content/tzgg/notice.md") == html);
}

TEST_CASE("the form of a pending page shows the missing levels and why it is not published",
          "[review_form]") {
  ReviewFixture f;
  f.review("初审", &f.editor);
  f.review("复审", &f.outsider);  // a key not in the roster counts for nothing
  std::string html = form_of(f, "content/tzgg/notice.md");
  CHECK(has(html, f.editor.fingerprint));
  CHECK(has(html, "<td>终审</td><td colspan=\"5\">尚未审核"));
  CHECK(has(html, "review.unknown-key"));
  CHECK(has(html, "review.missing-level"));
  CHECK(has(html, "不予发布"));
  CHECK_FALSE(has(html, "准予发布"));
}

TEST_CASE("the form shows the author written on the page and content check findings",
          "[review_form]") {
  ReviewFixture f;
  f.repo.write("content/tzgg/casino.md", ReviewFixture::page("关于开展专项整治的通知", "严厉打击赌博活动。",
                                                             "author: 李四\n"));
  f.repo.commit("新增稿件\n");
  std::string html = form_of(f, "content/tzgg/casino.md");
  CHECK(has(html, "李四"));
  CHECK(has(html, "words.banned"));
  CHECK(has(html, "content/tzgg/casino.md:"));
}

TEST_CASE("the form refuses a path that is not a page at the revision", "[review_form]") {
  ReviewFixture f;
  auto gate = open_gate(f);
  auto html = review_form(*gate, "content/tzgg/none.md");
  REQUIRE_FALSE(html.ok());
  CHECK(html.error().rule == "config.invalid");
}

TEST_CASE("sanshen form prints the example's 审签表 with the roster's names and titles",
          "[review_form]") {
  TempDir dir;
  const std::string repo = dir.path() + "/repo";
  run_ok(shell_quote(source_dir() + "/scripts/make-example-repo.sh") + " " + shell_quote(repo));
  std::string intro = read_file(repo + "/.git/sanshen-introduction");
  while (!intro.empty() && intro.back() == '\n') intro.pop_back();
  const std::string out = dir.path() + "/form.html";
  auto r = run(shell_quote(binary_path()) + " form content/xxgk/2025-budget.md --repo " +
               shell_quote(repo) + " --introduction " + shell_quote(intro) + " --out " + shell_quote(out));
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::string html = read_file(out);
  CHECK(has(html, "李明"));
  CHECK(has(html, "王芳"));
  CHECK(has(html, "办公室主任"));
  CHECK(has(html, "赵军"));
  CHECK(has(html, "孙立"));
  CHECK(has(html, "<td>主要领导</td>"));
  CHECK(has(html, "准予发布"));
  CHECK_FALSE(has(html, "未指定信任起点"));

  auto pending = run(shell_quote(binary_path()) + " form content/tzgg/2025-flood-season.md --repo " +
                     shell_quote(repo) + " --introduction " + shell_quote(intro));
  REQUIRE(pending.status == 0);
  CHECK(has(pending.output, "<td>终审</td><td colspan=\"5\">尚未审核"));

  auto missing = run(shell_quote(binary_path()) + " form content/none.md --repo " + shell_quote(repo) +
                     " --introduction " + shell_quote(intro) + " 2>&1");
  CHECK(missing.status == 2);
}
