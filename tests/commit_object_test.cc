#include "core/commit_object.h"

#include <random>

#include <catch2/catch.hpp>

#include "core/signature.h"
#include "tests/support/test_env.h"

namespace sanshen {
namespace {

using testing::shell_quote;

// TestRepo::git trims its output, which would change the object; read it byte for byte.
std::string raw_object(testing::TestRepo& repo, const std::string& id) {
  return testing::run_ok("git -C " + shell_quote(repo.path()) + " cat-file commit " + id);
}

// Writes raw as a commit object without any validation, as an attacker could.
std::string write_object(testing::TestRepo& repo, const std::string& raw) {
  std::string file = repo.path() + "/.git/RAW_OBJECT";
  testing::write_file(file, raw);
  std::string id = testing::run_ok("git -C " + shell_quote(repo.path()) +
                                   " hash-object -t commit -w --literally " + shell_quote(file));
  return id.substr(0, 40);
}

// The object with its gpgsig header (first line and continuation lines) cut out by hand.
std::string without_gpgsig(const std::string& raw) {
  size_t start = raw.find("\ngpgsig ");
  REQUIRE(start != std::string::npos);
  size_t end = raw.find("\n -----END SSH SIGNATURE-----\n", start);
  REQUIRE(end != std::string::npos);
  return raw.substr(0, start + 1) + raw.substr(end + 30);
}

TEST_CASE("an unsigned commit parses into tree, parent, author, committer and message",
          "[commit_object]") {
  testing::TestRepo repo;
  repo.write("a.md", "一\n");
  std::string first = repo.commit("first\n");
  std::string tree = repo.git("rev-parse HEAD^{tree}");
  std::string dated = testing::run_ok(
      "cd " + shell_quote(repo.path()) +
      " && GIT_AUTHOR_DATE='1700000000 +0800' GIT_COMMITTER_DATE='1700000123 -0530' "
      "git -c user.name='张 伟' -c user.email=zw@example.gov.cn commit-tree " + tree + " -p " + first +
      " -m '第二次提交'");
  std::string raw = raw_object(repo, dated.substr(0, 40));

  auto c = parse_commit_object(raw);
  INFO((c ? std::string() : c.error().describe()));
  REQUIRE(c.ok());
  CHECK(c->tree == tree);
  CHECK(c->parents == std::vector<std::string>{first});
  CHECK(c->author.name == "张 伟");
  CHECK(c->author.email == "zw@example.gov.cn");
  CHECK(c->author.time == 1700000000);
  CHECK(c->author.tz_offset_min == 480);
  CHECK(c->committer.time == 1700000123);
  CHECK(c->committer.tz_offset_min == -330);
  CHECK(c->message == "第二次提交\n");
  CHECK(c->signature.empty());
  CHECK(c->signed_payload == raw);
}

TEST_CASE("a root commit has no parents", "[commit_object]") {
  testing::TestRepo repo;
  std::string id = repo.commit("root\n");
  auto c = parse_commit_object(raw_object(repo, id));
  REQUIRE(c.ok());
  CHECK(c->parents.empty());
  CHECK(c->message == "root\n");
}

TEST_CASE("a merge commit lists both parents in order", "[commit_object]") {
  testing::TestRepo repo;
  std::string base = repo.commit("base\n");
  repo.git("checkout -q -b side");
  repo.write("side.md", "side\n");
  std::string side = repo.commit("side\n");
  repo.git("checkout -q main");
  repo.write("main.md", "main\n");
  std::string main_tip = repo.commit("main\n");
  repo.git("merge -q --no-ff --no-edit side");
  std::string merge = repo.head();

  auto c = parse_commit_object(raw_object(repo, merge));
  REQUIRE(c.ok());
  CHECK(c->parents == std::vector<std::string>{main_tip, side});
  CHECK(c->parents[0] != base);
}

TEST_CASE("a signed commit splits into signature and a payload that verifies", "[commit_object]") {
  testing::TestRepo repo;
  testing::TestKey key = testing::make_ssh_key(repo.keys_dir(), "zhangwei");
  repo.write("a.md", "内容\n");
  std::string id = repo.commit("复审：通知\n\nReview-Decision: approve\n", &key);
  std::string raw = raw_object(repo, id);

  auto c = parse_commit_object(raw);
  REQUIRE(c.ok());
  CHECK(c->signature.rfind("-----BEGIN SSH SIGNATURE-----\n", 0) == 0);
  CHECK(c->signature.find("\n-----END SSH SIGNATURE-----\n") != std::string::npos);
  CHECK(c->signature.find("\n ") == std::string::npos);
  CHECK(c->signed_payload == without_gpgsig(raw));
  CHECK(c->message == "复审：通知\n\nReview-Decision: approve\n");

  auto v = verify_signature(c->signature, c->signed_payload);
  INFO((v ? std::string() : v.error().describe()));
  REQUIRE(v.ok());
  CHECK(v->fingerprint == key.fingerprint);
}

TEST_CASE("a forged gpgsig block inside the message is message text, not a signature",
          "[commit_object]") {
  testing::TestRepo repo;
  testing::TestKey key = testing::make_ssh_key(repo.keys_dir(), "zhangwei");
  std::string signed_id = repo.commit("signed\n", &key);
  auto real = parse_commit_object(raw_object(repo, signed_id));
  REQUIRE(real.ok());
  REQUIRE_FALSE(real->signature.empty());

  // Indent the real signature as a header would be, and put it where only the message can be.
  std::string forged_block = "gpgsig ";
  for (size_t i = 0; i < real->signature.size(); ++i) {
    forged_block += real->signature[i];
    if (real->signature[i] == '\n' && i + 1 < real->signature.size()) forged_block += ' ';
  }
  std::string unsigned_head = raw_object(repo, signed_id);
  unsigned_head = without_gpgsig(unsigned_head);
  unsigned_head = unsigned_head.substr(0, unsigned_head.find("\n\n") + 1);

  for (const std::string& message : {"\n" + forged_block + "\nforged\n", "\nforged\n\n" + forged_block}) {
    std::string forged = unsigned_head + message;
    std::string id = write_object(repo, forged);
    std::string raw = raw_object(repo, id);
    REQUIRE(raw == forged);
    CHECK(testing::run("git -C " + shell_quote(repo.path()) + " verify-commit " + id).status != 0);

    auto c = parse_commit_object(raw);
    REQUIRE(c.ok());
    CHECK(c->signature.empty());
    CHECK(c->signed_payload == raw);
    CHECK(c->message.find("gpgsig -----BEGIN SSH SIGNATURE-----") != std::string::npos);
  }
}

TEST_CASE("a gpgsig-sha256 header is removed from the payload but is not the signature",
          "[commit_object]") {
  testing::TestRepo repo;
  testing::TestKey key = testing::make_ssh_key(repo.keys_dir(), "zhangwei");
  std::string raw = raw_object(repo, repo.commit("signed\n", &key));
  size_t body = raw.find("\n\n");
  std::string extra = raw.substr(0, body + 1) + "gpgsig-sha256 other\n continued\n" + raw.substr(body + 1);

  auto c = parse_commit_object(extra);
  REQUIRE(c.ok());
  CHECK(c->signed_payload == without_gpgsig(raw));
  CHECK(c->signature.find("other") == std::string::npos);
  CHECK(verify_signature(c->signature, c->signed_payload).ok());
}

TEST_CASE("a duplicated gpgsig header is a corrupt object", "[commit_object]") {
  testing::TestRepo repo;
  testing::TestKey key = testing::make_ssh_key(repo.keys_dir(), "zhangwei");
  std::string raw = raw_object(repo, repo.commit("signed\n", &key));
  size_t start = raw.find("\ngpgsig ") + 1;
  size_t end = raw.find("\n\n");
  std::string block = raw.substr(start, end + 1 - start);
  std::string doubled = raw.substr(0, end + 1) + block + raw.substr(end + 1);

  auto c = parse_commit_object(doubled);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().rule == "repo.corrupt");
  CHECK(c.error().message.find("duplicate gpgsig") != std::string::npos);
}

TEST_CASE("malformed commit objects are reported as corrupt", "[commit_object]") {
  using namespace std::string_literals;
  const std::string tree = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n";
  const std::string parent = "parent 3b18e512dba79e4c8300dd08aeb37f8e728b8dad\n";
  const std::string author = "author A U <a@example.gov.cn> 1700000000 +0800\n";
  const std::string committer = "committer C <c@example.gov.cn> 1700000000 +0800\n";
  REQUIRE(parse_commit_object(tree + parent + author + committer + "\nok\n").ok());
  REQUIRE(parse_commit_object(tree + author + committer).ok());

  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "missing tree"},
      {"\nmessage only\n", "missing tree"},
      {author + committer + "\nm\n", "first header must be tree"},
      {"tree 4B825DC642CB6EB9A060E54BF8D69288FBEE4904\n" + author + committer + "\n", "malformed tree"},
      {"tree 4b825dc642cb6eb9a060e54bf8d69288fbee490\n" + author + committer + "\n", "malformed tree"},
      {tree + "parent xyz\n" + author + committer + "\n", "malformed parent"},
      {tree + committer + "\n", "missing author"},
      {tree + author + "\nm\n", "missing committer"},
      {tree + author, "missing committer"},
      {tree + author + committer.substr(0, committer.size() - 1), "unterminated"},
      {tree + author + parent + committer + "\n", "missing committer"},
      {tree + author + committer + author + "\n", "out-of-order"},
      {tree + author + committer + tree + "\n", "out-of-order"},
      {tree + "author A\0B <a@x> 1 +0000\n"s + committer + "\n", "NUL"},
      {tree + "author <a@x> 1 +0000\n" + committer + "\n", "malformed author"},
      {tree + "author A<a@x> 1 +0000\n" + committer + "\n", "malformed author"},
      {tree + "author A <a@x> 01 +0000\n" + committer + "\n", "malformed author"},
      {tree + "author A <a@x> 1 +000\n" + committer + "\n", "malformed author"},
      {tree + "author A <a@x> 1 0800\n" + committer + "\n", "malformed author"},
      {tree + "author A <a@x> 99999999999999999999 +0800\n" + committer + "\n", "malformed author"},
      {tree + "author A <a<x> 1 +0800\n" + committer + "\n", "malformed author"},
      {tree + "author A <a@x>1 +0800\n" + committer + "\n", "malformed author"},
      {tree + author + "committer C <c@x> 1 +0800 extra\n" + "\n", "malformed committer"},
      {tree + " continued\n" + author + committer + "\n", "continuation"},
      {tree + "gpgsig x\n" + author + committer + "\n", "gpgsig"},
  };
  for (const auto& [raw, expected] : cases) {
    INFO("object: " << raw);
    auto c = parse_commit_object(raw);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().rule == "repo.corrupt");
    CHECK(c.error().message.find(expected) != std::string::npos);
  }
}

