// `sanshen build`: the only orchestrator. Reads the repository at a revision, verifies the review
// chains, runs the content checks, renders what passed and writes the site and manifest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/file_system.h"
#include "core/finding.h"
#include "core/reporter.h"
#include "core/result.h"
#include "core/review_chain.h"

namespace sanshen {

// Page i of n (1-based, as CI matrices number their jobs) is decided by the shard its path
// hashes to, so the split does not change when unrelated pages are added or removed.
struct ShardSpec {
  int index = 1;
  int count = 1;

  bool whole() const { return count == 1; }
  bool operator==(const ShardSpec&) const = default;
};

struct BuildOptions {
  std::string repo_path = ".";
  std::string rev = "HEAD";
  std::string out_dir = "public";
  std::string manifest_path = "provenance.json";
  std::string introduction;  // "<commit>:<fingerprint>", empty when not given
  bool insecure_no_introduction = false;
  int64_t build_time = 0;  // seconds since epoch (SOURCE_DATE_EPOCH or the clock)
  int64_t now = 0;         // for publish_at / expires (--now, else build_time)
  bool strict = false;     // refuse instead of keeping an older approved version online
  std::string cache_dir;   // empty: <repo>/.git/sanshen
  bool no_cache = false;
  int jobs = 1;  // threads for verification, checks and rendering
  // shard_state_path set: decide only this shard's pages and write their decisions there (for
  // `manifest merge`) instead of a site and manifest.
  ShardSpec shard;
  std::string shard_state_path;
};

struct PublishedPage {
  std::string path;
  std::string blob;
  std::vector<std::string> outputs;  // relative to out_dir
  bool fallback = false;             // an older approved blob while the current one is pending
  std::vector<ReviewAttempt> approvals;
  std::vector<Finding> warnings;
};

struct RefusedPage {
  std::string path;
  std::string blob;
  std::vector<Reason> reasons;
  std::vector<Finding> findings;  // check findings of this blob, for the report
};

struct OutputDigest {
  std::string path;  // relative to out_dir
  std::string sha256;

  bool operator==(const OutputDigest&) const = default;
};

struct BuildResult {
  std::string revision;
  std::vector<PublishedPage> published;
  std::vector<RefusedPage> refused;
  std::vector<OutputDigest> outputs;
  std::vector<std::string> checks_run;
  std::string rules_digest;
  std::string theme_digest;
  std::size_t signatures_verified = 0;  // verified in this build
  std::size_t signatures_cached = 0;    // taken from the cache
  bool up_to_date = false;  // nothing changed since the last build: nothing was rewritten
  std::size_t files_written = 0;  // output files whose bytes changed (all, for a full write)
  std::optional<Error> fatal;  // set: nothing was written
};

BuildResult run_build(const BuildOptions& options, FileSystem& fs, Reporter& reporter);

}  // namespace sanshen
