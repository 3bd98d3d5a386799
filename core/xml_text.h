// The text of Office Open XML parts (.docx, .xlsx attachments). The only XML-parser (pugixml)
// user in the project; this header names no pugixml type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sanshen {

// word/document.xml (and headers, footers, footnotes): one line per paragraph `w:p`, text runs
// `w:t` joined, `w:tab` as a tab, `w:br`/`w:cr` as a line break. Table cells are paragraphs too.
// Errors "page.invalid": not well-formed XML.
Result<std::string> wordprocessing_text(std::string_view xml);

// xl/sharedStrings.xml: the shared strings `si` by index (rich-text runs joined).
Result<std::vector<std::string>> spreadsheet_shared_strings(std::string_view xml);

// xl/worksheets/sheetN.xml: one line per row `row`, cells `c` separated by tabs; shared-string
// cells (t="s") are looked up in `shared`, inline strings (t="inlineStr") read from `is`, other
// cells give their value `v` as written (a number stays its digits, so ID numbers stored as
// numbers are still seen).
Result<std::string> worksheet_text(std::string_view xml, const std::vector<std::string>& shared);

}  // namespace sanshen
