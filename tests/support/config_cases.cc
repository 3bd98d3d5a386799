#include "tests/support/config_cases.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "tests/support/test_env.h"

namespace sanshen::testing {

std::vector<std::string> config_case_files(const std::string& kind, size_t at_least) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + "/tests/cases/" + kind))
    if (e.path().extension() == ".toml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= at_least);
  return files;
}

void check_config_case(const std::string& file, const std::string& text, const Error* error,
                       const std::string& config_path) {
  std::string expect = text.substr(0, text.find('\n'));
  INFO(std::filesystem::path(file).filename().string() << ": " << expect);
  if (expect == "# expect: ok") {
    INFO((error ? error->describe() : std::string()));
    CHECK(error == nullptr);
    return;
  }
  const std::string prefix = "# expect: error ";
  REQUIRE(expect.starts_with(prefix));
  std::string spec = expect.substr(prefix.size());
  size_t colon = spec.find(':');
  size_t space = spec.find(' ');
  REQUIRE(error != nullptr);
  INFO(error->describe());
  CHECK(error->rule == "config.invalid");
  CHECK(error->path == config_path);
  CHECK(error->line == std::stoi(spec.substr(0, colon)));
  CHECK(error->col == std::stoi(spec.substr(colon + 1, space - colon - 1)));
  CHECK(error->message.find(spec.substr(space + 1)) != std::string::npos);
}

}  // namespace sanshen::testing
