// The provenance manifest (design §8, schema in docs/manifest.md): an in-toto Statement v1 whose
// subjects are every output file and whose predicate records the build, and per page the blob and
// who approved it at which level. Written by the build; read back by `verify` and `diff`.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/build.h"
#include "core/result.h"

namespace sanshen {

inline constexpr const char* kStatementType = "https://in-toto.io/Statement/v1";
inline constexpr const char* kManifestPredicateType = "https://sanshen.invalid/provenance/v1";

// The Statement as JSON text: the exact bytes written to --manifest and signed by --sign-key.
std::string manifest_json(const BuildOptions& options, const BuildResult& result);
// The same bytes handed to `writer` a few MiB at a time; its first error is returned.
Status write_manifest(const BuildOptions& options, const BuildResult& result,
                      std::function<Status(std::string_view)> writer);

struct ManifestSubject {
  std::string name;    // path in the site, relative, '/'-separated
  std::string sha256;  // lowercase hex
};

struct ManifestWaiver {
  std::string rule, path;
  int line = 0;  // 0 = the whole file
  std::string level, commit;  // the review that granted it
};

struct ManifestReview {
  std::string level, commit, reviewer, name, title, key, time, opinion;
};

struct ManifestPage {
  std::string path;  // source path in the repository
  std::string blob;
  bool fallback = false;
  std::vector<std::string> outputs;
  std::vector<ManifestReview> reviews;  // chain order
  int check_warnings = 0;
  std::vector<ManifestWaiver> waivers;
};

struct ManifestRefusal {
  std::string path, blob;
  std::vector<Reason> reasons;
};

struct Manifest {
  std::vector<ManifestSubject> subjects;  // sorted by name, names unique
  std::string repository, revision, tool_version, rules_digest, theme_digest, time;
  std::optional<std::string> introduction;  // nullopt: built with --insecure-no-introduction
  std::vector<ManifestPage> pages;
  std::vector<ManifestRefusal> refused;

  const ManifestSubject* subject(std::string_view name) const;
};

// Parses and validates a Statement written by manifest_json. Error "manifest.invalid" (with
// `path`) for anything else: not JSON, another statement or predicate type, a subject name that
// is absolute, has `.`/`..` segments or repeats, a digest that is not 64 lowercase hex digits.
// Subject names are checked because `verify` joins them to a directory or URL.
Result<Manifest> parse_manifest(std::string_view text, const std::string& path);

}  // namespace sanshen
