#include "core/review_commit.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/gate.h"
#include "core/page_status.h"
#include "tests/support/build_helper.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

const std::string kPage = "content/tzgg/notice.md";
// Synthetic number: region 110101, 1990-01-01, sequence 123, GB 11643 check digit 7.
const std::string kIdCardBody = "联系人身份证号：110101199001011237。";

// Lets the real git run and keeps every command line for the test to inspect.
class RecordingRunner final : public ProcessRunner {
 public:
  std::vector<std::vector<std::string>> calls;
  Result<Output> run(const std::vector<std::string>& argv) override {
    calls.push_back(argv);
    return real_process_runner().run(argv);
  }
};

ReviewRequest request(ReviewFixture& fx, const std::string& level,
                      Decision decision = Decision::kApprove) {
  ReviewRequest r;
  r.repo_path = fx.repo.path();
  r.paths = {kPage};
  r.level = level;
  r.decision = decision;
  r.opinion = "同意。";
  return r;
}

void use_key(ReviewFixture& fx, const TestKey& key) {
  fx.repo.git("config user.signingkey " + shell_quote(key.private_path));
}

// The real binary, as a reviewer runs it from the repository. Review times are pinned near the
// fixture page's displayed date so the build's backdating rule is satisfied.
CommandResult run_sanshen(ReviewFixture& fx, const std::string& args) {
  return run("cd " + shell_quote(fx.repo.path()) +
             " && GIT_AUTHOR_DATE='2025-03-01T10:00:00+08:00'"
             " GIT_COMMITTER_DATE='2025-03-01T10:00:00+08:00' SOURCE_DATE_EPOCH=1767225600 " +
             shell_quote(binary_path()) + " " + args);
}

bool has_problem(const ReviewPlan& plan, const std::string& rule) {
  for (const auto& p : plan.pages)
    for (const auto& e : p.problems)
      if (e.rule == rule) return true;
  return false;
}

}  // namespace

TEST_CASE("review creates a signed empty commit whose trailers name the page's committed blob",
          "[review_commit]") {
  ReviewFixture fx;
  use_key(fx, fx.editor);
  const std::string before = fx.repo.head();
  RecordingRunner runner;
  auto req = request(fx, "初审");
  auto plan = plan_review(req, real_file_system(), runner);
  REQUIRE(plan);
  REQUIRE(plan->ready());
  auto made = create_review_commit(req, *plan, real_file_system(), runner);
  INFO((made ? "" : made.error().describe()));
  REQUIRE(made);
  CHECK(made->commit == fx.repo.head());
  CHECK(fx.repo.git("rev-parse HEAD^") == before);
  CHECK(fx.repo.git("rev-parse HEAD^{tree}") == fx.repo.git("rev-parse HEAD^^{tree}"));
  CHECK(made->fingerprint == fx.editor.fingerprint);
  CHECK(made->reviewer_id == "editor");
  CHECK(made->warnings.empty());

  // Signing is left to the user's git configuration: -S, and no key chosen by sanshen.
  auto commit_call = std::find_if(runner.calls.begin(), runner.calls.end(), [](const auto& argv) {
    return std::find(argv.begin(), argv.end(), "commit") != argv.end();
  });
  REQUIRE(commit_call != runner.calls.end());
  for (const char* flag : {"-S", "--allow-empty", "-F"})
    CHECK(std::find(commit_call->begin(), commit_call->end(), flag) != commit_call->end());
  for (const auto& arg : *commit_call) CHECK(arg.find("signingkey") == std::string::npos);

  std::string message = fx.repo.git("log -1 --format=%B");
  CHECK(message.starts_with("初审：关于开展春季森林防火检查的通知\n\n"));
  auto trailers = parse_review_trailers(message, {"初审", "复审", "终审"});
  REQUIRE(trailers);
  REQUIRE(*trailers);
  CHECK((*trailers)->level == "初审");
  CHECK((*trailers)->decision == Decision::kApprove);
  CHECK((*trailers)->opinion == "同意。");
  REQUIRE((*trailers)->pages.size() == 1);
  CHECK((*trailers)->pages[0].path == kPage);
  CHECK((*trailers)->pages[0].blob == fx.repo.blob(kPage));

  const std::string signers = fx.repo.keys_dir() + "/allowed_signers";
  write_file(signers, "editor namespaces=\"git\" " + fx.editor.public_line + "\n");
  CHECK(run("git -C " + shell_quote(fx.repo.path()) + " -c gpg.ssh.allowedSignersFile=" +
            shell_quote(signers) + " verify-commit HEAD").status == 0);
}

