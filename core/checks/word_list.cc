#include "core/checks/word_list.h"

#include "core/unicode_text.h"

namespace sanshen {
namespace {

const std::string kRulesDir = ".sanshen/rules/";

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

Result<std::vector<WordEntry>> parse_word_list(std::string_view content, const std::string& file) {
  const std::string path = kRulesDir + file;
  if (auto bad = find_invalid_utf8(content)) {
    const TextPosition pos = LineIndex(content).position(*bad);
    return make_error("config.invalid", "词表不是有效的 UTF-8 编码 (invalid UTF-8)", path,
                      pos.line, pos.col);
  }
  std::vector<WordEntry> entries;
  int line_no = 0;
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t stop = content.find('\n', start);
    if (stop == std::string_view::npos) stop = content.size();
    const std::string_view line = trim(content.substr(start, stop - start));
    start = stop + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;

    std::vector<std::string> parts;
    std::size_t from = 0;
    while (true) {
      const std::size_t bar = line.find('|', from);
      const std::string_view part = trim(line.substr(from, bar - from));
      parts.push_back(normalize(part).text());
      if (bar == std::string_view::npos) break;
      from = bar + 1;
    }

    WordEntry entry;
    entry.word = parts.front();
    entry.file = file;
    entry.line = line_no;
    if (entry.word.empty())
      return make_error("config.invalid", "词条为空 (empty word)", path, line_no);
    for (char c : entry.word)
      if (is_ascii_alnum(c)) entry.latin = true;
    // Latin entries match caselessly, so containment is checked caselessly too.
    const std::string word_key = entry.latin ? ascii_lower(entry.word) : entry.word;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      if (parts[i].empty())
        return make_error("config.invalid", "允许上下文为空 (empty allow context)", path, line_no);
      const std::string context_key = entry.latin ? ascii_lower(parts[i]) : parts[i];
      // Equal to the word, a context would silently switch the entry off.
      if (context_key.size() <= word_key.size() || context_key.find(word_key) == std::string::npos)
        return make_error("config.invalid",
                          "允许上下文「" + parts[i] + "」须比词条「" + entry.word +
                              "」长并包含它 (allow context must be longer and contain the word)",
                          path, line_no);
      entry.allow.push_back(std::move(parts[i]));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace sanshen
