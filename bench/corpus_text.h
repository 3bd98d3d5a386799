// Synthetic Chinese government pages for the benchmark corpus (bench/make_corpus).
//
// The text is assembled from phrase banks so that it looks and measures like a county
// government site: the Markdown mixes paragraphs, numbered headings, lists, tables and
// links, and 信息公开 pages carry the disclosure metadata. Nothing in it may trip the
// content checks (no banned words, secrecy markers or long digit runs): every page of the
// corpus is meant to publish, so a refusal is a generator bug.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace bench {

struct SectionSpec {
  std::string id;     // directory under content/
  std::string title;  // 栏目名称
  std::string kind;   // list | xxgk
  int order;
  int weight;  // share of the pages
  std::string intro;
};

const std::vector<SectionSpec>& sections();

struct PageText {
  int section = 0;
  std::string slug;           // file name without .md
  std::string title;
  std::string source;         // 来源
  std::vector<std::string> disclosure;  // "key: value" lines for xxgk pages (may be empty)
  std::string related;        // content/... path or empty
  std::string body;           // Markdown after the front matter
};

// Deterministic for a given seed and call sequence.
class TextGenerator {
 public:
  explicit TextGenerator(uint64_t seed) : rng_(seed) {}
  // index is the page's position in the corpus; year is the year of its publication date.
  PageText page(int index, int section, int year);
  // One sentence of ordinary prose, for edits made by --touch-one.
  std::string sentence();
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  std::string fill(std::string_view pattern);
  std::string paragraph(int sentences);
  std::string heading_phrase();
  std::string table();
  std::string link_sentence();
  std::string list(bool ordered);
  const std::string& pick(const std::vector<std::string>& bank);

  std::mt19937_64 rng_;
  int year_ = 2024;
  std::string topic_, dept_, town_;
  std::vector<std::string> recent_xxgk_;  // for 政策解读 → 政策文件 related links
};

// Entries for .sanshen/rules/banned.txt (a few hundred; some with allow contexts).
std::vector<std::string> banned_entries();

}  // namespace bench