TEST_CASE("three reviews made with sanshen review let sanshen build publish the page",
          "[review_commit]") {
  ReviewFixture fx;
  const std::vector<std::pair<std::string, const TestKey*>> steps = {
      {"初审", &fx.editor}, {"复审", &fx.head}, {"终审", &fx.leader}};
  for (const auto& [level, key] : steps) {
    use_key(fx, *key);
    auto r = run_sanshen(fx, "review " + kPage + " --level " + level + " -m " + shell_quote("同意。"));
    INFO(r.output);
    REQUIRE(r.status == 0);
    CHECK(r.output.find(fx.repo.head()) != std::string::npos);
  }
  TempDir out;
  auto built = run_sanshen(fx, "build --format json --insecure-no-introduction --out " +
                               shell_quote(out.path() + "/public") + " --manifest " +
                               shell_quote(out.path() + "/provenance.json") + " 2>/dev/null");
  INFO(built.output);
  REQUIRE(built.status == 0);
  auto summary = nlohmann::json::parse(built.output);
  REQUIRE(summary["published"].size() == 1);
  CHECK(summary["published"][0]["path"] == kPage);
  CHECK(summary["published"][0]["blob"] == fx.repo.blob(kPage));
  CHECK(summary["refused"].empty());

  auto status = run_sanshen(fx, "status --insecure-no-introduction " + kPage);
  CHECK(status.status == 0);
  CHECK(status.output.find("已通过 (approved)") != std::string::npos);
}

TEST_CASE("review refuses to approve a page with an ID-card number but lets it be returned",
          "[review_commit]") {
  ReviewFixture fx;
  fx.repo.write(kPage, ReviewFixture::page("公示", kIdCardBody));
  fx.repo.commit("编辑\n");
  use_key(fx, fx.editor);
  const std::string before = fx.repo.head();

  auto refused = run_sanshen(fx, "review " + kPage + " --level 初审");
  CHECK(refused.status == 1);
  CHECK(refused.output.find("checks.failed") != std::string::npos);
  CHECK(refused.output.find("pii.id-card") != std::string::npos);
  CHECK(refused.output.find("110101199001011237") == std::string::npos);
  CHECK(fx.repo.head() == before);

  auto returned = run_sanshen(fx, "review " + kPage + " --level 初审 --return -m " +
                                  shell_quote("请删除身份证号后重新报审。"));
  INFO(returned.output);
  REQUIRE(returned.status == 0);
  CHECK(fx.repo.git("log -1 --format=%s") == "初审退回：公示");
  CHECK(fx.repo.git("log -1 --format=%B").find("Review-Decision: return") != std::string::npos);
  auto status = run_sanshen(fx, "status --insecure-no-introduction --format json");
  auto j = nlohmann::json::parse(status.output);
  CHECK(j["pages"][0]["state"] == "returned");
}

TEST_CASE("review refuses a page with uncommitted or staged changes", "[review_commit]") {
  ReviewFixture fx;
  use_key(fx, fx.editor);
  const std::string before = fx.repo.head();
  fx.repo.write(kPage, ReviewFixture::page("关于开展春季森林防火检查的通知", "改了但没提交。"));
  auto dirty = run_sanshen(fx, "review " + kPage + " --level 初审");
  CHECK(dirty.status == 1);
  CHECK(dirty.output.find("review.dirty") != std::string::npos);
  fx.repo.git("add " + kPage);
  auto staged = run_sanshen(fx, "review " + kPage + " --level 初审");
  CHECK(staged.status == 1);
  CHECK(staged.output.find("review.dirty") != std::string::npos);
  CHECK(fx.repo.head() == before);
}

