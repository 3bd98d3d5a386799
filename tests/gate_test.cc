// Publishing rules of the gate (design §4.2, §4.7, §4.8, §4.9) through a full build.
#include "core/gate.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "tests/support/build_helper.h"
#include "tests/support/gpg_home.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

const std::string kPage = "content/tzgg/notice.md";

}  // namespace

TEST_CASE("a retired reviewer's earlier approvals stay valid but new ones do not count",
          "[gate]") {
  ReviewFixture fx;
  fx.approve_fully();
  fx.repo.write("content/tzgg/second.md", ReviewFixture::page("第二份通知", "正文。"));
  fx.repo.commit("编辑新增\n");
  fx.repo.write(".sanshen/reviewers.toml",
                ReviewFixture::roster_toml(
                    {fx.reviewer_table("admin", fx.admin, "", "roles = [\"admin\"]\n"),
                     fx.reviewer_table("editor", fx.editor, "\"初审\""),
                     fx.reviewer_table("head", fx.head, "\"复审\""),
                     fx.reviewer_table("leader", fx.leader, "\"终审\"", "status = \"retired\"\n")}));
  fx.repo.commit("赵军退休\n", &fx.admin);
  fx.approve_fully("content/tzgg/second.md");
  auto b = build_fixture(fx, fixture_introduction(fx));
  REQUIRE_FALSE(b->result.fatal);
  CHECK(b->published(kPage));
  CHECK(b->refused_for("content/tzgg/second.md", "review.not-authorized"));
}

TEST_CASE("a revoked key voids the page it approved in a full build", "[gate]") {
  ReviewFixture fx;
  fx.approve_fully();
  fx.repo.write(".sanshen/reviewers.toml",
                ReviewFixture::roster_toml(
                    {fx.reviewer_table("admin", fx.admin, "", "roles = [\"admin\"]\n"),
                     fx.reviewer_table("editor", fx.editor, "\"初审\""),
                     fx.reviewer_table("head", fx.head, "\"复审\"", "status = \"revoked\"\n"),
                     fx.reviewer_table("leader", fx.leader, "\"终审\"")}));
  fx.repo.commit("吊销王芳的密钥\n", &fx.admin);
  auto b = build_fixture(fx, fixture_introduction(fx));
  REQUIRE_FALSE(b->result.fatal);
  CHECK(b->refused_for(kPage, "review.revoked-key"));
  CHECK_FALSE(b->published(kPage));
}

TEST_CASE("a 特级 page without 主要领导 is refused and published once the chief approves",
          "[gate]") {
  ReviewFixture fx;
  TestKey chief = make_ssh_key(fx.repo.keys_dir(), "chief");
  fx.write_roster({fx.reviewer_table("chief", chief, "\"主要领导\"")});
  fx.repo.write(kPage, ReviewFixture::page("重大事项通知", "正文。", "class: 特级\n"));
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  auto b = build_fixture(fx, fixture_introduction(fx));
  REQUIRE(b->refused_for(kPage, "review.missing-level"));
  CHECK(b->refused(kPage)->reasons[0].message.find("主要领导") != std::string::npos);
  fx.review("主要领导", &chief);
  CHECK(build_fixture(fx, fixture_introduction(fx))->published(kPage));
}

TEST_CASE("a review merge counts only if the signer is in the roster of every parent", "[gate]") {
  ReviewFixture fx;
  TestKey deputy = make_ssh_key(fx.repo.keys_dir(), "deputy");
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  std::string before = fx.repo.head();
  // On main the deputy joins the roster; a side branch from before does not know them.
  fx.write_roster({fx.reviewer_table("deputy", deputy, "\"终审\"")});
  fx.repo.git("checkout -q -b side " + before);
  fx.repo.write("content/tzgg/side.md", ReviewFixture::page("支线页面", "正文。"));
  std::string side = fx.repo.commit("支线编辑\n");
  fx.repo.git("checkout -q main");
  std::string blob = fx.repo.blob(kPage);
  write_file(fx.repo.path() + "/.git/MERGE_MSG_TEST",
             "终审\n\nReview-Level: 终审\nReview-Page: " + kPage + " " + blob +
                 "\nReview-Decision: approve\n");
  fx.repo.git("-c user.signingkey=" + shell_quote(deputy.private_path) +
              " merge -q --no-ff -S -F .git/MERGE_MSG_TEST side");
  auto b = build_fixture(fx, fixture_introduction(fx));
  REQUIRE_FALSE(b->result.fatal);
  REQUIRE(b->refused_for(kPage, "review.unknown-key"));
  bool names_side_parent = false;
  for (const auto& r : b->refused(kPage)->reasons)
    names_side_parent |= r.message.find(side.substr(0, 10)) != std::string::npos;
  CHECK(names_side_parent);
}

