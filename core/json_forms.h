// JSON forms shared by the manifest, the build summary and `check --format json` (internal to
// core's .cc files, which link nlohmann-json privately).
#pragma once

#include <nlohmann/json.hpp>

#include "core/build.h"
#include "core/finding.h"

namespace sanshen {

nlohmann::json finding_json(const Finding& f);
nlohmann::json reason_json(const Reason& r);
nlohmann::json refused_json(const RefusedPage& r);

}  // namespace sanshen
