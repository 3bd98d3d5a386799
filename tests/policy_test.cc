#include "core/policy.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/config_cases.h"
#include "tests/support/test_env.h"

namespace sanshen {
namespace {

constexpr const char* kPath = ".sanshen/policy.toml";

using Levels = std::vector<std::string>;

Policy design_example() {
  auto policy = parse_policy(
      testing::read_file(testing::source_dir() + "/tests/cases/policy/ok-design-example.toml"),
      kPath);
  REQUIRE(policy.ok());
  return *policy;
}

// tests/cases/policy/*.toml: the first line is `# expect: ok` or `# expect: error LINE:COL TEXT`
// (TEXT must appear in the message); the whole file, comment included, is the policy.
TEST_CASE("every policy fixture parses to its expected outcome", "[policy]") {
  for (const auto& file : testing::config_case_files("policy", 15)) {
    std::string text = testing::read_file(file);
    auto policy = parse_policy(text, kPath);
    testing::check_config_case(file, text, policy ? nullptr : &policy.error(), kPath);
  }
}

TEST_CASE("the design example policy keeps every setting", "[policy]") {
  Policy p = design_example();
  CHECK(p.base_levels == Levels{"初审", "复审", "终审"});
  CHECK(p.backdate_tolerance_hours == 24);
  CHECK(p.class_levels.at("特级") == Levels{"主要领导"});
  CHECK(p.topic_levels.at("预决算") == Levels{"主要领导"});
  CHECK(p.topic_levels.at("人事任免") == Levels{"保密审查"});
  CHECK(p.severity.at("pii.mobile") == Severity::kError);
  CHECK(p.severity.at("text.typo") == Severity::kOff);
  CHECK(p.link_allow == Levels{"gov.cn"});
  CHECK(p.link_deny == Levels{"example-casino.com"});  // domains compare in lowercase
  CHECK(p.repost_sources == Levels{"people.com.cn", "news.cn", "xinhuanet.com", "gov.cn"});
}

TEST_CASE("an empty policy file means the default three-level chain", "[policy]") {
  auto p = parse_policy("", kPath);
  REQUIRE(p.ok());
  CHECK(p->base_levels == Levels{"初审", "复审", "终审"});
  CHECK(p->backdate_tolerance_hours == 24);
  CHECK(p->known_levels() == Levels{"初审", "复审", "终审"});
  CHECK(p->required_levels("特级", {"预决算"}) == Levels{"初审", "复审", "终审"});
}

TEST_CASE("required levels append class then topic levels in order without repeats", "[policy]") {
  Policy p = design_example();
  CHECK(p.required_levels("一般", {}) == Levels{"初审", "复审", "终审"});
  CHECK(p.required_levels("特级", {}) == Levels{"初审", "复审", "终审", "主要领导"});
  CHECK(p.required_levels("一般", {"人事任免", "预决算"}) ==
        Levels{"初审", "复审", "终审", "保密审查", "主要领导"});
  CHECK(p.required_levels("特级", {"预决算", "人事任免", "舆情"}) ==
        Levels{"初审", "复审", "终审", "主要领导", "保密审查"});
}

TEST_CASE("known levels list the base chain first, then every added level once", "[policy]") {
  Levels known = design_example().known_levels();
  REQUIRE(known.size() == 5);
  CHECK(Levels(known.begin(), known.begin() + 3) == Levels{"初审", "复审", "终审"});
  CHECK(std::count(known.begin(), known.end(), "主要领导") == 1);
  CHECK(std::count(known.begin(), known.end(), "保密审查") == 1);
}

TEST_CASE("a custom base chain replaces the default one", "[policy]") {
  auto p = parse_policy("[review]\nlevels = [\"初审\", \"终审\"]\nbackdate_tolerance_hours = 0\n",
                        kPath);
  REQUIRE(p.ok());
  CHECK(p->base_levels == Levels{"初审", "终审"});
  CHECK(p->backdate_tolerance_hours == 0);
  CHECK(p->required_levels("一般", {}) == Levels{"初审", "终审"});
}

}  // namespace
}  // namespace sanshen