TEST_CASE("a strict build refuses an edited page instead of keeping the old version", "[gate]") {
  ReviewFixture fx;
  fx.approve_fully();
  fx.repo.write(kPage, ReviewFixture::page("关于开展春季森林防火检查的通知", "改动。"));
  fx.repo.commit("编辑修改\n");
  CHECK(build_fixture(fx)->published(kPage));
  auto strict = build_fixture(fx, "", [](BuildOptions& o) { o.strict = true; });
  CHECK_FALSE(strict->published(kPage));
  CHECK(strict->refused_for(kPage, "review.missing-level"));
}

TEST_CASE("a page deleted at the build revision is unpublished", "[gate]") {
  ReviewFixture fx;
  fx.approve_fully();
  fx.repo.remove(kPage);
  fx.repo.commit("撤下通知\n");
  auto b = build_fixture(fx);
  REQUIRE_FALSE(b->result.fatal);
  CHECK_FALSE(b->published(kPage));
  CHECK_FALSE(b->refused(kPage));
  CHECK_FALSE(std::filesystem::exists(b->out() + "/tzgg/notice/index.html"));
}

TEST_CASE("a displayed date long before the final approval is time.backdated", "[gate]") {
  ReviewFixture fx;
  // Reviews happen on 2025-02-28 (the test clock); the page claims 2025-01-10.
  fx.repo.write(kPage, "---\ntitle: 倒签的通知\ndate: 2025-01-10 09:00\n---\n正文。\n");
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  auto b = build_fixture(fx);
  CHECK(b->refused_for(kPage, "time.backdated"));
  // Within the 24-hour tolerance it is fine.
  fx.repo.write(kPage, "---\ntitle: 当天的通知\ndate: 2025-02-28 00:30\n---\n正文。\n");
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  CHECK(build_fixture(fx)->published(kPage));
}

TEST_CASE("an embargoed page appears only once --now passes publish_at", "[gate]") {
  ReviewFixture fx;
  fx.repo.write(kPage, ReviewFixture::page("定时发布的通知", "正文。", "publish_at: 2026-03-01 09:00\n"));
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  auto early = build_fixture(fx);  // now = 2026-01-01
  CHECK(early->refused_for(kPage, "time.embargoed"));
  CHECK_FALSE(early->published(kPage));
  auto later = build_fixture(fx, "", [](BuildOptions& o) { o.now = 1772330400; });  // 2026-03-01 10:00 +08
  CHECK(later->published(kPage));
}

TEST_CASE("an expired page is withdrawn", "[gate]") {
  ReviewFixture fx;
  fx.repo.write(kPage, ReviewFixture::page("阶段性通知", "正文。", "expires: 2025-12-31 23:59\n"));
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  auto b = build_fixture(fx);  // now = 2026-01-01
  CHECK(b->refused_for(kPage, "time.expired"));
  CHECK_FALSE(b->published(kPage));
}

TEST_CASE("a rebuild takes verified signatures from the cache instead of re-verifying",
          "[gate]") {
  ReviewFixture fx;
  fx.approve_fully();
  TempDir cache;
  static std::string cache_dir;
  cache_dir = cache.path();
  auto use_cache = [](BuildOptions& o) { o.cache_dir = cache_dir; };
  auto first = build_fixture(fx, fixture_introduction(fx), use_cache);
  REQUIRE_FALSE(first->result.fatal);
  CHECK(first->result.signatures_verified > 0);
  auto second = build_fixture(fx, fixture_introduction(fx), use_cache);
  CHECK(second->result.signatures_verified == 0);
  CHECK(second->result.signatures_cached == first->result.signatures_verified);
  CHECK(second->published(kPage));
}

TEST_CASE("a corrupted signature cache is discarded and everything is verified again", "[gate]") {
  ReviewFixture fx;
  fx.approve_fully();
  TempDir cache;
  static std::string cache_dir;
  cache_dir = cache.path();
  auto use_cache = [](BuildOptions& o) { o.cache_dir = cache_dir; };
  auto first = build_fixture(fx, "", use_cache);
  REQUIRE(first->published(kPage));
  // Flip one verdict in the file: the digest no longer matches.
  std::string file = cache.path() + "/signatures-v1";
  std::string text = read_file(file);
  size_t at = text.find("\tok\t");
  REQUIRE(at != std::string::npos);
  text.replace(at, 4, "\tbad\tforged\t");
  write_file(file, text);
  auto second = build_fixture(fx, "", use_cache);
  CHECK(second->result.signatures_cached == 0);
  CHECK(second->result.signatures_verified == first->result.signatures_verified);
  CHECK(second->published(kPage));
}

