// The text of attachments under static/ (design §5: every text-bearing attachment is checked).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/front_matter.h"
#include "core/result.h"

namespace sanshen {

// By file extension (case-insensitive):
//   .txt .csv .md .htm .html: the bytes, as UTF-8, or decoded from GB18030 (GBK) when they are
//   not valid UTF-8 — spreadsheets exported on Chinese Windows are;
//   .docx: body, headers, footers, footnotes and endnotes, a line per paragraph;
//   .xlsx: every worksheet, a line per row, cells separated by tabs;
//   .pdf: every page's text.
// nullopt: a type without text to check (images, archives, media, …).
// Errors "page.invalid": a damaged file of a known type; an old binary Office file (.doc,
// .xls, .ppt, .wps, .et), whose text this build cannot read.
Result<std::optional<std::string>> extract_attachment_text(std::string_view path,
                                                           std::string_view bytes);

// The repository paths under static/ a page links to: its front matter `attachments` and the
// targets of links and images in its body that are `/static/…` or `static/…` (the build's
// convention for static references), without query or fragment. The gate checks each with
// ContentChecker::check_attachment and refuses the page when one has an error.
std::vector<std::string> linked_attachments(const PageSource& page);

}  // namespace sanshen
