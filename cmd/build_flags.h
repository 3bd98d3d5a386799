// The flags of `sanshen build`, shared by the engine (cmd/build.cc) and the launcher
// (cmd/launcher/main.cc), so both read a command line the same way and print the same summary.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "core/build.h"
#include "core/result.h"

namespace sanshen::cmd {

struct BuildFlags {
  BuildOptions options;  // as the flags set them; see build_options_of
  std::string format = "text";
  std::string sign_key;
  std::string now;
  std::string shard;
  bool fail_on_refused = false;
};

// Adds the `build` subcommand to `app`; the flags are filled in when `app` parses.
std::shared_ptr<BuildFlags> add_build_flags(CLI::App& app);

// The options of the build, completed from --shard, --now and the environment
// (SANSHEN_INTRODUCTION, SOURCE_DATE_EPOCH); an error names the flag.
Result<BuildOptions> build_options_of(const BuildFlags& flags);

// Prints the summary (text or JSON) and returns the exit code: 2 fatal, 1 refusals under
// --strict or --fail-on-refused, else 0.
int report_build(const BuildResult& result, const BuildOptions& options, const BuildFlags& flags);

}  // namespace sanshen::cmd