TEST_CASE("an OpenPGP-signed 终审 counts when the key is in .sanshen/keys and the roster",
          "[gate]") {
  ReviewFixture fx;
  GpgHome gpg;
  std::string fpr = gpg.make_key("赵军 <leader@example.gov.cn>");
  fx.repo.write(".sanshen/keys/leader.asc", gpg.export_key(fpr));
  fx.repo.write(".sanshen/reviewers.toml",
                ReviewFixture::roster_toml(
                    {fx.reviewer_table("admin", fx.admin, "", "roles = [\"admin\"]\n"),
                     fx.reviewer_table("editor", fx.editor, "\"初审\""),
                     fx.reviewer_table("head", fx.head, "\"复审\""),
                     "[[reviewer]]\nid = \"leader\"\nname = \"赵军\"\nkeys = [\"" + fpr +
                         "\"]\nlevels = [\"终审\"]\n"}));
  fx.repo.commit("名册：终审改用 OpenPGP 密钥\n", &fx.admin);
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  write_file(fx.repo.path() + "/.git/PGP_MSG",
             "终审\n\nReview-Level: 终审\nReview-Page: " + kPage + " " + fx.repo.blob(kPage) +
                 "\nReview-Decision: approve\n");
  // Dated like the fixture's other commits, so the page's date is not "backdated".
  run_ok("GIT_COMMITTER_DATE='@1740800000 +0800' git -C " + shell_quote(fx.repo.path()) +
         " -c gpg.format=openpgp -c user.signingkey=" + fpr + " -c gpg.program=" +
         shell_quote(gpg.program()) + " commit -q --allow-empty -S -F .git/PGP_MSG");
  auto b = build_fixture(fx, fixture_introduction(fx));
  REQUIRE_FALSE(b->result.fatal);
  const PublishedPage* p = b->published(kPage);
  if (const RefusedPage* r = b->refused(kPage))
    for (const auto& x : r->reasons) UNSCOPED_INFO(x.rule << ": " << x.message);
  REQUIRE(p);
  CHECK(p->approvals.back().fingerprint == fpr);

  // Without the public key in .sanshen/keys the same signature cannot be verified.
  fx.repo.remove(".sanshen/keys/leader.asc");
  fx.repo.commit("删除公钥\n", &fx.admin);
  auto without = build_fixture(fx, fixture_introduction(fx));
  REQUIRE_FALSE(without->result.fatal);
  CHECK(without->refused_for(kPage, "review.bad-signature"));
}

TEST_CASE("a Review-Waive in the signed final review silences exactly that finding", "[gate]") {
  ReviewFixture fx;
  fx.repo.write(kPage, "---\ntitle: 关于开展专项整治行动的通知\ndate: 2025-03-01 09:00\n---\n\n"
                       "严厉打击赌博违法犯罪活动。\n");
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  auto refused = build_fixture(fx);
  REQUIRE(refused->refused_for(kPage, "checks.failed"));

  fx.repo.commit("终审：" + kPage + "\n\nReview-Level: 终审\nReview-Page: " + kPage + " " +
                     fx.repo.blob(kPage) +
                     "\nReview-Decision: approve\nReview-Waive: words.banned " + kPage +
                     ":6\n",
                 &fx.leader);
  auto waived = build_fixture(fx);
  if (const RefusedPage* r = waived->refused(kPage))
    for (const auto& x : r->reasons) UNSCOPED_INFO(x.rule << ": " << x.message);
  CHECK(waived->published(kPage));

  // A waiver for another line covers nothing.
  fx.repo.write(kPage, "---\ntitle: 关于开展专项整治行动的通知\ndate: 2025-03-01 09:00\n---\n\n"
                       "严厉打击赌博违法犯罪活动。\n\n防范网络赌博。\n");
  fx.repo.commit("编辑\n");
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  fx.repo.commit("终审：" + kPage + "\n\nReview-Level: 终审\nReview-Page: " + kPage + " " +
                     fx.repo.blob(kPage) +
                     "\nReview-Decision: approve\nReview-Waive: words.banned " + kPage +
                     ":6\n",
                 &fx.leader);
  auto partly = build_fixture(fx, "", [](BuildOptions& o) { o.strict = true; });
  CHECK(partly->refused_for(kPage, "checks.failed"));
}

TEST_CASE("a spreadsheet with an ID number refuses the page that links it", "[gate]") {
  ReviewFixture fx;
  // Synthetic number: region 110101, 1990-01-01, sequence 123, GB 11643 check digit 7.
  fx.repo.write("static/files/list.csv", "姓名,身份证号\n张三,110101199001011237\n");
  fx.repo.write(kPage, ReviewFixture::page("补贴名单公示", "名单见附件。",
                                           "attachments:\n  - /static/files/list.csv\n"));
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  auto b = build_fixture(fx);
  REQUIRE(b->refused_for(kPage, "checks.failed"));
  CHECK(b->refused(kPage)->reasons.back().message.find("static/files/list.csv") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(b->out() + "/static/files/list.csv"));

  fx.repo.write("static/files/list.csv", "姓名,身份证号\n张三,1101**********1237\n");
  fx.repo.commit("附件脱敏\n");
  auto masked = build_fixture(fx);
  CHECK(masked->published(kPage));
  CHECK(std::filesystem::exists(masked->out() + "/static/files/list.csv"));
}

