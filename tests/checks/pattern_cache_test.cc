#include "core/checks/pattern_cache.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/checks/content_checker.h"
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

namespace fs = std::filesystem;

std::vector<fs::path> cache_files(const std::string& dir) {
  std::vector<fs::path> out;
  for (const auto& f : fs::directory_iterator(dir)) out.push_back(f.path());
  return out;
}

}  // namespace

TEST_CASE("the compiled patterns are cached and reused while the rules are unchanged",
          "[checks]") {
  TempDir dir;
  CheckerConfig config;
  config.rule_files = {{"banned.txt", "赌博\n"}};
  config.cache_dir = dir.path() + "/cache";
  auto first = ContentChecker::create(config);
  REQUIRE(first);
  CHECK_FALSE((*first)->patterns_from_cache());
  REQUIRE(cache_files(config.cache_dir).size() == 1);

  auto second = ContentChecker::create(config);
  REQUIRE(second);
  CHECK((*second)->patterns_from_cache());
  CHECK((*second)->check("a.md", "网上赌博").size() == 1);

  config.rule_files["banned.txt"] = "赌博\n六合彩\n";
  auto changed = ContentChecker::create(config);
  REQUIRE(changed);
  CHECK_FALSE((*changed)->patterns_from_cache());
  CHECK(cache_files(config.cache_dir).size() == 2);
}

TEST_CASE("a corrupt cache file is recompiled and replaced", "[checks]") {
  TempDir dir;
  const std::vector<Literal> literals = {{"赌博", false}};
  bool from_cache = true;
  REQUIRE(cached_pattern_set(literals, dir.path(), from_cache));
  CHECK_FALSE(from_cache);
  const fs::path file = cache_files(dir.path()).at(0);
  for (const std::string& damage : {std::string("x"), std::string(), std::string("\0\0\0", 3)}) {
    std::string content = read_file(file.string());
    content[content.size() / 2] ^= 0x5A;  // flip bits in the payload
    write_file(file.string(), damage.empty() ? content : content.substr(0, 80) + damage);
    auto set = cached_pattern_set(literals, dir.path(), from_cache);
    REQUIRE(set);
    CHECK_FALSE(from_cache);
    CHECK(set->scan("网上赌博").size() == 1);
    REQUIRE(cached_pattern_set(literals, dir.path(), from_cache));
    CHECK(from_cache);  // the replacement is good
  }
}

TEST_CASE("an unwritable cache directory still gives a working set", "[checks]") {
  bool from_cache = true;
  auto set = cached_pattern_set({{"赌博", false}}, "/proc/sanshen-no-such-dir", from_cache);
  REQUIRE(set);
  CHECK_FALSE(from_cache);
  CHECK(set->scan("赌博").size() == 1);
}

}  // namespace sanshen
