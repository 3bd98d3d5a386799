// The provenance manifest (design §8): an in-toto Statement v1 whose subjects are every output
// file and whose predicate records, per page, the blob and who approved it at which level.
#pragma once

#include <string>

#include "core/build.h"

namespace sanshen {

inline constexpr const char* kManifestPredicateType = "https://sanshen.invalid/provenance/v1";

std::string manifest_json(const BuildOptions& options, const BuildResult& result);

}  // namespace sanshen
