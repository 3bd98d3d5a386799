#include "core/sealed_file.h"

#include <catch2/catch.hpp>

#include "core/hash.h"
#include "tests/support/test_env.h"

namespace sanshen {
namespace {

constexpr std::string_view kHeader = "test cache v1\n";

TEST_CASE("a sealed file reads back as the lines after its header, no .new left behind",
          "[sealed_file]") {
  testing::TempDir dir;
  FileSystem& fs = real_file_system();
  const std::string path = dir.path() + "/cache";
  REQUIRE(write_sealed(fs, path, std::string(kHeader) + "a\t1\nb\t二\n"));
  CHECK_FALSE(fs.exists(path + ".new"));
  auto text = fs.read_file(path);
  REQUIRE(text);
  CHECK(text->ends_with("sha256 " + sha256_hex(std::string(kHeader) + "a\t1\nb\t二\n") + "\n"));
  auto lines = unsealed_lines(*text, kHeader);
  REQUIRE(lines);
  CHECK(*lines == "a\t1\nb\t二\n");
}

TEST_CASE("a file whose header or seal is wrong is not unsealed", "[sealed_file]") {
  const std::string body = std::string(kHeader) + "a\t1\n";
  const std::string good = body + "sha256 " + sha256_hex(body) + "\n";
  REQUIRE(unsealed_lines(good, kHeader));

  std::string flipped = good;
  flipped[kHeader.size()] = 'b';
  std::string flipped_digest = good;
  flipped_digest[good.size() - 2] = flipped_digest[good.size() - 2] == '0' ? '1' : '0';

  const auto [name, text] = GENERATE_COPY(table<std::string, std::string>({
      {"a changed line", flipped},
      {"a changed digest", flipped_digest},
      {"no seal", body},
      {"the last byte cut", good.substr(0, good.size() - 1)},
      {"a seal with trailing bytes", good + "x"},
      {"a short digest", body + "sha256 x\n"},
      {"another header", "other cache v1\n" + good.substr(kHeader.size())},
      {"an empty file", ""},
  }));
  INFO(name);
  CHECK_FALSE(unsealed_lines(text, kHeader));
}

TEST_CASE("a header alone, sealed, is an empty list of lines", "[sealed_file]") {
  const std::string text = std::string(kHeader) + "sha256 " + sha256_hex(kHeader) + "\n";
  auto lines = unsealed_lines(text, kHeader);
  REQUIRE(lines);
  CHECK(lines->empty());
}

TEST_CASE("a seal found inside the header does not count as the file's seal", "[sealed_file]") {
  // The header itself looks like the seal of an empty file; only a seal after it counts.
  const std::string header = "sha256 " + sha256_hex("") + "\n";
  CHECK_FALSE(unsealed_lines(header, header));
  CHECK(unsealed_lines(header + "sha256 " + sha256_hex(header) + "\n", header));
}

}  // namespace
}  // namespace sanshen
