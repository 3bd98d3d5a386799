#include "core/review_chain.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "core/file_system.h"
#include "core/git_repo.h"
#include "core/history.h"
#include "core/policy.h"
#include "core/roster.h"
#include "tests/support/review_fixture.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

const std::string kPage = "content/tzgg/notice.md";
const std::vector<std::string> kBase = {"初审", "复审", "终审"};

struct Evaluated {
  ChainVerdict verdict;
  std::vector<std::string> rules() const {
    std::vector<std::string> out;
    for (const auto& r : verdict.reasons) out.push_back(r.rule);
    return out;
  }
  bool has(const std::string& rule) const {
    auto r = rules();
    return std::find(r.begin(), r.end(), rule) != r.end();
  }
};

// The gate's passes over a fixture repository at HEAD, trusting its whole history.
struct Gate {
  std::unique_ptr<Repository> repo;
  std::string tip;
  std::optional<History> history;
  std::optional<ReviewLedger> ledger;

  explicit Gate(ReviewFixture& fx) {
    auto opened = open_repository(fx.repo.path());
    REQUIRE(opened);
    repo = std::move(*opened);
    tip = *repo->resolve_commit("HEAD");
    auto roster_text = repo->read_blob(**repo->blob_at(tip, ".sanshen/reviewers.toml"));
    REQUIRE(roster_text);
    auto roster = parse_roster(*roster_text, ".sanshen/reviewers.toml");
    REQUIRE(roster);
    NullReporter reporter;
    auto read = History::read(*repo, tip, reporter);
    REQUIRE(read);
    history = std::move(*read);
    Policy policy;
    policy.class_levels["特级"] = {"主要领导"};
    TrustRegion everything;
    everything.everything = true;
    SignatureCache signatures = SignatureCache::load(real_file_system(), "");
    RosterCache rosters(*repo);
    auto collected =
        ReviewLedger::collect(*repo, *history, everything, policy, *roster, signatures, rosters);
    REQUIRE(collected);
    ledger = std::move(*collected);
  }
};

Evaluated evaluate(ReviewFixture& fx, const std::string& path = kPage,
                   const std::vector<std::string>& levels = kBase) {
  Gate gate(fx);
  auto blob = gate.repo->blob_at(gate.tip, path);
  REQUIRE(blob);
  REQUIRE(*blob);
  Evaluated e{evaluate_chain(*gate.ledger, *gate.history, path, **blob, levels)};
  INFO("reasons:");
  for (const auto& r : e.verdict.reasons) UNSCOPED_INFO(r.rule << ": " << r.message);
  return e;
}

}  // namespace

TEST_CASE("a page with 初审, 复审 and 终审 by three authorized keys in order is approved",
          "[review_chain]") {
  ReviewFixture fx;
  fx.approve_fully();
  auto e = evaluate(fx);
  CHECK(e.verdict.approved);
  REQUIRE(e.verdict.approvals.size() == 3);
  CHECK(e.verdict.approvals[0].reviewer_id == "editor");
  CHECK(e.verdict.approvals[1].reviewer_id == "head");
  CHECK(e.verdict.approvals[2].reviewer_id == "leader");
  CHECK(e.verdict.approvals[2].fingerprint == fx.leader.fingerprint);
}

TEST_CASE("a page without its final level is refused with review.missing-level naming 终审",
          "[review_chain]") {
  ReviewFixture fx;
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  REQUIRE(e.has("review.missing-level"));
  CHECK(e.verdict.reasons[0].message.find("终审") != std::string::npos);
}

TEST_CASE("an unsigned review commit counts for nothing", "[review_chain]") {
  ReviewFixture fx;
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  fx.review("终审", nullptr);
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.unsigned"));
  CHECK(e.has("review.missing-level"));
}

TEST_CASE("a review signed by a key outside the roster is review.unknown-key", "[review_chain]") {
  ReviewFixture fx;
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  fx.review("终审", &fx.outsider);
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.unknown-key"));
}

TEST_CASE("the author name of a commit does not make it count as the named reviewer",
          "[review_chain]") {
  ReviewFixture fx;
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  fx.repo.git("config user.name leader");
  fx.repo.git("config user.email leader@example.gov.cn");
  fx.review("终审", &fx.outsider);
  CHECK_FALSE(evaluate(fx).verdict.approved);
}

TEST_CASE("a reviewer approving a level they do not hold is review.not-authorized",
          "[review_chain]") {
  ReviewFixture fx;
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  fx.review("终审", &fx.head);  // head holds 复审 only
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.not-authorized"));
}

