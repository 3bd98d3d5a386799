// Word-list files in .sanshen/rules/ (design §5): one entry per line, `#` comment lines, blank
// lines, `word|allow-context|allow-context…`. An allow context is a longer phrase containing the
// word; inside it the word is harmless (`口交|路口交通`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sanshen {

struct WordEntry {
  std::string word;                // normalized the way checked text is
  std::vector<std::string> allow;  // normalized allow contexts, each containing the word
  bool latin = false;              // has ASCII letters or digits: matched caselessly, whole words
  std::string file;                // path relative to .sanshen/rules/, for messages
  int line = 0;
};

// Errors "config.invalid" with .sanshen/rules/<file>:line(:col): invalid UTF-8, an empty word
// or allow context, an allow context that is not longer than its word or does not contain it.
Result<std::vector<WordEntry>> parse_word_list(std::string_view content, const std::string& file);

}  // namespace sanshen
