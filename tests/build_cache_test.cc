#include "core/build_cache.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>

#include "core/build.h"
#include "core/build_report.h"
#include "core/sealed_file.h"
#include "tests/support/build_helper.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

// A site with three pages, two of them approved, built incrementally into one output directory
// with one cache, next to a cold build of the same revision.
struct IncrementalSite {
  ReviewFixture fx;
  TempDir root;
  BuildOptions options;

  IncrementalSite() {
    for (int i = 0; i < 3; ++i) {
      const std::string path = "content/tzgg/page" + std::to_string(i) + ".md";
      fx.repo.write(path, ReviewFixture::page("通知" + std::to_string(i),
                                              "正文第" + std::to_string(i) + "段。"));
      fx.repo.commit("编辑\n");
      if (i < 2) fx.approve_fully(path);
    }
    fx.approve_fully();
    options.repo_path = fx.repo.path();
    options.out_dir = root.path() + "/public";
    options.manifest_path = root.path() + "/provenance.json";
    options.cache_dir = root.path() + "/cache";
    options.insecure_no_introduction = true;
    options.build_time = 1767225600;
    options.now = options.build_time;
  }

  BuildResult incremental() {
    NullReporter reporter;
    return run_build(options, real_file_system(), reporter);
  }

  // The build cache's lines between its header and seal, and the same written back, sealed:
  // a cache this tool could have written, with lines it would not have.
  std::string cache_lines() const {
    const std::string text = read_file(cache_file());
    auto lines = unsealed_lines(text, kCacheHeader);
    REQUIRE(lines);
    return std::string(*lines);
  }
  void reseal_cache(const std::string& lines) const {
    REQUIRE(write_sealed(real_file_system(), cache_file(), kCacheHeader + lines));
  }
  std::string cache_file() const { return options.cache_dir + "/build-v2"; }
  static constexpr const char* kCacheHeader = "sanshen build cache v2\n";

  // A cold build of the same revision elsewhere must give the same bytes, site and manifest.
  void require_same_as_cold() {
    TempDir cold_root;
    BuildOptions cold = options;
    cold.out_dir = cold_root.path() + "/public";
    cold.manifest_path = cold_root.path() + "/provenance.json";
    cold.no_cache = true;
    NullReporter reporter;
    BuildResult r = run_build(cold, real_file_system(), reporter);
    REQUIRE_FALSE(r.fatal);
    CHECK(read_tree(options.out_dir) == read_tree(cold.out_dir));
    CHECK(read_file(options.manifest_path) == read_file(cold.manifest_path));
  }
};

}  // namespace

TEST_CASE("a rebuild with unchanged inputs rewrites nothing and reports the same result",
          "[build_cache]") {
  IncrementalSite site;
  // On one thread and on several: the no-op's stats and its result are filled by workers.
  site.options.jobs = GENERATE(1, 4);
  BuildResult first = site.incremental();
  REQUIRE_FALSE(first.fatal);
  CHECK_FALSE(first.up_to_date);
  CHECK(first.files_written == first.outputs.size());
  const auto stamp = real_file_system().stamp(site.options.out_dir + "/index.html");

  BuildResult again = site.incremental();
  REQUIRE_FALSE(again.fatal);
  CHECK(again.up_to_date);
  CHECK(again.files_written == 0);
  // The same pages, blobs, fallbacks, outputs and refusals as the build that wrote the cache.
  again.up_to_date = first.up_to_date;
  again.files_written = first.files_written;
  CHECK(summary_json(again) == summary_json(first));
  CHECK(again.outputs == first.outputs);
  CHECK(again.checks_run == first.checks_run);
  CHECK(real_file_system().stamp(site.options.out_dir + "/index.html") == stamp);
  site.require_same_as_cold();
}

// The no-op reads the branch from the ref files (core/ref_files.h) before opening libgit2.
TEST_CASE("packing the refs keeps a build up to date, and moving the branch does not",
          "[build_cache]") {
  IncrementalSite site;
  REQUIRE_FALSE(site.incremental().fatal);
  site.fx.repo.git("pack-refs --all");
  CHECK(site.incremental().up_to_date);

  site.fx.repo.git("update-ref refs/heads/main HEAD~1");
  BuildResult moved = site.incremental();
  REQUIRE_FALSE(moved.fatal);
  CHECK_FALSE(moved.up_to_date);
  CHECK(moved.revision == site.fx.repo.head());
  site.require_same_as_cold();
}

