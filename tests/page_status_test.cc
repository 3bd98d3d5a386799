#include "core/page_status.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "tests/support/build_helper.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

const std::string kPage = "content/tzgg/notice.md";

StatusReport status_of(ReviewFixture& fx, const std::vector<std::string>& paths = {},
                       const std::string& introduction = "") {
  GateOptions o;
  o.repo_path = fx.repo.path();
  o.introduction = introduction;
  o.insecure_no_introduction = introduction.empty();
  o.no_cache = true;
  o.now = 1767225600;
  NullReporter reporter;
  auto gate = Gate::open(o, real_file_system(), reporter);
  INFO((gate ? "" : gate.error().describe()));
  REQUIRE(gate);
  auto report = collect_status(**gate, paths);
  INFO((report ? "" : report.error().describe()));
  REQUIRE(report);
  return std::move(*report);
}

const PageStatus& page(const StatusReport& r, const std::string& path = kPage) {
  auto it = std::find_if(r.pages.begin(), r.pages.end(), [&](const PageStatus& p) { return p.path == path; });
  REQUIRE(it != r.pages.end());
  return *it;
}

bool has_reason(const PageStatus& s, const std::string& rule) {
  return std::any_of(s.reasons.begin(), s.reasons.end(), [&](const Reason& r) { return r.rule == rule; });
}

std::vector<std::string> ids(const std::vector<PersonRef>& people) {
  std::vector<std::string> out;
  for (const auto& p : people) out.push_back(p.id);
  return out;
}

}  // namespace

TEST_CASE("status shows an approved page's three levels with reviewer, key, time and live = current",
          "[page_status]") {
  ReviewFixture fx;
  fx.approve_fully();
  auto report = status_of(fx, {}, fixture_introduction(fx));
  const PageStatus& s = page(report);
  CHECK(s.state == PageState::kApproved);
  CHECK(s.blob == fx.repo.blob(kPage));
  CHECK(s.title == "关于开展春季森林防火检查的通知");
  REQUIRE(s.levels.size() == 3);
  const std::vector<std::pair<std::string, const TestKey*>> expected = {
      {"editor", &fx.editor}, {"head", &fx.head}, {"leader", &fx.leader}};
  for (size_t i = 0; i < 3; ++i) {
    REQUIRE(s.levels[i].approval);
    CHECK(s.levels[i].approval->reviewer_id == expected[i].first);
    CHECK(s.levels[i].approval->fingerprint == expected[i].second->fingerprint);
  }
  CHECK(s.levels[2].level == "终审");
  CHECK_FALSE(s.next_level);
  CHECK(s.live == LiveState::kCurrent);
  CHECK(s.live_blob == s.blob);

  std::string text = status_text(report, true);
  CHECK(text.find("已通过 (approved)") != std::string::npos);
  CHECK(text.find(fx.leader.fingerprint) != std::string::npos);
  // The test clock's third review lands at 2025-02-28 00:04 UTC: 08:04 in Asia/Shanghai.
  CHECK(text.find("2025-02-28 08:04") != std::string::npos);
  CHECK(text.find("线上 (live): 当前版本 (current)") != std::string::npos);
}

TEST_CASE("status names the next level of a pending page and only the people who may give it",
          "[page_status]") {
  ReviewFixture fx;
  fx.write_roster({
      fx.reviewer_table("deputy", fx.outsider, "\"终审\""),
      fx.reviewer_table("other-section", make_ssh_key(fx.repo.keys_dir(), "o2"), "\"终审\"",
                        "sections = [\"xxgk\"]\n"),
      fx.reviewer_table("retired", make_ssh_key(fx.repo.keys_dir(), "o3"), "\"终审\"",
                        "status = \"retired\"\n"),
  });
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  auto report = status_of(fx);
  const PageStatus& s = page(report);
  CHECK(s.state == PageState::kPending);
  REQUIRE(s.next_level);
  CHECK(*s.next_level == "终审");
  CHECK(ids(s.next_reviewers) == std::vector<std::string>{"leader", "deputy"});
  REQUIRE(s.levels.size() == 3);
  CHECK(s.levels[0].approval);
  CHECK(s.levels[1].approval);
  CHECK_FALSE(s.levels[2].approval);
  CHECK(s.live == LiveState::kNone);
  std::string text = status_text(report, false);
  CHECK(text.find("下一级 (next): 终审") != std::string::npos);
  CHECK(text.find("sanshen review " + kPage + " --level 终审") != std::string::npos);
}

TEST_CASE("status leaves out of the next level a person who already approved an earlier level",
          "[page_status]") {
  ReviewFixture fx;
  fx.write_roster({fx.reviewer_table("both", fx.outsider, "\"初审\", \"终审\"")});
  fx.review("初审", &fx.outsider);
  fx.review("复审", &fx.head);
  auto report = status_of(fx);
  const PageStatus& s = page(report);
  REQUIRE(s.next_level);
  CHECK(ids(s.next_reviewers) == std::vector<std::string>{"leader"});
}

