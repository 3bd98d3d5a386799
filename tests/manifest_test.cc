// The provenance manifest: what the build writes reads back field for field, and what `verify`
// and `diff` read is validated before any subject name reaches a path or a URL.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/manifest.h"

using namespace sanshen;
using nlohmann::json;

namespace {

const std::string kBlob = "0123456789abcdef0123456789abcdef01234567";
const std::string kDigestA(64, 'a');
const std::string kDigestB(64, 'b');

ReviewAttempt approval(const std::string& level, const std::string& id, int64_t time) {
  ReviewAttempt a;
  a.commit = std::string(40, level == "初审" ? '1' : level == "复审" ? '2' : '3');
  a.time = time;
  a.level = level;
  a.opinion = "同意。";
  a.reviewer_id = id;
  a.reviewer_name = "名" + id;
  a.reviewer_title = "科员";
  a.fingerprint = "SHA256:" + id;
  return a;
}

BuildResult sample_result() {
  BuildResult r;
  r.revision = std::string(40, 'c');
  r.outputs = {{"tzgg/notice.html", kDigestA}, {"index.html", kDigestB}};
  r.checks_run = {"pii.id-card", "words.banned"};
  r.rules_digest = kDigestA;
  r.theme_digest = kDigestB;
  PublishedPage p;
  p.path = "content/tzgg/notice.md";
  p.blob = kBlob;
  p.outputs = {"tzgg/notice.html"};
  p.approvals = {approval("初审", "liming", 1740700800), approval("复审", "wangfang", 1740704400),
                 approval("终审", "zhaojun", 1740708000)};
  p.approvals[1].waivers.push_back({"pii.mobile", "content/tzgg/notice.md", 7});
  p.warnings.push_back({"content/tzgg/notice.md", 7, 3, Severity::kWarning, "pii.mobile",
                        "手机号码 (mobile number) 138****8000", "13800138000"});
  r.published.push_back(p);
  r.refused.push_back({"content/tzgg/draft.md", kBlob, {{"review.missing-level", "缺少有效的终审"}}, {}});
  return r;
}

BuildOptions sample_options() {
  BuildOptions o;
  o.repo_path = "/srv/site";
  o.introduction = std::string(40, 'e') + ":SHA256:admin";
  o.build_time = 1767225600;
  return o;
}

std::string statement_with_subject(const json& subject) {
  json j = json::parse(manifest_json(sample_options(), sample_result()));
  j["subject"] = json::array({subject});
  return j.dump();
}

}  // namespace

TEST_CASE("a manifest written by the build reads back with every recorded field", "[manifest]") {
  auto m = parse_manifest(manifest_json(sample_options(), sample_result()), "m.json");
  REQUIRE(m.ok());
  CHECK(m->revision == std::string(40, 'c'));
  CHECK(m->repository == "/srv/site");
  CHECK(m->introduction == std::string(40, 'e') + ":SHA256:admin");
  CHECK(m->tool_version == SANSHEN_VERSION);
  CHECK(m->rules_digest == kDigestA);
  CHECK(m->theme_digest == kDigestB);
  CHECK(m->time == "2026-01-01T00:00:00Z");
  REQUIRE(m->subjects.size() == 2);
  CHECK(m->subjects[0].name == "index.html");  // sorted by name
  REQUIRE(m->subject("tzgg/notice.html") != nullptr);
  CHECK(m->subject("tzgg/notice.html")->sha256 == kDigestA);
  CHECK(m->subject("tzgg/none.html") == nullptr);

  REQUIRE(m->pages.size() == 1);
  const auto& p = m->pages[0];
  CHECK(p.path == "content/tzgg/notice.md");
  CHECK(p.blob == kBlob);
  CHECK_FALSE(p.fallback);
  CHECK(p.outputs == std::vector<std::string>{"tzgg/notice.html"});
  REQUIRE(p.reviews.size() == 3);
  CHECK(p.reviews[1].level == "复审");
  CHECK(p.reviews[1].reviewer == "wangfang");
  CHECK(p.reviews[1].name == "名wangfang");
  CHECK(p.reviews[1].title == "科员");
  CHECK(p.reviews[1].key == "SHA256:wangfang");
  CHECK(p.reviews[1].time == "2025-02-28T01:00:00Z");
  CHECK(p.reviews[1].opinion == "同意。");
  CHECK(p.reviews[1].commit == std::string(40, '2'));
  CHECK(p.check_warnings == 1);
  REQUIRE(p.waivers.size() == 1);
  CHECK(p.waivers[0].rule == "pii.mobile");
  CHECK(p.waivers[0].line == 7);
  CHECK(p.waivers[0].level == "复审");

  REQUIRE(m->refused.size() == 1);
  CHECK(m->refused[0].reasons.at(0).rule == "review.missing-level");
}

TEST_CASE("the manifest records an insecure build without an introduction", "[manifest]") {
  BuildOptions o = sample_options();
  o.introduction.clear();
  o.insecure_no_introduction = true;
  std::string text = manifest_json(o, sample_result());
  json j = json::parse(text);
  CHECK(j["predicate"]["build"]["insecure_no_introduction"] == true);
  CHECK(j["predicate"]["build"]["introduction"].is_null());
  auto m = parse_manifest(text, "m.json");
  REQUIRE(m.ok());
  CHECK_FALSE(m->introduction.has_value());
}

