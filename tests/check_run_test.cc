#include "core/check_run.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/checks/rule_ids.h"
#include "core/sarif.h"
#include "tests/support/test_env.h"

namespace sanshen {
namespace {

using testing::read_file;
using testing::run;
using testing::shell_quote;
using testing::source_dir;
using testing::binary_path;
using testing::CommandResult;
using testing::TempDir;
using testing::write_file;

// A working tree with a disclosure section, a page missing its metadata, a clean page and an
// attachment with a (synthetic) ID number.
void make_tree(const std::string& root) {
  write_file(root + "/.sanshen/rules/banned.txt", "赌博\n");
  write_file(root + "/.sanshen/policy.toml", "[links]\nallow = [\"gov.cn\"]\n");
  write_file(root + "/content/xxgk/_index.md", "---\ntitle: 信息公开\nkind: xxgk\n---\n");
  write_file(root + "/content/xxgk/a.md",
             "---\ntitle: 通知\nindex_no: A-1\nissuer: 县政府\nwritten: 2025-03-03\n"
             "subject: 综合\n---\n\n网上赌博，详见[链接](https://www.example.org/)。\n");
  write_file(root + "/content/xxgk/b.md",
             "---\ntitle: 通知\nindex_no: A-2\nissuer: 县政府\nwritten: 2025-03-03\n"
             "subject: 综合\nvalidity: 有效\n---\n\n正文。\n");
  std::filesystem::copy_file(source_dir() + "/tests/cases/attachments/ids.xlsx",
                             root + "/static/ids.xlsx");
}

std::vector<std::string> rules_of(const std::vector<Finding>& findings, const std::string& path) {
  std::vector<std::string> out;
  for (const Finding& f : findings)
    if (f.path == path) out.push_back(f.rule);
  return out;
}

}  // namespace

TEST_CASE("check runs every rule on pages with their section kind and on attachments",
          "[check_run]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/static");
  make_tree(dir.path());
  CheckOptions options;
  options.repo_path = dir.path();
  auto findings = run_check(options, real_file_system());
  REQUIRE(findings);
  CHECK(rules_of(*findings, "content/xxgk/a.md") ==
        std::vector<std::string>{"meta.required", "words.banned", "links.external"});
  CHECK(rules_of(*findings, "content/xxgk/b.md").empty());
  CHECK(rules_of(*findings, "static/ids.xlsx") == std::vector<std::string>{"pii.id-card"});
}

TEST_CASE("check on named paths checks only those", "[check_run]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/static");
  make_tree(dir.path());
  CheckOptions options;
  options.repo_path = dir.path();
  options.paths = {"static/ids.xlsx"};
  auto findings = run_check(options, real_file_system());
  REQUIRE(findings);
  REQUIRE(findings->size() == 1);
  CHECK((*findings)[0].path == "static/ids.xlsx");
}

TEST_CASE("SARIF output has the 2.1.0 shape code-scanning tools read", "[check_run]") {
  const std::vector<Finding> findings = {
      {"content/a.md", 7, 3, Severity::kError, "words.banned", "禁用词「赌博」", "赌博"},
      {"content/b.md", 2, 1, Severity::kWarning, "pii.mobile", "手机号码", "138"},
      {"content/c.md", 1, 1, Severity::kError, "page.invalid", "无效", ""}};
  const auto sarif = nlohmann::json::parse(findings_sarif(findings));
  CHECK(sarif["version"] == "2.1.0");
  CHECK(sarif["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
  REQUIRE(sarif["runs"].size() == 1);
  const auto& run = sarif["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "sanshen");
  CHECK(run["columnKind"] == "unicodeCodePoints");
  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == kRules.size() + 1);  // page.invalid added for its finding
  for (const auto& r : rules) {
    CHECK(r["id"].is_string());
    CHECK(r["shortDescription"]["text"].is_string());
    const std::string level = r["defaultConfiguration"]["level"];
    CHECK((level == "error" || level == "warning"));
  }
  const auto& results = run["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["ruleId"] == "words.banned");
  CHECK(rules[results[0]["ruleIndex"].get<std::size_t>()]["id"] == "words.banned");
  CHECK(results[0]["level"] == "error");
  CHECK(results[1]["level"] == "warning");
  CHECK(results[0]["message"]["text"] == "禁用词「赌博」");
  const auto& location = results[0]["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "content/a.md");
  CHECK(location["region"]["startLine"] == 7);
  CHECK(location["region"]["startColumn"] == 3);
  CHECK(location["region"]["snippet"]["text"] == "赌博");
  CHECK(rules[results[2]["ruleIndex"].get<std::size_t>()]["id"] == "page.invalid");
}

TEST_CASE("the check command prints SARIF and exits 1 on errors", "[check_run]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/static");
  make_tree(dir.path());
  const CommandResult r = run(shell_quote(binary_path()) + " check --repo " +
                              shell_quote(dir.path()) + " --format sarif 2>/dev/null");
  CHECK(r.status == 1);
  const auto sarif = nlohmann::json::parse(r.output);
  CHECK(sarif["runs"][0]["results"].size() == 4);
}

}  // namespace sanshen