TEST_CASE("an incremental build equals a cold build after each kind of change", "[build_cache]") {
  IncrementalSite site;
  REQUIRE_FALSE(site.incremental().fatal);
  ReviewFixture& fx = site.fx;

  const std::vector<std::pair<std::string, std::function<void()>>> changes = {
      {"page edited and approved",
       [&] {
         fx.repo.write("content/tzgg/page0.md", ReviewFixture::page("通知0", "正文改为第十段。"));
         fx.repo.commit("编辑\n");
         fx.approve_fully("content/tzgg/page0.md");
       }},
      {"review completing a pending page", [&] { fx.approve_fully("content/tzgg/page2.md"); }},
      {"rules: a new banned word refuses a page",
       [&] {
         fx.repo.write(".sanshen/rules/banned.txt", "# 测试用词表\n赌博\n第一段\n");
         fx.repo.commit("词表\n", &fx.admin);
       }},
      {"theme override",
       [&] {
         fx.repo.write(".sanshen/theme/assets/css/print.css", "body { color: black; }\n");
         fx.repo.commit("主题\n", &fx.admin);
       }},
      {"roster: a revoked key voids its approvals",
       [&] {
         fx.repo.write(
             ".sanshen/reviewers.toml",
             ReviewFixture::roster_toml(
                 {fx.reviewer_table("admin", fx.admin, "", "roles = [\"admin\"]\n"),
                  fx.reviewer_table("editor", fx.editor, "\"初审\""),
                  fx.reviewer_table("head", fx.head, "\"复审\"", "status = \"revoked\"\n"),
                  fx.reviewer_table("leader", fx.leader, "\"终审\"")}));
         fx.repo.commit("吊销\n", &fx.admin);
       }},
  };
  for (const auto& [what, change] : changes) {
    SECTION(what) {
      change();
      BuildResult r = site.incremental();
      REQUIRE_FALSE(r.fatal);
      CHECK_FALSE(r.up_to_date);
      site.require_same_as_cold();
    }
  }
}

TEST_CASE("an incremental build writes only the files whose bytes changed", "[build_cache]") {
  IncrementalSite site;
  REQUIRE_FALSE(site.incremental().fatal);
  const std::string asset = site.options.out_dir + "/assets/css/gov.css";
  const auto asset_stamp = real_file_system().stamp(asset);
  site.fx.approve_fully("content/tzgg/page2.md");
  BuildResult r = site.incremental();
  REQUIRE_FALSE(r.fatal);
  CHECK(r.files_written > 0);
  CHECK(r.files_written < r.outputs.size());
  CHECK(real_file_system().stamp(asset) == asset_stamp);
  site.require_same_as_cold();
}

TEST_CASE("a deleted page's outputs are removed by an incremental build", "[build_cache]") {
  IncrementalSite site;
  BuildResult first = site.incremental();
  REQUIRE_FALSE(first.fatal);
  const PublishedPage* page = nullptr;
  for (const auto& p : first.published)
    if (p.path == "content/tzgg/page1.md") page = &p;
  REQUIRE(page);
  const std::string output = site.options.out_dir + "/" + page->outputs.front();
  REQUIRE(std::filesystem::exists(output));
  site.fx.repo.git("rm -q content/tzgg/page1.md");
  site.fx.repo.commit("删除\n");
  REQUIRE_FALSE(site.incremental().fatal);
  CHECK_FALSE(std::filesystem::exists(output));
  CHECK_FALSE(std::filesystem::exists(std::filesystem::path(output).parent_path()));
  site.require_same_as_cold();
}

TEST_CASE("outputs changed or added behind the build's back are repaired, not trusted",
          "[build_cache]") {
  IncrementalSite site;
  // The no-op's look-ups run in blocks on the workers; a change must be found on any of them.
  site.options.jobs = GENERATE(1, 4);
  REQUIRE_FALSE(site.incremental().fatal);
  // File times have the kernel's coarse clock resolution (a few ms): a change within the same
  // tick as the build's own write is not seen (as with make and ninja; `verify` checks bytes).
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  SECTION("a modified output file") {
    write_file(site.options.out_dir + "/index.html", "<p>篡改</p>");
  }
  SECTION("a modified page, deepest in the tree") {
    write_file(site.options.out_dir + "/tzgg/page1/index.html", "<p>篡改</p>");
  }
  SECTION("an extra file") { write_file(site.options.out_dir + "/tzgg/extra.html", "x"); }
  SECTION("an extra file beside a page") {
    write_file(site.options.out_dir + "/tzgg/page0/extra.html", "x");
  }
  SECTION("a removed output file") {
    std::filesystem::remove(site.options.out_dir + "/sitemap.xml");
  }
  SECTION("a modified manifest") { write_file(site.options.manifest_path, "{}"); }
  BuildResult r = site.incremental();
  REQUIRE_FALSE(r.fatal);
  CHECK_FALSE(r.up_to_date);
  site.require_same_as_cold();
}