TEST_CASE("a review commit leaves other staged changes out of the commit and still staged",
          "[review_commit]") {
  ReviewFixture fx;
  use_key(fx, fx.editor);
  fx.repo.write("content/tzgg/draft.md", ReviewFixture::page("草稿", "尚未完成。"));
  fx.repo.git("add content/tzgg/draft.md");
  auto r = run_sanshen(fx, "review " + kPage + " --level 初审");
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(fx.repo.git("rev-parse HEAD^{tree}") == fx.repo.git("rev-parse HEAD^^{tree}"));
  CHECK(fx.repo.git("diff --cached --name-only") == "content/tzgg/draft.md");
}

TEST_CASE("review rejects a level the policy does not name", "[review_commit]") {
  ReviewFixture fx;
  use_key(fx, fx.editor);
  auto r = run_sanshen(fx, "review " + kPage + " --level 四审");
  CHECK(r.status == 2);
  CHECK(r.output.find("review.unknown-level") != std::string::npos);
  CHECK(r.output.find("初审、复审、终审") != std::string::npos);
}

TEST_CASE("review refuses to approve at a level the page does not require", "[review_commit]") {
  ReviewFixture fx;
  auto plan = plan_review(request(fx, "主要领导"), real_file_system(), real_process_runner());
  REQUIRE(plan);
  CHECK(has_problem(*plan, "review.level-not-required"));
}

TEST_CASE("review fails with a clear message when no ssh signing key is configured",
          "[review_commit]") {
  ReviewFixture fx;
  const std::string before = fx.repo.head();
  auto r = run("cd " + shell_quote(fx.repo.path()) + " && HOME=" +
               shell_quote(fx.repo.keys_dir()) + " GIT_CONFIG_NOSYSTEM=1 " +
               shell_quote(binary_path()) + " review " + kPage + " --level 初审");
  CHECK(r.status == 2);
  CHECK(r.output.find("review.signing") != std::string::npos);
  CHECK(r.output.find("user.signingkey") != std::string::npos);
  CHECK(fx.repo.head() == before);
}

TEST_CASE("review refuses before committing when the configured key cannot give the review",
          "[review_commit]") {
  ReviewFixture fx;
  const std::string before = fx.repo.head();
  use_key(fx, fx.outsider);
  auto outsider = run_sanshen(fx, "review " + kPage + " --level 初审");
  CHECK(outsider.status == 2);
  CHECK(outsider.output.find("review.unknown-key") != std::string::npos);
  use_key(fx, fx.editor);
  auto wrong_level = run_sanshen(fx, "review " + kPage + " --level 复审");
  CHECK(wrong_level.status == 2);
  CHECK(wrong_level.output.find("review.not-authorized") != std::string::npos);
  CHECK(wrong_level.output.find("editor 没有复审权限") != std::string::npos);
  CHECK(fx.repo.head() == before);
}

TEST_CASE("review names the signer of the new commit and warns when the key is not in the roster",
          "[review_commit]") {
  ReviewFixture fx;
  // A key file without its .pub beside it: the key is known only from the signature.
  const std::string bare = fx.repo.keys_dir() + "/bare";
  run_ok("cp " + shell_quote(fx.outsider.private_path) + " " + shell_quote(bare) + " && chmod 600 " +
         shell_quote(bare));
  fx.repo.git("config user.signingkey " + shell_quote(bare));
  auto req = request(fx, "初审");
  auto plan = plan_review(req, real_file_system(), real_process_runner());
  REQUIRE(plan);
  auto made = create_review_commit(req, *plan, real_file_system(), real_process_runner());
  INFO((made ? "" : made.error().describe()));
  REQUIRE(made);
  CHECK(made->fingerprint == fx.outsider.fingerprint);
  CHECK(made->reviewer_id.empty());
  REQUIRE(made->warnings.size() == 1);
  CHECK(made->warnings[0].find("review.unknown-key") != std::string::npos);
}

