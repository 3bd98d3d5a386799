// A content repository with a roster of real ssh keys, for tests of the gate.
#pragma once

#include <string>
#include <vector>

#include "tests/support/test_env.h"

namespace sanshen::testing {

struct ReviewFixture {
  TestRepo repo;
  TestKey admin, editor, head, leader, outsider;

  // Keys, roster (admin; editor 初审; head 复审; leader 终审), policy, site config, one section
  // `tzgg` and one page `content/tzgg/notice.md`, committed (the roster signed by the admin).
  ReviewFixture();

  static std::string roster_toml(const std::vector<std::string>& reviewer_tables);
  std::string reviewer_table(const std::string& id, const TestKey& key,
                             const std::string& levels, const std::string& extra = "") const;
  // Writes the roster with the four standard people plus `extra_tables`, committed by the admin.
  std::string write_roster(const std::vector<std::string>& extra_tables = {},
                           const std::string& editor_extra = "");

  // A signed review commit for the current blob of `path` (or `blob` when given).
  std::string review(const std::string& level, const TestKey* key,
                     const std::string& path = "content/tzgg/notice.md",
                     const std::string& decision = "approve", const std::string& blob = "");
  // 初审, 复审, 终审 by editor, head, leader.
  void approve_fully(const std::string& path = "content/tzgg/notice.md");

  static std::string page(const std::string& title, const std::string& body,
                          const std::string& extra_front_matter = "");
};

}  // namespace sanshen::testing