namespace {

std::string describe(const BlobEvaluation& ev) {
  std::string out = ev.blob + (ev.approved ? " approved\n" : " refused\n");
  for (const auto& r : ev.reasons) out += "  reason " + r.rule + ": " + r.message + "\n";
  for (const auto& f : ev.findings)
    out += "  finding " + f.rule + " " + f.path + ":" + std::to_string(f.line) + ":" +
           std::to_string(f.col) + "\n";
  for (const auto& f : ev.waived) out += "  waived " + f.rule + ":" + std::to_string(f.line) + "\n";
  for (const auto& a : ev.approvals) out += "  approval " + a.level + " " + a.commit + "\n";
  out += "  title " + ev.source.meta.title + " body " + ev.source.body + "\n";
  return out;
}

std::string describe(const PageDecision& d) {
  return d.path + "\ncurrent " + describe(d.current) +
         (d.live ? "live " + describe(*d.live) : std::string("not live\n"));
}

}  // namespace

TEST_CASE("pages prepared beside the review pass are decided exactly as from scratch", "[gate]") {
  ReviewFixture fx;
  fx.approve_fully();
  // Synthetic ID number (GB 11643 check digit 7) in a page and in an attachment.
  fx.repo.write("content/tzgg/id.md", ReviewFixture::page("公示", "张三 110101199001011237。"));
  fx.repo.write("static/files/list.csv", "姓名,身份证号\n张三,110101199001011237\n");
  fx.repo.write("content/tzgg/attached.md",
                ReviewFixture::page("名单", "见附件。", "attachments:\n  - /static/files/list.csv\n"));
  fx.repo.write("content/tzgg/broken.md", "---\ntitle: [未闭合\n---\n正文\n");
  fx.repo.write("content/tzgg/waived.md",
                "---\ntitle: 关于开展专项整治行动的通知\ndate: 2025-03-01 09:00\n---\n\n"
                "严厉打击赌博违法犯罪活动。\n");
  fx.repo.commit("编辑\n");
  for (const char* p : {"content/tzgg/id.md", "content/tzgg/attached.md", "content/tzgg/broken.md"})
    fx.approve_fully(p);
  fx.review("初审", &fx.editor, "content/tzgg/waived.md");
  fx.review("复审", &fx.head, "content/tzgg/waived.md");
  fx.repo.commit("终审\n\nReview-Level: 终审\nReview-Page: content/tzgg/waived.md " +
                     fx.repo.blob("content/tzgg/waived.md") +
                     "\nReview-Decision: approve\nReview-Waive: words.banned "
                     "content/tzgg/waived.md:6\n",
                 &fx.leader);
  // Edited after approval: refused now, the approved older blob stays live.
  fx.repo.write(kPage, ReviewFixture::page("关于开展春季森林防火检查的通知", "改动。"));
  fx.repo.commit("编辑修改\n");

  GateOptions o;
  o.repo_path = fx.repo.path();
  o.insecure_no_introduction = true;
  o.no_cache = true;
  o.now = 1767225600;
  o.jobs = 2;
  NullReporter reporter;
  auto scratch = Gate::open(o, real_file_system(), reporter);
  REQUIRE(scratch);
  o.prepare_pages = true;
  auto prepared = Gate::open(o, real_file_system(), reporter);
  REQUIRE(prepared);
  (*prepared)->finish_preparing(/*complete=*/true);
  const auto& pages = (*prepared)->pages();
  REQUIRE(pages.size() == 5);
  CHECK((*prepared)->pages_prepared() == pages.size());

  std::set<std::string> rules;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto from_prepared = (*prepared)->decide_page(i, (*prepared)->repo(), false);
    auto from_scratch = (*scratch)->decide(pages[i], (*scratch)->repo(), false);
    REQUIRE(from_prepared);
    REQUIRE(from_scratch);
    CHECK(describe(*from_prepared) == describe(*from_scratch));
    for (const auto& r : from_scratch->current.reasons) rules.insert(r.rule);
    if (from_scratch->live && !from_scratch->live->waived.empty()) rules.insert("waived");
  }
  // The fixture reaches every path through evaluate that preparation shortcuts.
  CHECK(rules == std::set<std::string>{"checks.failed", "page.invalid", "review.missing-level",
                                       "waived"});
}
