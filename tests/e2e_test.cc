// End to end: the example repository, built by the real binary, publishes exactly the expected
// pages, refuses the others for the expected reasons, and matches the golden site tree.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/hash.h"
#include "tests/support/test_env.h"

using namespace sanshen::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct ExampleBuild {
  TempDir dir;
  std::string repo, out, manifest, introduction;
  CommandResult result;
  json summary;

  ExampleBuild() {
    repo = dir.path() + "/repo";
    out = dir.path() + "/public";
    manifest = dir.path() + "/provenance.json";
    run_ok(shell_quote(source_dir() + "/scripts/make-example-repo.sh") + " " + shell_quote(repo));
    introduction = read_file(repo + "/.git/sanshen-introduction");
    while (!introduction.empty() && introduction.back() == '\n') introduction.pop_back();
    result = run("SOURCE_DATE_EPOCH=1767225600 " + shell_quote(binary_path()) +
                 " build --format json --repo " + shell_quote(repo) + " --out " + shell_quote(out) +
                 " --manifest " + shell_quote(manifest) + " --introduction " +
                 shell_quote(introduction) + " 2>/dev/null");
    summary = json::parse(result.output, nullptr, false);
  }
};

ExampleBuild& example() {
  static ExampleBuild b;
  return b;
}

std::map<std::string, std::string> tree(const std::string& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out[fs::relative(e.path(), root).generic_string()] = read_file(e.path());
  return out;
}

}  // namespace

TEST_CASE("the example repository publishes exactly the approved clean pages", "[e2e]") {
  auto& b = example();
  INFO(b.result.output);
  REQUIRE(b.result.status == 0);
  REQUIRE(b.summary.is_object());
  CHECK(b.summary["fatal"].is_null());
  std::set<std::string> published, fallback;
  for (const auto& p : b.summary["published"]) {
    published.insert(p["path"]);
    if (p["fallback"]) fallback.insert(p["path"]);
  }
  const std::set<std::string> expected = {
      "content/xxgk/2025-farming-plan.md",    "content/zcjd/2025-farming-plan-jd.md",
      "content/tzgg/2025-fire.md",            "content/zwdt/2025-spring-farming.md",
      "content/xxgk/2025-zwfw-policy.md",     "content/zcjd/2025-zwfw-policy-jd.md",
      "content/zwdt/2025-zwfw-center.md",     "content/tzgg/2025-labor-day.md",
      "content/xxgk/2025-budget.md",          "content/zcjd/2025-budget-jd.md",
      "content/xxgk/2025-renmian.md",         "content/zwdt/2025-rural-road.md"};
  CHECK(published == expected);
  CHECK(fallback == std::set<std::string>{"content/zwdt/2025-rural-road.md"});
}

TEST_CASE("the example repository refuses pending, PII, edited and returned pages with their reasons",
          "[e2e]") {
  auto& b = example();
  REQUIRE(b.summary.is_object());
  std::map<std::string, std::set<std::string>> reasons;
  for (const auto& r : b.summary["refused"])
    for (const auto& x : r["reasons"]) reasons[r["path"]].insert(x["rule"]);
  CHECK(reasons.size() == 4);
  CHECK(reasons["content/tzgg/2025-flood-season.md"] == std::set<std::string>{"review.missing-level"});
  CHECK(reasons["content/tzgg/2025-subsidy-gongshi.md"] == std::set<std::string>{"checks.failed"});
  CHECK(reasons["content/zwdt/2025-rural-road.md"] == std::set<std::string>{"review.missing-level"});
  CHECK(reasons["content/zwdt/2025-q1-economy.md"].count("review.returned") == 1);
}

TEST_CASE("every output file of the example build has a matching sha256 subject in the manifest",
          "[e2e]") {
  auto& b = example();
  json m = json::parse(read_file(b.manifest));
  CHECK(m["_type"] == "https://in-toto.io/Statement/v1");
  std::map<std::string, std::string> subjects;
  for (const auto& s : m["subject"]) subjects[s["name"]] = s["digest"]["sha256"];
  auto files = tree(b.out);
  REQUIRE(files.size() == subjects.size());
  for (const auto& [path, data] : files) {
    INFO(path);
    REQUIRE(subjects.count(path) == 1);
    CHECK(subjects[path] == sanshen::sha256_hex(data));
  }
  // Each published page records one approval per required level, with the signing key.
  for (const auto& p : m["predicate"]["pages"]) {
    INFO(p["path"]);
    CHECK(p["reviews"].size() >= 3);
    for (const auto& r : p["reviews"]) CHECK(std::string(r["key"]).rfind("SHA256:", 0) == 0);
  }
}

