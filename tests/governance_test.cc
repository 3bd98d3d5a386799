// Governance (design §4.6): trust starts at the introduction and every later change to
// .sanshen/ needs an admin's signature in force in its parent(s).
#include "core/governance.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/build_helper.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

const std::string kPage = "content/tzgg/notice.md";

}  // namespace

TEST_CASE("a history whose .sanshen changes are all admin-signed builds from its introduction",
          "[governance]") {
  ReviewFixture fx;
  fx.approve_fully();
  fx.repo.write(".sanshen/rules/banned.txt", "# 测试用词表\n赌博\n博彩\n");
  fx.repo.commit("词表增补\n", &fx.admin);
  auto b = build_fixture(fx, fixture_introduction(fx));
  REQUIRE_FALSE(b->result.fatal);
  CHECK(b->published(kPage));
}

TEST_CASE("a roster edit signed by a non-admin is fatal and names the commit", "[governance]") {
  ReviewFixture fx;
  fx.approve_fully();
  fx.repo.write(".sanshen/reviewers.toml",
                ReviewFixture::roster_toml(
                    {fx.reviewer_table("admin", fx.admin, "", "roles = [\"admin\"]\n"),
                     fx.reviewer_table("editor", fx.editor, "\"初审\", \"复审\", \"终审\""),
                     fx.reviewer_table("head", fx.head, "\"复审\""),
                     fx.reviewer_table("leader", fx.leader, "\"终审\"")}));
  std::string bad = fx.repo.commit("给自己加权限\n", &fx.editor);
  auto b = build_fixture(fx, fixture_introduction(fx));
  REQUIRE(b->result.fatal);
  CHECK(b->fatal_rule() == "governance.unauthorized");
  CHECK(b->result.fatal->message.find(bad) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(b->out()));
}

TEST_CASE("an unsigned change to the policy is fatal", "[governance]") {
  ReviewFixture fx;
  fx.repo.write(".sanshen/policy.toml", "[review]\nlevels = [\"初审\"]\n");
  fx.repo.commit("只要初审\n");
  auto b = build_fixture(fx, fixture_introduction(fx));
  CHECK(b->fatal_rule() == "governance.unauthorized");
}

TEST_CASE("an admin removed from the roster can no longer change .sanshen", "[governance]") {
  ReviewFixture fx;
  TestKey admin2 = make_ssh_key(fx.repo.keys_dir(), "admin2");
  fx.write_roster({fx.reviewer_table("admin2", admin2, "", "roles = [\"admin\"]\n")});
  // admin2 removes the first admin.
  fx.repo.write(".sanshen/reviewers.toml",
                ReviewFixture::roster_toml(
                    {fx.reviewer_table("admin2", admin2, "", "roles = [\"admin\"]\n"),
                     fx.reviewer_table("editor", fx.editor, "\"初审\""),
                     fx.reviewer_table("head", fx.head, "\"复审\""),
                     fx.reviewer_table("leader", fx.leader, "\"终审\"")}));
  fx.repo.commit("移除原管理员\n", &admin2);
  REQUIRE_FALSE(build_fixture(fx, fixture_introduction(fx))->result.fatal);

  fx.repo.write(".sanshen/rules/banned.txt", "# 被移除的管理员仍在修改\n");
  std::string bad = fx.repo.commit("删除词表\n", &fx.admin);
  auto b = build_fixture(fx, fixture_introduction(fx));
  REQUIRE(b->result.fatal);
  CHECK(b->fatal_rule() == "governance.unauthorized");
  CHECK(b->result.fatal->message.find(bad) != std::string::npos);
}

TEST_CASE("a retired admin cannot change .sanshen", "[governance]") {
  ReviewFixture fx;
  fx.repo.write(".sanshen/reviewers.toml",
                ReviewFixture::roster_toml(
                    {fx.reviewer_table("admin", fx.admin, "",
                                       "roles = [\"admin\"]\nstatus = \"retired\"\n"),
                     fx.reviewer_table("editor", fx.editor, "\"初审\"")}));
  fx.repo.commit("管理员退休\n", &fx.admin);
  fx.repo.write(".sanshen/rules/banned.txt", "# 退休后修改\n");
  fx.repo.commit("修改词表\n", &fx.admin);
  CHECK(build_fixture(fx, fixture_introduction(fx))->fatal_rule() == "governance.unauthorized");
}

TEST_CASE("a history rewritten without the introduction commit is fatal", "[governance]") {
  ReviewFixture fx;
  fx.approve_fully();
  std::string intro = fixture_introduction(fx);
  // Same files, new root: the introduction is no longer in the history being built.
  fx.repo.git("checkout -q --orphan rewritten");
  fx.repo.commit("重写历史\n", &fx.admin);
  fx.approve_fully();
  auto b = build_fixture(fx, intro);
  REQUIRE(b->result.fatal);
  CHECK(b->fatal_rule() == "governance.introduction");
}

TEST_CASE("reviews made before the introduction count for nothing", "[governance]") {
  ReviewFixture fx;
  fx.approve_fully();
  // A later admin-signed commit is given as the introduction: the approvals precede it.
  std::string later = fx.repo.commit("信任起点\n", &fx.admin);
  auto b = build_fixture(fx, later + ":" + fx.admin.fingerprint);
  REQUIRE_FALSE(b->result.fatal);
  CHECK(b->refused_for(kPage, "review.not-authorized"));
  CHECK_FALSE(b->published(kPage));
}

TEST_CASE("an introduction fingerprint that is not an admin in that commit is fatal",
          "[governance]") {
  ReviewFixture fx;
  std::string signed_by_editor = fx.repo.commit("编辑签名的提交\n", &fx.editor);
  auto b = build_fixture(fx, signed_by_editor + ":" + fx.editor.fingerprint);
  CHECK(b->fatal_rule() == "governance.introduction");
}

TEST_CASE("a merge taking a side branch's new roster unchanged needs no admin signature",
          "[governance]") {
  ReviewFixture fx;
  fx.repo.git("checkout -q -b roster-update");
  TestKey extra = make_ssh_key(fx.repo.keys_dir(), "extra");
  fx.write_roster({fx.reviewer_table("extra", extra, "\"初审\"")});
  fx.repo.git("checkout -q main");
  fx.repo.write("content/tzgg/other.md", ReviewFixture::page("其他通知", "正文。"));
  fx.repo.commit("编辑新增页面\n");
  fx.repo.git("-c user.name=e -c user.email=e@x merge -q --no-ff --no-edit roster-update");
  CHECK_FALSE(build_fixture(fx, fixture_introduction(fx))->result.fatal);
}

TEST_CASE("a merge that brings in a roster from outside the trusted history is fatal",
          "[governance]") {
  ReviewFixture fx;
  std::string intro = fixture_introduction(fx);
  // An attacker's root commit with their own roster, merged into the trusted history.
  fx.repo.git("checkout -q --orphan attacker");
  fx.repo.write(".sanshen/reviewers.toml",
                ReviewFixture::roster_toml({fx.reviewer_table("outsider", fx.outsider,
                                                              "\"初审\", \"复审\", \"终审\"",
                                                              "roles = [\"admin\"]\n")}));
  fx.repo.commit("另起炉灶\n", &fx.outsider);
  fx.repo.git("checkout -q main");
  fx.repo.git("-c user.name=e -c user.email=e@x merge -q --no-edit --allow-unrelated-histories "
              "-X theirs attacker");
  CHECK(build_fixture(fx, intro)->fatal_rule() == "governance.unauthorized");
}
