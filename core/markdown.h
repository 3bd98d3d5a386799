// Markdown body → HTML fragment (GitHub dialect). Raw HTML in content is escaped, never passed
// through: pages are public government content and must not carry injected markup.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace sanshen {

// Errors "markdown.render" only when md4c itself fails (out of memory).
Result<std::string> render_markdown(std::string_view md);

}  // namespace sanshen
