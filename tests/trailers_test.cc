#include "core/trailers.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/test_env.h"

namespace sanshen {
namespace {

const std::vector<std::string> kLevels{"初审", "复审", "终审", "主要领导", "保密审查"};
constexpr const char* kBlob = "3b18e512dba79e4c8300dd08aeb37f8e728b8dad";

// tests/cases/trailers/*.msg: the first line is the expected outcome, the rest is the commit
// message verbatim. Outcomes: `expect: ok`, `expect: none` (not a review commit), or
// `expect: error LINE:COL TEXT` (TEXT must appear in the error message).
TEST_CASE("every trailer fixture parses to its expected outcome", "[trailers]") {
  std::string dir = testing::source_dir() + "/tests/cases/trailers";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".msg") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 30);

  for (const auto& file : files) {
    std::string content = testing::read_file(file.string());
    size_t newline = content.find('\n');
    REQUIRE(newline != std::string::npos);
    std::string expect = content.substr(0, newline);
    std::string message = content.substr(newline + 1);
    INFO(file.filename().string() << ": " << expect);

    auto parsed = parse_review_trailers(message, kLevels);
    if (expect == "expect: ok") {
      INFO((parsed ? std::string() : parsed.error().describe()));
      REQUIRE(parsed.ok());
      CHECK(parsed->has_value());
    } else if (expect == "expect: none") {
      REQUIRE(parsed.ok());
      CHECK_FALSE(parsed->has_value());
    } else {
      REQUIRE(expect.starts_with("expect: error "));
      std::string spec = expect.substr(std::string("expect: error ").size());
      size_t colon = spec.find(':');
      size_t space = spec.find(' ');
      REQUIRE(colon < space);
      int line = std::stoi(spec.substr(0, colon));
      int col = std::stoi(spec.substr(colon + 1, space - colon - 1));
      std::string text = spec.substr(space + 1);
      REQUIRE_FALSE(parsed.ok());
      INFO(parsed.error().describe());
      CHECK(parsed.error().rule == "review.trailer-syntax");
      CHECK(parsed.error().line == line);
      CHECK(parsed.error().col == col);
      CHECK(parsed.error().message.find(text) != std::string::npos);
    }
  }
}

TEST_CASE("a batch review yields every page, waiver and the opinion in order", "[trailers]") {
  std::string message = testing::read_file(
      testing::source_dir() + "/tests/cases/trailers/ok-batch-with-other-trailers.msg");
  message = message.substr(message.find('\n') + 1);
  auto parsed = parse_review_trailers(message, kLevels);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->has_value());
  const ReviewTrailers& t = **parsed;
  CHECK(t.level == "终审");
  CHECK(t.decision == Decision::kApprove);
  CHECK(t.opinion.empty());
  REQUIRE(t.pages.size() == 2);
  CHECK(t.pages[0].path == "content/tzgg/a.md");
  CHECK(t.pages[0].blob == kBlob);
  CHECK(t.pages[1].path == "content/xxgk/通知-2.md");
  REQUIRE(t.waivers.size() == 2);
  CHECK(t.waivers[0].rule == "pii.mobile");
  CHECK(t.waivers[0].path == "content/tzgg/a.md");
  CHECK(t.waivers[0].line == 12);
  CHECK(t.waivers[1].rule == "text.typo");
  CHECK(t.waivers[1].path == "content/xxgk/通知-2.md");
  CHECK(t.waivers[1].line == 0);
}

TEST_CASE("a return review reports the return decision and the opinion", "[trailers]") {
  std::string message =
      std::string("初审：退回\n\nReview-Level: 初审\nReview-Page: content/a.md ") + kBlob +
      "\nReview-Decision: return\nReview-Opinion: 数据有误。\n";
  auto parsed = parse_review_trailers(message, kLevels);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->has_value());
  CHECK((*parsed)->decision == Decision::kReturn);
  CHECK((*parsed)->opinion == "数据有误。");
}

TEST_CASE("CRLF line endings in a review message are a syntax error", "[trailers]") {
  std::string message =
      std::string("复审：测试\r\n\r\nReview-Level: 复审\r\nReview-Page: content/a.md ") + kBlob +
      "\r\nReview-Decision: approve\r\n";
  auto parsed = parse_review_trailers(message, kLevels);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().rule == "review.trailer-syntax");
  CHECK(parsed.error().line == 1);
  CHECK(parsed.error().col == 6);
  CHECK(parsed.error().message.find("CRLF") != std::string::npos);
}

TEST_CASE("a level outside the policy's known levels is rejected", "[trailers]") {
  std::string message = std::string("审核\n\nReview-Level: 主要领导\nReview-Page: content/a.md ") +
                        kBlob + "\nReview-Decision: approve\n";
  CHECK(parse_review_trailers(message, kLevels).ok());
  auto parsed = parse_review_trailers(message, {"初审", "复审", "终审"});
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().line == 3);
}

TEST_CASE("formatted trailers round-trip through the parser", "[trailers]") {
  ReviewTrailers t;
  t.level = "保密审查";
  t.pages = {{"content/tzgg/a.md", kBlob}, {"content/xxgk/通知.md", std::string(40, 'f')}};
  t.decision = Decision::kReturn;
  t.opinion = "第二段涉及内部数据，\n请删除后重新送审。";
  t.waivers = {{"pii.mobile", "content/tzgg/a.md", 7}, {"words.banned", "content/xxgk/通知.md", 0}};

  std::string block = format_review_trailers(t);
  CHECK(block.find('\n') != std::string::npos);
  auto parsed = parse_review_trailers("保密审查：退回\n\n" + block, kLevels);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->has_value());
  const ReviewTrailers& back = **parsed;
  CHECK(back.level == t.level);
  CHECK(back.decision == t.decision);
  // A trailer value is one line, so line breaks in the opinion fold to spaces.
  CHECK(back.opinion == "第二段涉及内部数据， 请删除后重新送审。");
  REQUIRE(back.pages.size() == 2);
  CHECK(back.pages[1].path == t.pages[1].path);
  CHECK(back.pages[1].blob == t.pages[1].blob);
  REQUIRE(back.waivers.size() == 2);
  CHECK(back.waivers[0].line == 7);
  CHECK(back.waivers[1].path == "content/xxgk/通知.md");
  CHECK(back.waivers[1].line == 0);
}

TEST_CASE("formatted trailers omit an empty opinion", "[trailers]") {
  ReviewTrailers t;
  t.level = "初审";
  t.pages = {{"content/a.md", kBlob}};
  std::string block = format_review_trailers(t);
  CHECK(block.find("Review-Opinion") == std::string::npos);
  auto parsed = parse_review_trailers("初审\n\n" + block, kLevels);
  REQUIRE(parsed.ok());
  CHECK((*parsed)->opinion.empty());
}

TEST_CASE("git's own trailer parser agrees on a formatted block", "[trailers]") {
  ReviewTrailers t;
  t.level = "复审";
  t.pages = {{"content/tzgg/a.md", kBlob}};
  t.opinion = "同意。";
  testing::TempDir dir;
  std::string file = dir.path() + "/msg";
  testing::write_file(file, "复审：测试\n\n" + format_review_trailers(t));
  std::string out =
      testing::run_ok("git interpret-trailers --parse < " + testing::shell_quote(file));
  CHECK(out == "Review-Level: 复审\nReview-Page: content/tzgg/a.md " + std::string(kBlob) +
                   "\nReview-Decision: approve\nReview-Opinion: 同意。\n");
}

}  // namespace
}  // namespace sanshen
