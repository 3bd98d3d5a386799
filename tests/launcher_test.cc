// The launcher (cmd/launcher/main.cc): a no-op build is answered by it alone, exactly as the
// engine would answer it; everything else reaches the engine unchanged.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/test_env.h"

using namespace sanshen::testing;
namespace fs = std::filesystem;

namespace {

// The example repository built once by the launcher (which ran the engine for it), and a copy
// of the launcher alone in a directory without the engine.
struct BuiltExample {
  TempDir dir;
  std::string repo, lone_launcher, flags;

  BuiltExample() {
    repo = dir.path() + "/repo";
    run_ok(shell_quote(source_dir() + "/scripts/make-example-repo.sh") + " " + shell_quote(repo));
    std::string introduction = read_file(repo + "/.git/sanshen-introduction");
    while (!introduction.empty() && introduction.back() == '\n') introduction.pop_back();
    fs::create_directories(dir.path() + "/alone");
    lone_launcher = dir.path() + "/alone/sanshen";
    fs::copy_file(binary_path(), lone_launcher);
    flags = " build --repo " + shell_quote(repo) + " --out " + shell_quote(dir.path() + "/public") +
            " --manifest " + shell_quote(dir.path() + "/provenance.json") + " --introduction " +
            shell_quote(introduction);
    run_ok(command(binary_path(), ""));
  }

  std::string command(const std::string& program, const std::string& extra) const {
    return "SOURCE_DATE_EPOCH=1767225600 " + shell_quote(program) + flags + extra + " 2>&1";
  }
};

BuiltExample& built() {
  static BuiltExample b;
  return b;
}

}  // namespace

TEST_CASE("a no-op build is answered without the engine, as the engine answers it", "[launcher]") {
  auto& b = built();
  for (const char* extra : {"", " --format json", " --fail-on-refused", " --jobs 1"}) {
    INFO(extra);
    const auto engine = run(b.command(engine_path(), extra));
    const auto alone = run(b.command(b.lone_launcher, extra));
    INFO(alone.output);
    CHECK(alone.status == engine.status);
    CHECK(alone.output == engine.output);
    CHECK(alone.output.find("无法启动") == std::string::npos);
  }
  // The example refuses some pages, so these two exit 1 from the launcher as from the engine.
  CHECK(run(b.command(b.lone_launcher, " --fail-on-refused")).status == 1);
  CHECK(run(b.command(b.lone_launcher, "")).output.find("up to date") != std::string::npos);
}

TEST_CASE("the launcher hands a build with work to do to the engine", "[launcher]") {
  auto& b = built();
  const std::string page = b.dir.path() + "/public/index.html";
  const std::string before = read_file(page);
  write_file(page, before + "<!-- changed -->");
  // Alone it cannot build, and says so, rather than calling the changed site up to date.
  const auto alone = run(b.command(b.lone_launcher, ""));
  CHECK(alone.status == 2);
  CHECK(alone.output.find("无法启动 (cannot start)") != std::string::npos);
  CHECK(alone.output.find("sanshen-engine") != std::string::npos);
  CHECK(read_file(page) == before + "<!-- changed -->");
  // Beside the engine, the same command line rebuilds the page.
  const auto rebuilt = run(b.command(binary_path(), ""));
  INFO(rebuilt.output);
  CHECK(rebuilt.output.find("up to date") == std::string::npos);
  CHECK(read_file(page) == before);
  // Flags that only the engine acts on: a shard and a signing key are never answered alone.
  CHECK(run(b.command(b.lone_launcher, " --shard 1/2")).status == 2);
  CHECK(run(b.command(b.lone_launcher, " --sign-key /nonexistent")).status == 2);
}

TEST_CASE("other commands, bad flags and help reach the engine unchanged", "[launcher]") {
  auto& b = built();
  for (const char* args :
       {" --version", " build --help", " build --jobs 0", " build --no-such-flag",
        " build --now yesterday", " status --help", ""}) {
    INFO(args);
    const auto via_launcher = run(shell_quote(binary_path()) + args + " 2>&1");
    const auto engine = run(shell_quote(engine_path()) + args + " 2>&1");
    CHECK(via_launcher.status == engine.status);
    // CLI11 names the program by argv[0], which the launcher passes on as it got it.
    std::string expected = engine.output;
    for (std::size_t at; (at = expected.find(engine_path())) != std::string::npos;)
      expected.replace(at, engine_path().size(), binary_path());
    CHECK(via_launcher.output == expected);
  }
  const auto bad_now = run(b.command(b.lone_launcher, " --now yesterday"));
  CHECK(bad_now.status == 2);
  CHECK(bad_now.output.find("无法启动 (cannot start)") != std::string::npos);
}
