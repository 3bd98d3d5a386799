#include "core/checks/waivers.h"

#include <catch2/catch.hpp>

namespace sanshen {

TEST_CASE("a waiver silences exactly the finding of its rule, path and line", "[checks]") {
  const std::vector<Finding> findings = {
      {"content/a.md", 3, 1, Severity::kError, "pii.mobile", "m", "13812345678"},
      {"content/a.md", 5, 1, Severity::kError, "pii.mobile", "m", "13912345678"},
      {"content/a.md", 3, 9, Severity::kError, "words.banned", "w", "赌博"},
      {"content/b.md", 3, 1, Severity::kError, "pii.mobile", "m", "13812345678"}};
  const auto out = apply_waivers(findings, {{"pii.mobile", "content/a.md", 3}});
  REQUIRE(out.waived.size() == 1);
  CHECK(out.waived[0].line == 3);
  CHECK(out.waived[0].rule == "pii.mobile");
  CHECK(out.kept.size() == 3);
  CHECK(out.unused.empty());
}

TEST_CASE("a waiver without a line covers its rule anywhere in the file", "[checks]") {
  const std::vector<Finding> findings = {
      {"content/a.md", 3, 1, Severity::kError, "pii.mobile", "m", ""},
      {"content/a.md", 5, 1, Severity::kWarning, "pii.mobile", "m", ""},
      {"content/a.md", 6, 1, Severity::kError, "words.banned", "w", ""}};
  const auto out = apply_waivers(findings, {{"pii.mobile", "content/a.md", 0}});
  CHECK(out.waived.size() == 2);
  REQUIRE(out.kept.size() == 1);
  CHECK(out.kept[0].rule == "words.banned");
}

TEST_CASE("waivers that cover nothing are reported as unused", "[checks]") {
  const std::vector<Finding> findings = {
      {"content/a.md", 3, 1, Severity::kError, "pii.mobile", "m", ""}};
  const auto out = apply_waivers(findings, {{"pii.mobile", "content/a.md", 4},
                                            {"pii.id-card", "content/a.md", 3},
                                            {"pii.mobile", "content/c.md", 3}});
  CHECK(out.waived.empty());
  CHECK(out.kept.size() == 1);
  CHECK(out.unused.size() == 3);
}

}  // namespace sanshen
