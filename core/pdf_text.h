// The text of PDF attachments. poppler itself lives in the module sanshen-pdf.so beside the
// executable (core/modules/pdf_reader.cc), opened on the first PDF: linked into the binary, its
// ~40 libraries cost every command ~11 ms of start-up. This header names no poppler type.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace sanshen {

// The text of every page in reading order (poppler's physical layout), pages separated by a
// line break. Errors "page.invalid": not a PDF, damaged, encrypted with a password, or the
// module cannot be loaded (then no PDF is checked, and so none is published).
Result<std::string> pdf_text(std::string_view bytes);

}  // namespace sanshen