TEST_CASE("one person may not approve two levels of the same blob", "[review_chain]") {
  ReviewFixture fx;
  // The editor is given 终审 too; approving both 初审 and 终审 is still refused.
  fx.repo.write(".sanshen/reviewers.toml",
                ReviewFixture::roster_toml(
                    {fx.reviewer_table("admin", fx.admin, "", "roles = [\"admin\"]\n"),
                     fx.reviewer_table("editor", fx.editor, "\"初审\", \"终审\""),
                     fx.reviewer_table("head", fx.head, "\"复审\""),
                     fx.reviewer_table("leader", fx.leader, "\"终审\"")}));
  fx.repo.commit("名册：编辑兼任终审\n", &fx.admin);
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  fx.review("终审", &fx.editor);
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.same-person"));

  // A proper 终审 by the leader completes the chain.
  fx.review("终审", &fx.leader);
  CHECK(evaluate(fx).verdict.approved);
}

TEST_CASE("复审 that does not descend from 初审 is review.order", "[review_chain]") {
  ReviewFixture fx;
  fx.repo.git("checkout -q -b second");
  fx.review("复审", &fx.head);
  fx.repo.git("checkout -q main");
  fx.review("初审", &fx.editor);
  fx.repo.git("-c user.name=x -c user.email=x@x merge -q --no-ff --no-edit second");
  fx.review("终审", &fx.leader);
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.order"));
}

TEST_CASE("a review naming a blob other than the one in its own tree is review.blob-mismatch",
          "[review_chain]") {
  ReviewFixture fx;
  std::string wrong = fx.repo.blob(".sanshen/site.toml");
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  fx.review("终审", &fx.leader, kPage, "approve", wrong);
  Gate gate(fx);
  const auto& attempts = gate.ledger->attempts(kPage, wrong);
  REQUIRE(attempts.size() == 1);
  REQUIRE(attempts[0].invalid);
  CHECK(attempts[0].invalid->rule == "review.blob-mismatch");
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.missing-level"));
}

TEST_CASE("a returned blob stays refused even after later approvals", "[review_chain]") {
  ReviewFixture fx;
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head, kPage, "return");
  fx.review("复审", &fx.head);
  fx.review("终审", &fx.leader);
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.returned"));
}

TEST_CASE("an approval of an older blob does not approve the edited page", "[review_chain]") {
  ReviewFixture fx;
  fx.approve_fully();
  fx.repo.write(kPage, ReviewFixture::page("关于开展春季森林防火检查的通知", "内容已修改。"));
  fx.repo.commit("编辑修改\n");
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.missing-level"));
}

TEST_CASE("escalated pages need the extra level after the base chain", "[review_chain]") {
  ReviewFixture fx;
  TestKey chief = make_ssh_key(fx.repo.keys_dir(), "chief");
  fx.write_roster({fx.reviewer_table("chief", chief, "\"主要领导\"")});
  fx.approve_fully();
  const std::vector<std::string> levels = {"初审", "复审", "终审", "主要领导"};
  auto e = evaluate(fx, kPage, levels);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.missing-level"));
  fx.review("主要领导", &chief);
  CHECK(evaluate(fx, kPage, levels).verdict.approved);
}

TEST_CASE("a malformed trailer block is review.trailer-syntax for the page it names",
          "[review_chain]") {
  ReviewFixture fx;
  fx.review("初审", &fx.editor);
  fx.review("复审", &fx.head);
  std::string blob = fx.repo.blob(kPage);
  fx.repo.commit("终审\n\nReview-Level: 终审\nReview-Level: 终审\nReview-Page: " + kPage + " " +
                     blob + "\nReview-Decision: approve\n",
                 &fx.leader);
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.trailer-syntax"));
}

TEST_CASE("a reviewer whose section list does not cover the page is not authorized",
          "[review_chain]") {
  ReviewFixture fx;
  fx.repo.write(".sanshen/reviewers.toml",
                ReviewFixture::roster_toml(
                    {fx.reviewer_table("admin", fx.admin, "", "roles = [\"admin\"]\n"),
                     fx.reviewer_table("editor", fx.editor, "\"初审\""),
                     fx.reviewer_table("head", fx.head, "\"复审\"", "sections = [\"xxgk\"]\n"),
                     fx.reviewer_table("leader", fx.leader, "\"终审\"")}));
  fx.repo.commit("名册：限定栏目\n", &fx.admin);
  fx.approve_fully();
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.not-authorized"));
}

TEST_CASE("a key revoked at the build revision voids its earlier approvals", "[review_chain]") {
  ReviewFixture fx;
  fx.approve_fully();
  fx.repo.write(".sanshen/reviewers.toml",
                ReviewFixture::roster_toml(
                    {fx.reviewer_table("admin", fx.admin, "", "roles = [\"admin\"]\n"),
                     fx.reviewer_table("editor", fx.editor, "\"初审\""),
                     fx.reviewer_table("head", fx.head, "\"复审\""),
                     fx.reviewer_table("leader", fx.leader, "\"终审\"", "status = \"revoked\"\n")}));
  fx.repo.commit("名册：吊销泄露的密钥\n", &fx.admin);
  auto e = evaluate(fx);
  CHECK_FALSE(e.verdict.approved);
  CHECK(e.has("review.revoked-key"));
}
