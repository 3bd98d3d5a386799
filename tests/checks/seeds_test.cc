// The source regulations in shared/seeds/ through the checker with the example's rule pack and
// policy: real government prose must not be refused, and the spam injected at the end of 003
// must be.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/checks/content_checker.h"
#include "core/policy.h"

namespace sanshen {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::unique_ptr<ContentChecker> example_checker() {
  const fs::path sanshen = fs::path(SANSHEN_SOURCE_DIR) / "content-example/.sanshen";
  std::map<std::string, std::string> rules;
  for (const auto& f : fs::directory_iterator(sanshen / "rules"))
    rules[f.path().filename().string()] = read_all(f.path());
  auto policy = parse_policy(read_all(sanshen / "policy.toml"), ".sanshen/policy.toml");
  REQUIRE(policy);
  auto checker = ContentChecker::create(rules, *policy);
  INFO((checker ? "" : checker.error().describe()));
  REQUIRE(checker);
  return std::move(*checker);
}

fs::path seed(std::string_view prefix) {
  for (const auto& f : fs::directory_iterator(fs::path(SANSHEN_SOURCE_DIR) / "../shared/seeds"))
    if (f.path().filename().string().starts_with(prefix)) return f.path();
  FAIL("no seed " << prefix);
  return {};
}

}  // namespace

TEST_CASE("the clean source regulations give no error finding", "[checks]") {
  const auto checker = example_checker();
  for (const char* prefix : {"000_", "001_", "002_", "004_"}) {
    const fs::path path = seed(prefix);
    const std::string text = read_all(path);
    INFO(path.filename().string());
    for (const Finding& f : checker->check(path.filename().string(), text)) {
      UNSCOPED_INFO(f.describe());
      CHECK(f.severity != Severity::kError);
    }
  }
}

TEST_CASE("the spam injected at the end of seed 003 is caught in its last lines", "[checks]") {
  const auto checker = example_checker();
  const fs::path path = seed("003_");
  const std::string text = read_all(path);
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  int errors = 0;
  bool banned = false, links = false;
  for (const Finding& f : checker->check("003.txt", text)) {
    UNSCOPED_INFO(f.describe());
    if (f.severity != Severity::kError) {
      links = links || f.rule == "links.external";
      continue;
    }
    ++errors;
    banned = banned || f.rule == "words.banned";
    CHECK(f.line >= lines - 1);  // the spam line and nothing of the notice above it
  }
  CHECK(errors >= 3);
  CHECK(banned);
  CHECK(links);
}

}  // namespace sanshen
