#include "tests/support/build_helper.h"

#include <algorithm>

namespace sanshen::testing {

const PublishedPage* Built::published(const std::string& path) const {
  for (const auto& p : result.published)
    if (p.path == path) return &p;
  return nullptr;
}

const RefusedPage* Built::refused(const std::string& path) const {
  for (const auto& p : result.refused)
    if (p.path == path) return &p;
  return nullptr;
}

bool Built::refused_for(const std::string& path, const std::string& rule) const {
  const RefusedPage* r = refused(path);
  return r && std::any_of(r->reasons.begin(), r->reasons.end(),
                          [&](const Reason& x) { return x.rule == rule; });
}

std::unique_ptr<Built> build_fixture(ReviewFixture& fx, const std::string& introduction,
                                     void (*adjust)(BuildOptions&)) {
  auto b = std::make_unique<Built>();
  b->options.repo_path = fx.repo.path();
  b->options.out_dir = b->out_root.path() + "/public";
  b->options.manifest_path = b->out_root.path() + "/provenance.json";
  b->options.introduction = introduction;
  b->options.insecure_no_introduction = introduction.empty();
  b->options.build_time = 1767225600;
  b->options.now = b->options.build_time;
  if (adjust) adjust(b->options);
  NullReporter reporter;
  b->result = run_build(b->options, real_file_system(), reporter);
  return b;
}

std::string fixture_introduction(ReviewFixture& fx) {
  return fx.repo.git("rev-list --max-parents=0 HEAD") + ":" + fx.admin.fingerprint;
}

}  // namespace sanshen::testing
