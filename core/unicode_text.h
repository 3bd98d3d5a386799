// Text normalization for content checks (design §5): UTF-8 validation, NFKC, removal of noise
// inserted between CJK characters, and the offset map that lets every finding point back to the
// original line and column. The only ICU user in the project; this header names no ICU type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sanshen {

// Byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates, code points above
// U+10FFFF and truncated sequences are invalid), or nullopt when the whole text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// A half-open byte range [begin, end).
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Normalized text plus the map back to the original bytes (texts up to 4 GiB).
class NormalizedText {
 public:
  const std::string& text() const { return text_; }
  // The original bytes a normalized range came from. A range that starts or ends inside the
  // output of one normalization segment (e.g. inside "(1)" from "⑴") widens to the whole
  // segment; noise removed from the inside of the range is included.
  TextSpan original_span(TextSpan normalized) const;

 private:
  // A stretch of output that came from one stretch of input. `exact` runs were copied unchanged,
  // so offsets inside them map one to one; other runs are one normalization segment.
  struct Run {
    std::uint32_t norm_begin;
    std::uint32_t norm_end;
    std::uint32_t orig_begin;
    std::uint32_t orig_end;
    bool exact;
  };
  const Run& run_containing(std::size_t norm_offset) const;

  std::string text_;
  std::vector<Run> runs_;

  friend class NormalizedTextBuilder;
};

// NFKC (full-width letters, digits and punctuation become ASCII; U+3000 becomes a space), then
// traditional→simplified one code point at a time (a table generated from ICU's
// Traditional-Simplified transliterator, core/unicode_text_t2s.inc: `內容審核` → `内容审核`;
// a character with several simplified forms always takes the same one, which is harmless for
// matching because word lists go through this same function), then drops runs of noise that sit between two Han characters: spaces and tabs (not line breaks, so
// words never join across lines), zero-width characters (U+200B–U+200D, U+2060, U+FEFF), soft
// hyphen, and the ASCII/CJK symbols used to split words (`*` `_` `-` `.` `/` `\` `|` `~` `+` `=`
// `^` `#` `` ` `` `'` `"` `·` `•` `・`). Sentence punctuation (`，。、；：！？` and brackets) is kept:
// removing it would join words across clauses. A removed character has Han characters on both
// sides, so text around digits, letters and other symbols is exactly the NFKC text.
// Invalid UTF-8 bytes become U+FFFD; validate first with find_invalid_utf8 to report them.
NormalizedText normalize(std::string_view original);

// Bytes in GB18030 (a superset of GBK and GB2312) as UTF-8; undecodable bytes become U+FFFD.
std::string gb18030_to_utf8(std::string_view bytes);

struct TextPosition {
  int line = 1;  // 1-based
  int col = 1;   // 1-based, in Unicode code points
};

// Turns byte offsets of a text into line and column. Keeps a view: the text must outlive it.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  TextPosition position(std::size_t byte_offset) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace sanshen
