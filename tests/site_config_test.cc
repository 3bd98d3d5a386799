#include "core/site_config.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/config_cases.h"
#include "tests/support/test_env.h"

namespace sanshen {
namespace {

constexpr const char* kPath = ".sanshen/site.toml";

// tests/cases/site_config/*.toml: the first line is `# expect: ok` or
// `# expect: error LINE:COL TEXT` (0:0 when the error has no position; TEXT must appear in the
// message); the whole file, comment included, is the site.toml.
TEST_CASE("every site config fixture parses to its expected outcome", "[site_config]") {
  for (const auto& file : testing::config_case_files("site_config", 10)) {
    std::string text = testing::read_file(file);
    auto site = parse_site_config(text, kPath);
    testing::check_config_case(file, text, site ? nullptr : &site.error(), kPath);
  }
}

TEST_CASE("a site config keeps every footer field and normalizes base_url", "[site_config]") {
  auto site = parse_site_config(
      testing::read_file(testing::source_dir() + "/tests/cases/site_config/ok-full.toml"), kPath);
  REQUIRE(site.ok());
  CHECK(site->title == "青山县人民政府");
  CHECK(site->base_url == "https://www.qingshan.gov.cn/");
  CHECK(site->host == "青山县人民政府办公室");
  CHECK(site->operator_ == "青山县大数据中心");
  CHECK(site->contact == "0771-1234567");
  CHECK(site->site_code == "4501230001");
  CHECK(site->icp == "桂ICP备12345678号");
  CHECK(site->police == "桂公网安备 45012302000123号");
}

TEST_CASE("optional site fields default to empty, 找错 to the national platform, base_url keeps its slash",
          "[site_config]") {
  auto site = parse_site_config(
      "title = \"青山县\"\nhost = \"青山县政府办\"\nbase_url = \"https://x.gov.cn/qs/\"\n"
      "site_code = \"4501230001\"\nicp = \"桂ICP备12345678号\"\n",
      kPath);
  REQUIRE(site.ok());
  CHECK(site->base_url == "https://x.gov.cn/qs/");
  CHECK(site->operator_.empty());
  CHECK(site->police.empty());
  CHECK(site->report_url == kDefaultReportUrl);
  CHECK(site->conac_url.empty());
  CHECK(site->conac_image.empty());
}

TEST_CASE("a site config keeps the 找错 link and the 党政机关网站标识 badge", "[site_config]") {
  auto site = parse_site_config(
      testing::read_file(testing::source_dir() + "/tests/cases/site_config/ok-conac.toml"), kPath);
  REQUIRE(site.ok());
  CHECK(site->site_code == "bm45000001");
  CHECK(site->conac_url == "https://bszs.conac.cn/sitename?method=show&id=0000");
  CHECK(site->conac_image == "assets/img/dzjg.png");
}

}  // namespace
}  // namespace sanshen
