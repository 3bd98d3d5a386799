#include "core/shared_library.h"

#include <catch2/catch.hpp>

#include <cstring>

#include "support/test_env.h"

using namespace sanshen;
using namespace sanshen::testing;

TEST_CASE("a library that does not exist is an error naming it", "[shared_library]") {
  auto lib = SharedLibrary::open("libsanshen-no-such-library.so.7");
  REQUIRE_FALSE(lib);
  CHECK(lib.error().rule == "config.invalid");
  CHECK(lib.error().message.find("libsanshen-no-such-library.so.7") != std::string::npos);
  // The failure is remembered, not retried into a different answer.
  auto again = SharedLibrary::open("libsanshen-no-such-library.so.7");
  REQUIRE_FALSE(again);
  CHECK(again.error().message == lib.error().message);
}

TEST_CASE("an opened library binds its functions with their own types", "[shared_library]") {
  auto lib = SharedLibrary::open("libc.so.6");
  REQUIRE(lib);
  CHECK(*SharedLibrary::open("libc.so.6") == *lib);
  decltype(&::strlen) fn = nullptr;
  REQUIRE((*lib)->bind(fn, "strlen"));
  CHECK(fn("三审") == 6);
  decltype(&::strlen) missing = nullptr;
  const Status bound = (*lib)->bind(missing, "sanshen_no_such_function");
  REQUIRE_FALSE(bound);
  CHECK(bound.error().rule == "config.invalid");
  CHECK(bound.error().message.find("libc.so.6") != std::string::npos);
  CHECK(bound.error().message.find("sanshen_no_such_function") != std::string::npos);
  CHECK(missing == nullptr);
}

TEST_CASE("starting sanshen loads none of poppler, libcurl and librnp", "[shared_library]") {
  // They are opened when a PDF, `verify --base-url` or an OpenPGP key needs them; loaded at
  // start-up they cost every command, a no-op rebuild included, ~22 ms.
  const auto r = run("LD_DEBUG=files " + shell_quote(binary_path()) + " --version 2>&1");
  REQUIRE(r.status == 0);
  CHECK(r.output.find("calling init") != std::string::npos);  // LD_DEBUG did report
  for (const char* lib : {"libpoppler", "libcurl", "librnp", "libbotan"})
    CHECK(r.output.find(lib) == std::string::npos);
}

TEST_CASE("a sanshen copied without its PDF module refuses PDF attachments, naming the module",
          "[shared_library]") {
  TempDir tmp;
  const std::string bin = tmp.path() + "/bin";
  const std::string repo = tmp.path() + "/repo";
  run_ok("mkdir -p " + shell_quote(bin) + " " + shell_quote(repo + "/static/files") + " && cp " +
         shell_quote(binary_path()) + " " + shell_quote(engine_path()) + " " + shell_quote(bin) +
         " && cp " + shell_quote(source_dir() + "/tests/cases/attachments/clean.pdf") + " " +
         shell_quote(repo + "/static/files/") + " && git init -q " + shell_quote(repo));
  const std::string check = " check --repo " + shell_quote(repo) + " static/files/clean.pdf 2>&1";
  // Beside the build's own module the same file is clean.
  CHECK(run(shell_quote(binary_path()) + check).status == 0);
  const auto r = run(shell_quote(bin + "/sanshen") + check);
  CHECK(r.status == 1);
  CHECK(r.output.find("page.invalid") != std::string::npos);
  CHECK(r.output.find("sanshen-pdf.so") != std::string::npos);
}