TEST_CASE("the example site matches the golden tree byte for byte", "[e2e]") {
  auto& b = example();
  auto actual = tree(b.out);
  auto golden = tree(source_dir() + "/tests/golden/example-site");
  std::set<std::string> actual_names, golden_names;
  for (const auto& [k, v] : actual) actual_names.insert(k);
  for (const auto& [k, v] : golden) golden_names.insert(k);
  INFO("after an intended change run scripts/update-golden.sh and review the diff");
  REQUIRE(actual_names == golden_names);
  for (const auto& [path, data] : golden) {
    const std::string& got = actual[path];
    if (got == data) continue;
    // Report the first differing line rather than two whole pages.
    size_t at = 0;
    while (at < got.size() && at < data.size() && got[at] == data[at]) ++at;
    size_t line = 1 + std::count(data.begin(), data.begin() + static_cast<long>(at), '\n');
    auto line_of = [&](const std::string& s) {
      size_t begin = s.rfind('\n', at == 0 ? 0 : at - 1);
      begin = begin == std::string::npos ? 0 : begin + 1;
      return s.substr(begin, s.find('\n', begin) - begin);
    };
    FAIL_CHECK(path << ":" << line << " differs\n  golden: " << line_of(data)
                    << "\n  actual: " << line_of(got));
  }
}

TEST_CASE("a full build with an SSH-key roster loads neither librnp nor libcurl", "[e2e]") {
  // Both are opened on first use (core/shared_library.h); the example's reviewers sign with
  // SSH keys and a build fetches nothing.
  ExampleBuild& b = example();
  const std::string out = b.dir.path() + "/public-lazy";
  const auto r = run("SOURCE_DATE_EPOCH=1767225600 LD_DEBUG=files " + shell_quote(binary_path()) +
                     " build --no-cache --repo " + shell_quote(b.repo) + " --out " +
                     shell_quote(out) + " --manifest " + shell_quote(out + ".json") +
                     " --introduction " + shell_quote(b.introduction) + " 2>&1");
  CHECK(r.status == 0);
  CHECK(r.output.find("calling init") != std::string::npos);  // LD_DEBUG did report
  for (const char* lib : {"librnp", "libbotan", "libcurl"}) {
    INFO(lib);
    CHECK(r.output.find(lib) == std::string::npos);
  }
}

TEST_CASE("the build command exits 2 and writes nothing on a fatal error", "[e2e]") {
  TempDir dir;
  auto r = run(shell_quote(binary_path()) + " build --format json --repo " + shell_quote(dir.path()) +
               " --out " + shell_quote(dir.path() + "/public") + " --manifest " +
               shell_quote(dir.path() + "/m.json") + " --insecure-no-introduction 2>/dev/null");
  CHECK(r.status == 2);
  json j = json::parse(r.output, nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j["fatal"]["rule"] == "repo.corrupt");
  CHECK_FALSE(fs::exists(dir.path() + "/public"));
  CHECK_FALSE(fs::exists(dir.path() + "/m.json"));
}

TEST_CASE("check exits 1 on the example's ID-card page and 0 on a clean page", "[e2e]") {
  auto& b = example();
  auto bad = run("cd " + shell_quote(b.repo) + " && " + shell_quote(binary_path()) +
                 " check --format json content/tzgg/2025-subsidy-gongshi.md");
  CHECK(bad.status == 1);
  json j = json::parse(bad.output, nullptr, false);
  REQUIRE(j.is_object());
  REQUIRE(j["findings"].size() >= 1);
  CHECK(j["findings"][0]["rule"] == "pii.id-card");
  CHECK(j["findings"][0]["line"] > 1);
  auto good = run("cd " + shell_quote(b.repo) + " && " + shell_quote(binary_path()) +
                  " check content/tzgg/2025-fire.md");
  CHECK(good.status == 0);
}