TEST_CASE("the manifest keeps personal data out of check warnings", "[manifest]") {
  json j = json::parse(manifest_json(sample_options(), sample_result()));
  const json& findings = j["predicate"]["pages"][0]["checks"]["findings"];
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["rule"] == "pii.mobile");
  CHECK_FALSE(findings[0].contains("text"));
  CHECK(j.dump().find("13800138000") == std::string::npos);
}

TEST_CASE("parse_manifest refuses subject names that would leave the site and malformed digests",
          "[manifest]") {
  const std::vector<std::string> bad_names = {"", "/etc/passwd", "../secret", "a/../../b", "a//b",
                                              "./index.html", "dir/", "a\\b", "a\nb"};
  for (const auto& name : bad_names) {
    INFO(name);
    auto m = parse_manifest(statement_with_subject({{"name", name}, {"digest", {{"sha256", kDigestA}}}}),
                            "m.json");
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().rule == "manifest.invalid");
    CHECK(m.error().path == "m.json");
  }
  const std::vector<std::string> bad_digests = {"", std::string(63, 'a'), std::string(64, 'A'),
                                                std::string(64, 'g'), std::string(65, 'a')};
  for (const auto& digest : bad_digests) {
    INFO(digest);
    auto m = parse_manifest(statement_with_subject({{"name", "index.html"}, {"digest", {{"sha256", digest}}}}),
                            "m.json");
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().rule == "manifest.invalid");
  }
  auto ok = parse_manifest(
      statement_with_subject({{"name", "static/附件 1.pdf"}, {"digest", {{"sha256", kDigestA}}}}), "m.json");
  CHECK(ok.ok());
}

TEST_CASE("parse_manifest refuses other documents, duplicate subjects and wrong field types",
          "[manifest]") {
  json good = json::parse(manifest_json(sample_options(), sample_result()));
  auto refuses = [](const json& j) {
    auto m = parse_manifest(j.dump(), "m.json");
    return !m.ok() && m.error().rule == "manifest.invalid";
  };
  CHECK(refuses(json::array()));
  CHECK_FALSE(parse_manifest("{not json", "m.json").ok());
  json other_type = good;
  other_type["_type"] = "https://in-toto.io/Statement/v0.1";
  CHECK(refuses(other_type));
  json other_predicate = good;
  other_predicate["predicateType"] = "https://slsa.dev/provenance/v1";
  CHECK(refuses(other_predicate));
  json duplicate = good;
  duplicate["subject"].push_back(duplicate["subject"][0]);
  CHECK(refuses(duplicate));
  json wrong_type = good;
  wrong_type["predicate"]["pages"][0]["fallback"] = "no";
  CHECK(refuses(wrong_type));
}

TEST_CASE("the manifest printed piece by piece is nlohmann's own pretty form of the statement",
          "[manifest]") {
  BuildResult r = sample_result();
  SECTION("with pages, refusals and subjects") {}
  SECTION("with a second page and line breaks in messages") {
    PublishedPage p = r.published.front();
    p.path = "content/tzgg/second.md";
    p.approvals.front().opinion = "第一行\n第二行";
    r.published.push_back(p);
  }
  SECTION("with empty lists") {
    r.published.clear();
    r.refused.clear();
    r.outputs.clear();
  }
  BuildOptions options = sample_options();
  SECTION("with a repository path shaped like an untagged placeholder") {
    options.repo_path = "\x01pages";
  }
  SECTION("printed on several threads") { options.jobs = 3; }
  const std::string text = manifest_json(options, r);
  CHECK(json::parse(text).dump(2) + "\n" == text);
  CHECK(json::parse(text)["predicate"]["build"]["repository"] == options.repo_path);
}

TEST_CASE("a large manifest is handed to its writer in pieces that join to the whole text",
          "[manifest]") {
  BuildResult r = sample_result();
  // ~1.6 KB a page: past the few MiB after which the text is handed on.
  const PublishedPage page = r.published.front();
  for (int i = 0; i < 6000; ++i) {
    r.published.push_back(page);
    r.published.back().path = "content/tzgg/n" + std::to_string(i) + ".md";
  }
  BuildOptions options = sample_options();
  options.jobs = 2;
  std::vector<std::string> pieces;
  REQUIRE(write_manifest(options, r, [&](std::string_view bytes) -> Status {
    pieces.emplace_back(bytes);
    return ok_status();
  }));
  CHECK(pieces.size() > 1);
  std::string joined;
  for (const auto& p : pieces) joined += p;
  CHECK(joined == manifest_json(options, r));
}

TEST_CASE("a writer's first error is what writing the manifest returns", "[manifest]") {
  int calls = 0;
  auto s = write_manifest(sample_options(), sample_result(), [&](std::string_view) -> Status {
    ++calls;
    return make_error("io.write", "磁盘已满 (disk full)", "m.json");
  });
  REQUIRE_FALSE(s);
  CHECK(s.error().rule == "io.write");
  CHECK(calls == 1);
}
