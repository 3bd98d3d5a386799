#include "core/file_system.h"

#include <catch2/catch.hpp>

#include "tests/support/test_env.h"

namespace sanshen {
namespace {

TEST_CASE("a file's stamp as written is the stamp found afterwards, parents created",
          "[file_system]") {
  testing::TempDir dir;
  FileSystem& fs = real_file_system();
  const std::string path = dir.path() + "/a/b/index.html";
  auto written = fs.write_file_stamped(path, "<p>一</p>\n");
  REQUIRE(written);
  CHECK(written->size == std::string("<p>一</p>\n").size());
  CHECK_FALSE(written->is_dir);
  CHECK(fs.stamp(path) == *written);
  // Replacing the file by a rename keeps the stamp it was written with.
  auto again = fs.write_file_stamped(path + ".new", "<p>二二</p>\n");
  REQUIRE(again);
  REQUIRE(fs.rename(path + ".new", path));
  CHECK(fs.stamp(path) == *again);
  CHECK_FALSE(*again == *written);
}

TEST_CASE("writing a stamped file where no directory can be made is an io.write error",
          "[file_system]") {
  testing::TempDir dir;
  FileSystem& fs = real_file_system();
  REQUIRE(fs.write_file(dir.path() + "/plain", "x"));
  auto written = fs.write_file_stamped(dir.path() + "/plain/child.html", "y");
  REQUIRE_FALSE(written);
  CHECK(written.error().rule == "io.write");
  CHECK(written.error().path == dir.path() + "/plain/child.html");
}

TEST_CASE("a file opened for writing gets its pieces in order, parents created", "[file_system]") {
  testing::TempDir dir;
  FileSystem& fs = real_file_system();
  const std::string path = dir.path() + "/x/y/manifest.json";
  auto file = fs.open_for_writing(path);
  REQUIRE(file);
  REQUIRE((*file)->write("{\"a\":"));
  REQUIRE((*file)->write(""));
  REQUIRE((*file)->write("\"一\"}\n"));
  REQUIRE((*file)->close());
  auto text = fs.read_file(path);
  REQUIRE(text);
  CHECK(*text == "{\"a\":\"一\"}\n");
  // Writing after close is an error, not a write to a reused descriptor.
  CHECK_FALSE((*file)->write("more"));
  CHECK_FALSE((*file)->close());
}

TEST_CASE("opening a file for writing where no directory can be made is an io.write error",
          "[file_system]") {
  testing::TempDir dir;
  FileSystem& fs = real_file_system();
  REQUIRE(fs.write_file(dir.path() + "/plain", "x"));
  auto file = fs.open_for_writing(dir.path() + "/plain/m.json");
  REQUIRE_FALSE(file);
  CHECK(file.error().rule == "io.write");
  CHECK(file.error().path == dir.path() + "/plain/m.json");
}

TEST_CASE("a mapped file has the bytes read_file returns, empty and missing files included",
          "[file_system]") {
  testing::TempDir dir;
  FileSystem& fs = real_file_system();
  std::string big;
  for (int i = 0; big.size() < 3 * 4096 + 17; ++i) big += "第" + std::to_string(i) + "行\n";
  REQUIRE(fs.write_file(dir.path() + "/big", big));
  REQUIRE(fs.write_file(dir.path() + "/empty", ""));
  for (const std::string name : {"big", "empty"}) {
    auto mapped = fs.map_file(dir.path() + "/" + name);
    REQUIRE(mapped);
    CHECK((*mapped)->bytes() == *fs.read_file(dir.path() + "/" + name));
  }
  // The bytes stay valid after the file is replaced by a rename (as a cache is rewritten).
  auto mapped = fs.map_file(dir.path() + "/big");
  REQUIRE(mapped);
  REQUIRE(fs.write_file(dir.path() + "/big.new", "other"));
  REQUIRE(fs.rename(dir.path() + "/big.new", dir.path() + "/big"));
  CHECK((*mapped)->bytes() == big);

  auto missing = fs.map_file(dir.path() + "/missing");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().rule == "io.read");
  CHECK(missing.error().path == dir.path() + "/missing");
}

TEST_CASE("moving a file creates the directories it goes into and keeps its stamp",
          "[file_system]") {
  testing::TempDir dir;
  FileSystem& fs = real_file_system();
  auto written = fs.write_file_stamped(dir.path() + "/staging/a/index.html", "<p>一</p>\n");
  REQUIRE(written);
  REQUIRE(fs.move_file(dir.path() + "/staging/a/index.html", dir.path() + "/site/a/b/index.html"));
  CHECK(fs.stamp(dir.path() + "/site/a/b/index.html") == *written);
  CHECK_FALSE(fs.exists(dir.path() + "/staging/a/index.html"));
}

TEST_CASE("moving a file that is not there is an io.write error and creates nothing",
          "[file_system]") {
  testing::TempDir dir;
  FileSystem& fs = real_file_system();
  auto moved = fs.move_file(dir.path() + "/missing.html", dir.path() + "/site/a/index.html");
  REQUIRE_FALSE(moved);
  CHECK(moved.error().rule == "io.write");
  CHECK(moved.error().path == dir.path() + "/missing.html");
  CHECK_FALSE(fs.exists(dir.path() + "/site"));
}

}  // namespace
}  // namespace sanshen
