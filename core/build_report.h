// Machine- and human-readable forms of a build's outcome (design §6 `build --format`).
#pragma once

#include <cstdint>
#include <string>

#include "core/build.h"

namespace sanshen {

// `build --format json`: {"revision", "published", "refused", "fatal"}.
std::string summary_json(const BuildResult& result);
// Chinese-first text summary for a terminal.
std::string summary_text(const BuildResult& result, const BuildOptions& options);

std::string iso8601_utc(int64_t seconds);

}  // namespace sanshen
