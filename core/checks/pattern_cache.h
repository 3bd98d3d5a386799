// The compiled pattern database on disk (design §5: serialized and cached by rules digest), so a
// 20,000-word list is compiled once, not at every build.
#pragma once

#include <string>
#include <vector>

#include "core/pattern_scan.h"
#include "core/result.h"

namespace sanshen {

// The set for `literals`: loaded from `dir` when a cache file for exactly these literals is
// there and intact, else compiled and written there (atomically, best effort). `dir` empty:
// always compiled. from_cache tells which happened. Errors: those of PatternSet::compile.
Result<PatternSet> cached_pattern_set(const std::vector<Literal>& literals, const std::string& dir,
                                      bool& from_cache);

}  // namespace sanshen
