#include "core/executable_dir.h"

#include <catch2/catch.hpp>

#include "support/test_env.h"

using namespace sanshen;
using namespace sanshen::testing;

TEST_CASE("the modules are looked for beside the running executable", "[executable_dir]") {
  const auto located = beside_executable("sanshen-pdf.so");
  REQUIRE(located);
  const std::string& path = *located;
  CHECK(path[0] == '/');
  CHECK(path.substr(path.size() - 15) == "/sanshen-pdf.so");
  // The test binary and sanshen are built into the same directory, with the PDF module.
  CHECK(read_file(path).substr(0, 4) ==
        "\x7f"
        "ELF");
}
