// `sanshen manifest merge`: the states written by `build --shard i/n` for every i become one
// site and one manifest, byte for byte what a single build of the revision writes. The shards
// did the gate's work (signatures, chains, checks); the merge checks that the states fit
// together — one revision, the same options and rules, every page of the revision decided by
// exactly the shard its path belongs to — then renders and writes the site.
#pragma once

#include <string>
#include <vector>

#include "core/build.h"
#include "core/file_system.h"
#include "core/reporter.h"

namespace sanshen {

struct MergeOptions {
  std::vector<std::string> state_paths;
  std::string repo_path = ".";  // where the revision's objects are read
  std::string out_dir = "public";
  std::string manifest_path = "provenance.json";
  int jobs = 1;
};

// Errors (in result.fatal, nothing written): shard.invalid (unreadable state), shard.mismatch
// (states of different builds), shard.incomplete (a shard or a page missing, or decided twice).
BuildResult run_merge(const MergeOptions& options, FileSystem& fs, Reporter& reporter);

}  // namespace sanshen