TEST_CASE("a cache listing all directories before the files is still checked in full",
          "[build_cache]") {
  // The order of the lines only helps the look-ups' locality; every one is still checked.
  IncrementalSite site;
  REQUIRE_FALSE(site.incremental().fatal);
  const std::string lines = site.cache_lines();
  // One record a line up to "state", whose JSON stays last.
  const std::size_t state = lines.find("\nstate\n") + 1;
  std::string dirs, others;
  bool dir_after_file = false;
  for (std::size_t pos = 0; pos < state;) {
    const std::size_t end = lines.find('\n', pos) + 1;
    const std::string_view line = std::string_view(lines).substr(pos, end - pos);
    const bool dir = line.starts_with("d\t");
    dir_after_file |= dir && others.find("\nf\t") != std::string::npos;
    (dir ? dirs : others) += line;
    pos = end;
  }
  // As written, a page's directory comes after the files of the directories before it.
  REQUIRE(dir_after_file);
  const std::size_t first_file = others.find("\nf\t") + 1;
  const std::string reordered =
      others.substr(0, first_file) + dirs + others.substr(first_file) + lines.substr(state);
  REQUIRE(reordered.size() == lines.size());
  site.reseal_cache(reordered);
  CHECK(site.incremental().up_to_date);

  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write_file(site.options.out_dir + "/tzgg/page0/extra.html", "x");
  BuildResult r = site.incremental();
  REQUIRE_FALSE(r.fatal);
  CHECK_FALSE(r.up_to_date);
  site.require_same_as_cold();
}

TEST_CASE("a cache whose outputs are out of path order is discarded, even when sealed",
          "[build_cache]") {
  // Outputs are looked up by binary search; a list out of order is not one this tool wrote.
  IncrementalSite site;
  REQUIRE_FALSE(site.incremental().fatal);
  std::string body = site.cache_lines();
  // The first two adjacent output lines change places.
  std::size_t a = body.find("\nf\t") + 1, a_end = body.find('\n', a) + 1;
  while (body.compare(a_end, 2, "f\t") != 0) {
    a = body.find("\nf\t", a_end - 1) + 1;
    REQUIRE(a != 0);
    a_end = body.find('\n', a) + 1;
  }
  const std::size_t b_end = body.find('\n', a_end) + 1;
  const std::string first = body.substr(a, a_end - a), second = body.substr(a_end, b_end - a_end);
  body.replace(a, b_end - a, second + first);
  site.reseal_cache(body);
  BuildResult r = site.incremental();
  REQUIRE_FALSE(r.fatal);
  CHECK_FALSE(r.up_to_date);
  CHECK(r.files_written == r.outputs.size());
  site.require_same_as_cold();
}

TEST_CASE("a corrupted build cache is discarded and the site rebuilt in full", "[build_cache]") {
  IncrementalSite site;
  REQUIRE_FALSE(site.incremental().fatal);
  const std::string cache = site.options.cache_dir + "/build-v2";
  std::string text = read_file(cache);
  const std::size_t at = text.find("key\t") + 4;
  text[at] = text[at] == 'a' ? 'b' : 'a';
  write_file(cache, text);
  BuildResult r = site.incremental();
  REQUIRE_FALSE(r.fatal);
  CHECK_FALSE(r.up_to_date);
  CHECK(r.files_written == r.outputs.size());
  site.require_same_as_cold();
}

TEST_CASE("a cached build is not reused once now passes a page's publish_at", "[build_cache]") {
  IncrementalSite site;
  site.fx.repo.write(
      "content/tzgg/timed.md",
      ReviewFixture::page("定时", "定时发布的正文。", "publish_at: 2026-02-01 09:00\n"));
  site.fx.repo.commit("编辑\n");
  site.fx.approve_fully("content/tzgg/timed.md");
  BuildResult before = site.incremental();
  REQUIRE_FALSE(before.fatal);
  auto embargoed = [](const BuildResult& r) {
    for (const auto& x : r.refused)
      if (x.path == "content/tzgg/timed.md") return true;
    return false;
  };
  CHECK(embargoed(before));
  site.options.now += 3600;  // still before 2026-02-01
  CHECK(site.incremental().up_to_date);
  site.options.now = 1769907600 + 1;  // 2026-02-01 09:00 Beijing time, plus a second
  BuildResult after = site.incremental();
  REQUIRE_FALSE(after.fatal);
  CHECK_FALSE(after.up_to_date);
  CHECK_FALSE(embargoed(after));
  site.require_same_as_cold();
}

TEST_CASE("the time window ends at the first event after now and starts at the last before",
          "[build_cache]") {
  TimeWindow w = TimeWindow::around(100, {50, 100, 150, 300});
  CHECK(w.from == 100);
  CHECK(w.until == 150);
  CHECK(w.contains(100));
  CHECK(w.contains(149));
  CHECK_FALSE(w.contains(150));
  CHECK_FALSE(w.contains(99));
  CHECK(TimeWindow::around(0, {}).contains(-5));
}
