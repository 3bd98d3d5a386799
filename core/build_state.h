// A build's decisions as data: what `build --shard i/n` hands to `sanshen manifest merge`, and
// what the build cache keeps so that an unchanged rebuild is answered without the gate. JSON in
// which every field of the decisions round-trips.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/build.h"
#include "core/result.h"

namespace sanshen {

// "i/n" with 1 ≤ i ≤ n ≤ 4096; error "config.invalid" otherwise.
Result<ShardSpec> parse_shard(std::string_view text);
std::string shard_text(const ShardSpec& shard);
bool in_shard(std::string_view path, const ShardSpec& shard);

// Everything the outputs are a function of besides the repository's objects, and the decisions.
struct BuildState {
  ShardSpec shard;
  std::string repository;  // as given to --repo (the manifest records it)
  std::string introduction;
  bool insecure_no_introduction = false;
  bool strict = false;
  int64_t build_time = 0;
  int64_t now = 0;
  BuildResult result;  // fatal is never set in a state
};

BuildState state_of(const BuildOptions& options, const ShardSpec& shard, BuildResult result);
// Elements of the long arrays are printed on `jobs` threads (same bytes for any `jobs`).
std::string build_state_json(const BuildState& state, int jobs = 1);
// Error "shard.invalid" with `path` for anything build_state_json did not write.
Result<BuildState> parse_build_state(std::string_view text, const std::string& path);

}  // namespace sanshen