TEST_CASE("a final approval long after the page's displayed date warns of time.backdated",
          "[review_commit]") {
  ReviewFixture fx;
  use_key(fx, fx.leader);
  // The fixture page shows 2025-03-01 09:00; this commit is signed at the real, later time.
  auto req = request(fx, "终审");
  auto plan = plan_review(req, real_file_system(), real_process_runner());
  REQUIRE(plan);
  auto made = create_review_commit(req, *plan, real_file_system(), real_process_runner());
  REQUIRE(made);
  CHECK(made->reviewer_id == "leader");
  REQUIRE(made->warnings.size() == 1);
  CHECK(made->warnings[0].find("time.backdated") != std::string::npos);
}

TEST_CASE("a waiver is accepted only at the page's final level and only for a real finding",
          "[review_commit]") {
  ReviewFixture fx;
  fx.repo.write(kPage, ReviewFixture::page("公示", kIdCardBody));
  fx.repo.commit("编辑\n");
  auto waived = [&](const std::string& level, const std::string& option) {
    auto req = request(fx, level);
    auto w = parse_waiver_option(option);
    REQUIRE(w);
    req.waivers = {*w};
    auto plan = plan_review(req, real_file_system(), real_process_runner());
    REQUIRE(plan);
    return std::move(*plan);
  };
  auto final_level = waived("终审", "pii.id-card:" + kPage + ":6");
  CHECK(final_level.ready());
  CHECK(final_level.message.find("Review-Waive: pii.id-card " + kPage + ":6") != std::string::npos);
  CHECK(has_problem(waived("初审", "pii.id-card:" + kPage), "review.waive"));
  CHECK(has_problem(waived("终审", "pii.bank-card:" + kPage), "review.waive"));
  CHECK(has_problem(waived("终审", "pii.id-card:" + kPage + ":2"), "checks.failed"));
}

TEST_CASE("review parses --waive as rule:path[:line]", "[review_commit]") {
  auto w = parse_waiver_option("pii.mobile:content/tzgg/a.md:12");
  REQUIRE(w);
  CHECK(w->rule == "pii.mobile");
  CHECK(w->path == "content/tzgg/a.md");
  CHECK(w->line == 12);
  auto whole = parse_waiver_option("pii.mobile:content/tzgg/a.md");
  REQUIRE(whole);
  CHECK(whole->line == 0);
  CHECK_FALSE(parse_waiver_option("pii.mobile"));
  CHECK_FALSE(parse_waiver_option(":content/a.md"));
  CHECK_FALSE(parse_waiver_option("pii.mobile:content/a.md:x"));
}

TEST_CASE("a batch review names every page and is refused as a whole when one page is not clean",
          "[review_commit]") {
  ReviewFixture fx;
  fx.repo.write("content/tzgg/second.md", ReviewFixture::page("第二篇", "正文。"));
  fx.repo.commit("新增\n");
  auto req = request(fx, "初审");
  req.paths = {kPage, "content/tzgg/second.md"};
  auto plan = plan_review(req, real_file_system(), real_process_runner());
  REQUIRE(plan);
  REQUIRE(plan->ready());
  CHECK(plan->message.starts_with("初审：2 个页面\n\n"));
  CHECK(plan->message.find("Review-Page: content/tzgg/second.md " +
                           fx.repo.blob("content/tzgg/second.md")) != std::string::npos);

  fx.repo.write("content/tzgg/second.md", ReviewFixture::page("第二篇", kIdCardBody));
  fx.repo.commit("修改\n");
  auto bad = plan_review(req, real_file_system(), real_process_runner());
  REQUIRE(bad);
  CHECK_FALSE(bad->ready());
  CHECK(bad->pages[0].problems.empty());
  CHECK(has_problem(*bad, "checks.failed"));
}
