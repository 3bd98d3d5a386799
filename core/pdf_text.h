// The text of PDF attachments. The only poppler user in the project; this header names no
// poppler type.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace sanshen {

// The text of every page in reading order (poppler's physical layout), pages separated by a
// line break. Errors "page.invalid": not a PDF, damaged, or encrypted with a password.
Result<std::string> pdf_text(std::string_view bytes);

}  // namespace sanshen
