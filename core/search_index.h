// The static site search (design §7): an inverted index the browser loads as a plain script,
// so search works from any static server and from file:// with no server-side code.
//
// Chinese has no spaces between words, so text is indexed by character bigrams: a run of CJK
// characters "森林防火" gives 森林, 林防, 防火, and a query's bigrams must all occur in a page.
// Any two-character word is therefore found exactly; a single character is matched by the
// browser against every key that contains it. Runs of ASCII letters and digits are whole
// lowercased words (the browser also matches them as prefixes). Full-width letters and digits
// fold to ASCII. themes/gov/assets/js/search.js is the other half of this format.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

namespace sanshen {

struct SearchDocument {
  std::string url;  // relative to the site root, e.g. "xxgk/2025-budget/"
  std::string title;
  std::string section;  // section title, shown with the result
  std::string date;     // as written in front matter; may be ""
  std::string text;     // plain text to index besides the title
};

// The tokens text is indexed (and a query is matched) by, in order of appearance, repeated.
std::vector<std::string> search_tokens(std::string_view text);

// Builds the index a batch of documents at a time, so a large site's page texts are never held
// at once.
class SearchIndexBuilder {
 public:
  // Numbers the documents after those added before. Tokenizing and filing run on `jobs` threads
  // (each owns a share of the tokens); the index is the same whatever `jobs` is.
  void add(const std::vector<SearchDocument>& docs, int jobs = 1);
  // {"docs":[{"u","t","s","d"}...],"index":{token:[doc number gaps]}}: each list holds its
  // first doc number, then the difference to each next (ascending) one, which at 100,000 pages
  // makes the file 78 MB instead of 186. Docs keep the order they were added in, which is the
  // order results are shown in. Keys are sorted, so equal input gives equal bytes.
  // Appended to `out`, which is grown once: the index is the site's largest file.
  void append_json(std::string& out) const;

 private:
  // A token's doc numbers, ascending, as varint gaps: at 100,000 pages the index holds some
  // 30 million of them, a quarter of the bytes of a vector of 32-bit numbers.
  struct Postings {
    std::string gaps;
    std::uint32_t last = 0;
    std::uint32_t count = 0;
    void add(std::uint32_t id);
    void append_json(std::string& out) const;  // ids 3, 17, 40 as "[3,14,23]"
    std::size_t json_size() const;             // the bytes append_json adds
  };

  std::string docs_;  // the "docs" array's elements, comma-separated
  std::uint32_t count_ = 0;
  // Token -> doc numbers, split by token hash so each share is filled by one thread. CJK
  // tokens (one or two characters) are keyed by their code points packed into a number.
  static constexpr std::size_t kShares = 16;
  std::vector<std::unordered_map<std::uint64_t, Postings>> cjk_postings_{kShares};
  std::vector<std::unordered_map<std::string, Postings>> word_postings_{kShares};
};

// The same for documents already in memory.
std::string search_index_json(const std::vector<SearchDocument>& docs);

// The text of rendered HTML: tags dropped (block ends become spaces), the entities our Markdown
// renderer emits decoded, whitespace collapsed.
std::string html_to_text(std::string_view html);

// At most max_chars code points of text, with "…" when cut.
std::string excerpt(std::string_view text, std::size_t max_chars);

}  // namespace sanshen