TEST_CASE("status counts levels only in chain order, so a 复审 before the 初审 does not count",
          "[page_status]") {
  ReviewFixture fx;
  fx.review("复审", &fx.head);
  fx.review("初审", &fx.editor);
  auto report = status_of(fx);
  const PageStatus& s = page(report);
  REQUIRE(s.next_level);
  CHECK(*s.next_level == "复审");
  CHECK(s.levels[0].approval);
  CHECK_FALSE(s.levels[1].approval);
}

TEST_CASE("status shows an edited page's older approved version as live with fallback",
          "[page_status]") {
  ReviewFixture fx;
  fx.approve_fully();
  std::string old_blob = fx.repo.blob(kPage);
  fx.repo.write(kPage, ReviewFixture::page("关于开展春季森林防火检查的通知", "截止时间改为4月中旬。"));
  fx.repo.commit("编辑修改\n");
  auto report = status_of(fx);
  const PageStatus& s = page(report);
  CHECK(s.blob != old_blob);
  CHECK(s.state == PageState::kPending);
  CHECK(s.live == LiveState::kFallback);
  CHECK(s.live_blob == old_blob);
  CHECK(s.live_approvals.size() == 3);
  REQUIRE(s.next_level);
  CHECK(*s.next_level == "初审");
  std::string text = status_text(report, false);
  CHECK(text.find("旧版本 " + old_blob.substr(0, 10)) != std::string::npos);
  CHECK(text.find("git diff " + old_blob.substr(0, 10)) != std::string::npos);
}

TEST_CASE("status shows a returned page as returned, with no next level", "[page_status]") {
  ReviewFixture fx;
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head, kPage, "return");
  auto report = status_of(fx);
  const PageStatus& s = page(report);
  CHECK(s.state == PageState::kReturned);
  CHECK(has_reason(s, "review.returned"));
  REQUIRE(s.returns.size() == 1);
  CHECK(s.returns[0].reviewer_id == "head");
  CHECK_FALSE(s.next_level);
  CHECK(status_text(report, false).find("复审退回") != std::string::npos);
}

TEST_CASE("status lists a review by a key outside the roster as invalid with its reason",
          "[page_status]") {
  ReviewFixture fx;
  fx.review("初审", &fx.outsider);
  auto report = status_of(fx);
  const PageStatus& s = page(report);
  REQUIRE(s.invalid.size() == 1);
  REQUIRE(s.invalid[0].invalid);
  CHECK(s.invalid[0].invalid->rule == "review.unknown-key");
  CHECK(*s.next_level == "初审");
}

TEST_CASE("status reports the check state and blocks a page with an error finding",
          "[page_status]") {
  ReviewFixture fx;
  fx.repo.write(kPage, ReviewFixture::page("公示", "联系人身份证号：110101199001011237。"));
  fx.repo.commit("编辑\n");
  fx.approve_fully();
  auto report = status_of(fx);
  const PageStatus& s = page(report);
  CHECK(s.state == PageState::kBlocked);
  REQUIRE(s.findings.size() == 1);
  CHECK(s.findings[0].rule == "pii.id-card");
  std::string json = status_json(report);
  CHECK(json.find("110101199001011237") == std::string::npos);
  CHECK(status_text(report, false).find("110101199001011237") == std::string::npos);
}

TEST_CASE("status JSON carries the documented keys for every page", "[page_status]") {
  ReviewFixture fx;
  fx.approve_fully();
  auto j = nlohmann::json::parse(status_json(status_of(fx)));
  for (const char* key : {"revision", "summary", "pages"}) CHECK(j.contains(key));
  CHECK(j["summary"]["approved"] == 1);
  REQUIRE(j["pages"].size() == 1);
  const auto& p = j["pages"][0];
  for (const char* key : {"path", "section", "title", "class", "topics", "blob", "state",
                          "required_levels", "levels", "next_level", "next_reviewers", "returns",
                          "invalid", "reasons", "checks", "live"})
    CHECK(p.contains(key));
  CHECK(p["state"] == "approved");
  CHECK(p["live"]["state"] == "current");
  CHECK(p["checks"]["errors"] == 0);
  const auto& review = p["levels"][0]["review"];
  for (const char* key : {"commit", "level", "decision", "reviewer", "fingerprint", "time",
                          "time_local", "opinion", "waivers"})
    CHECK(review.contains(key));
  CHECK(review["reviewer"]["id"] == "editor");
  CHECK(review["fingerprint"] == fx.editor.fingerprint);
}

TEST_CASE("status filters by page or directory and refuses a path with no page", "[page_status]") {
  ReviewFixture fx;
  CHECK(status_of(fx, {"content/tzgg/"}).pages.size() == 1);
  GateOptions o;
  o.repo_path = fx.repo.path();
  o.insecure_no_introduction = true;
  o.no_cache = true;
  NullReporter reporter;
  auto gate = Gate::open(o, real_file_system(), reporter);
  REQUIRE(gate);
  auto report = collect_status(**gate, {"content/tzgg/missing.md"});
  REQUIRE_FALSE(report);
  CHECK(report.error().rule == "page.invalid");
}