TEST_CASE("thousands of random mutations of a signed commit never crash and never verify "
          "a changed payload",
          "[commit_object]") {
  testing::TestRepo repo;
  testing::TestKey key = testing::make_ssh_key(repo.keys_dir(), "zhangwei");
  repo.commit("base\n");
  std::string raw = raw_object(repo, repo.commit("复审：通知\n\nReview-Decision: approve\n", &key));
  auto original = parse_commit_object(raw);
  REQUIRE(original.ok());

  std::mt19937 rng(20250301);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n)(rng); };
  int parsed = 0;
  for (int i = 0; i < 4000; ++i) {
    std::string m = raw;
    for (size_t k = 0, edits = 1 + pick(3); k < edits; ++k) {
      size_t at = m.empty() ? 0 : pick(m.size() - 1);
      switch (pick(4)) {
        case 0: if (!m.empty()) m[at] = char(pick(255)); break;
        case 1: if (!m.empty()) m[at] ^= char(1 << pick(7)); break;
        case 2: m.insert(at, 1, "\n \0g"[pick(3)]); break;
        case 3: m.erase(at, pick(8)); break;
        default: m.resize(at); break;
      }
    }
    auto c = parse_commit_object(m);
    if (!c.ok()) {
      CHECK(c.error().rule == "repo.corrupt");
      continue;
    }
    ++parsed;
    auto v = verify_signature(c->signature, c->signed_payload);
    if (v.ok()) {
      CHECK(c->signed_payload == original->signed_payload);
    } else {
      CHECK(v.error().rule == "review.bad-signature");
    }
  }
  CHECK(parsed > 0);
}

}  // namespace
}  // namespace sanshen
