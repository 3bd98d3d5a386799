#include "core/roster.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/config_cases.h"
#include "tests/support/test_env.h"

namespace sanshen {
namespace {

constexpr const char* kPath = ".sanshen/reviewers.toml";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

struct Keys {
  testing::TempDir dir;
  testing::TestKey one = testing::make_ssh_key(dir.path(), "zhangwei");
  testing::TestKey two = testing::make_ssh_key(dir.path(), "lina", "ecdsa-256");

  // Fixtures name keys @KEY1@ and @KEY2@; real keys are generated per run.
  std::string fill(const std::string& text) const {
    return replace_all(replace_all(text, "@KEY1@", one.public_line), "@KEY2@", two.public_line);
  }
};

// tests/cases/roster/*.toml: the first line is `# expect: ok` or `# expect: error LINE:COL TEXT`
// (TEXT must appear in the message); the whole file, comment included, is the roster.
TEST_CASE("every roster fixture parses to its expected outcome", "[roster]") {
  Keys keys;
  for (const auto& file : testing::config_case_files("roster", 15)) {
    std::string text = keys.fill(testing::read_file(file));
    auto roster = parse_roster(text, kPath);
    testing::check_config_case(file, text, roster ? nullptr : &roster.error(), kPath);
  }
}

TEST_CASE("a roster keeps each reviewer's identity, keys, levels, sections, roles and status",
          "[roster]") {
  Keys keys;
  auto roster =
      parse_roster(keys.fill(testing::read_file(testing::source_dir() +
                                                "/tests/cases/roster/ok-design-example.toml")),
                   kPath);
  REQUIRE(roster.ok());
  REQUIRE(roster->reviewers.size() == 2);

  const Reviewer& zhang = roster->reviewers[0];
  CHECK(zhang.id == "zhangwei");
  CHECK(zhang.name == "张伟");
  CHECK(zhang.title == "办公室主任");
  REQUIRE(zhang.keys.size() == 1);
  CHECK(zhang.keys[0].type == "ssh-ed25519");
  CHECK(zhang.keys[0].fingerprint == keys.one.fingerprint);
  CHECK(zhang.holds_level("复审"));
  CHECK_FALSE(zhang.holds_level("终审"));
  CHECK(zhang.covers_section("tzgg"));
  CHECK_FALSE(zhang.covers_section("gzdt"));
  CHECK(zhang.is_admin());
  CHECK(zhang.status == ReviewerStatus::kActive);

  const Reviewer& li = roster->reviewers[1];
  CHECK(li.title.empty());
  REQUIRE(li.keys.size() == 2);
  CHECK(li.keys[0].fingerprint == keys.two.fingerprint);
  CHECK(li.keys[1].type == "openpgp");
  CHECK(li.keys[1].fingerprint == "0123456789ABCDEF0123456789ABCDEF01234567");
  CHECK(li.covers_section("any-section"));  // no sections listed: all of them
  CHECK_FALSE(li.is_admin());
  CHECK(li.status == ReviewerStatus::kRetired);
}

TEST_CASE("status defaults to active and revoked is recognised", "[roster]") {
  auto roster = parse_roster(
      "[[reviewer]]\nid = \"a\"\n[[reviewer]]\nid = \"b\"\nstatus = \"revoked\"\n", kPath);
  REQUIRE(roster.ok());
  CHECK(roster->reviewers[0].status == ReviewerStatus::kActive);
  CHECK(roster->reviewers[1].status == ReviewerStatus::kRevoked);
}

TEST_CASE("find_by_fingerprint returns the key's owner or nothing", "[roster]") {
  Keys keys;
  auto roster =
      parse_roster(keys.fill(testing::read_file(testing::source_dir() +
                                                "/tests/cases/roster/ok-design-example.toml")),
                   kPath);
  REQUIRE(roster.ok());
  const Reviewer* owner = roster->find_by_fingerprint(keys.two.fingerprint);
  REQUIRE(owner != nullptr);
  CHECK(owner->id == "li.na_2");
  CHECK(roster->find_by_fingerprint(keys.one.fingerprint)->id == "zhangwei");
  // OpenPGP fingerprints match in either case, as tools print both.
  const Reviewer* pgp = roster->find_by_fingerprint("0123456789abcdef0123456789abcdef01234567");
  REQUIRE(pgp != nullptr);
  CHECK(pgp->id == "li.na_2");
  CHECK(roster->find_by_fingerprint("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") ==
        nullptr);
  CHECK(roster->find_by_fingerprint("") == nullptr);
}

}  // namespace
}  // namespace sanshen
