#include "core/background_consumer.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <vector>

using namespace sanshen;

TEST_CASE("a background consumer takes items in push order and finish waits for all of them",
          "[background_consumer]") {
  std::vector<int> seen;
  BackgroundConsumer<int> consumer(
      [&](int i) {
        seen.push_back(i);
        return ok_status();
      },
      16);
  for (int i = 0; i < 1000; ++i) REQUIRE(consumer.push(i, 4));
  REQUIRE(consumer.finish());
  REQUIRE(seen.size() == 1000);
  for (int i = 0; i < 1000; ++i) CHECK(seen[i] == i);
}

TEST_CASE("a background consumer's first error is returned and stops the rest",
          "[background_consumer]") {
  std::atomic<int> consumed{0};
  BackgroundConsumer<int> consumer(
      [&](int i) -> Status {
        ++consumed;
        if (i == 3) return make_error("io.write", "disk full", "x/" + std::to_string(i));
        return ok_status();
      },
      1);
  bool push_failed = false;
  for (int i = 0; i < 100 && !push_failed; ++i) push_failed = !consumer.push(i, 1);
  auto s = consumer.finish();
  REQUIRE_FALSE(s);
  CHECK(s.error().path == "x/3");
  CHECK(consumed.load() == 4);
}

TEST_CASE("a background consumer never holds more than its byte limit plus one item",
          "[background_consumer]") {
  std::atomic<std::size_t> in_flight{0}, worst{0};
  BackgroundConsumer<std::string> consumer(
      [&](std::string s) {
        in_flight -= s.size();
        return ok_status();
      },
      100);
  for (int i = 0; i < 500; ++i) {
    std::string item(30, 'x');
    const std::size_t now = in_flight += item.size();
    worst = std::max(worst.load(), now);
    REQUIRE(consumer.push(std::move(item), 30));
  }
  REQUIRE(consumer.finish());
  CHECK(worst.load() <= 100 + 30 + 30);
}
