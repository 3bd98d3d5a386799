// Runs core's build on a fixture repository into a temp dir and answers questions about it.
#pragma once

#include <memory>
#include <string>

#include "core/build.h"
#include "tests/support/review_fixture.h"

namespace sanshen::testing {

struct Built {
  TempDir out_root;
  BuildOptions options;
  BuildResult result;

  const PublishedPage* published(const std::string& path) const;
  const RefusedPage* refused(const std::string& path) const;
  bool refused_for(const std::string& path, const std::string& rule) const;
  std::string out() const { return options.out_dir; }
  std::string fatal_rule() const { return result.fatal ? result.fatal->rule : ""; }
};

// introduction empty: --insecure-no-introduction. `adjust` may change options before the run.
std::unique_ptr<Built> build_fixture(ReviewFixture& fx, const std::string& introduction = "",
                                     void (*adjust)(BuildOptions&) = nullptr);

// "<root commit>:<admin fingerprint>": the fixture's first commit, signed by the admin.
std::string fixture_introduction(ReviewFixture& fx);

}  // namespace sanshen::testing
