// Where the running executable lives: sanshen's own programs and modules (sanshen-engine,
// sanshen-pdf.so) are looked for beside it, never on a search path.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace sanshen {

// `file` in the directory of the running executable. Errors "config.invalid" when the
// executable cannot be located: never a relative path, which would load a module from
// wherever the command runs (a content checkout).
Result<std::string> beside_executable(std::string_view file);

}  // namespace sanshen
