#include "core/search_index.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/parallel.h"

namespace sanshen {
namespace {

// Decodes one UTF-8 sequence at text[pos]; a malformed one decodes as U+FFFD and advances one
// byte, so stray bytes never stall the loop (page text was validated before it got here).
char32_t decode(std::string_view text, std::size_t& pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  const int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra == 0) {
    ++pos;
    return c;
  }
  if (extra < 0 || pos + extra >= text.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> extra);
  for (int i = 1; i <= extra; ++i) {
    const auto b = static_cast<unsigned char>(text[pos + i]);
    if ((b >> 6) != 2) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += extra + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) || c == 0x3007;  // 〇
}

// Full-width ASCII to ASCII, then lowercase; 0 for anything that is not a letter or digit.
char word_char(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return static_cast<char>(c);
  return 0;
}

bool is_block_tag(std::string_view tag) {
  if (tag.starts_with('/')) tag.remove_prefix(1);
  const std::size_t name_end = tag.find_first_of(" \t\n/");
  const std::string_view name = tag.substr(0, name_end);
  static const std::string_view kBlocks[] = {
      "p",  "br", "li", "ul",    "ol",  "h1", "h2",  "h3",         "h4",      "h5",    "h6",
      "td", "th", "tr", "table", "div", "hr", "pre", "blockquote", "section", "thead", "tbody"};
  for (const auto block : kBlocks) {
    if (name == block) return true;
  }
  return false;
}

// Calls cjk(a, b) for each CJK bigram (b == 0 for a run of one character) and word(w) for each
// ASCII word, in the order they occur.
template <typename Cjk, typename Word>
void visit_tokens(std::string_view text, Cjk cjk, Word word) {
  char32_t previous = 0;  // the last CJK character of the current run
  bool lone = false;      // the run so far is that one character
  std::string w;
  auto end_run = [&] {
    if (lone) cjk(previous, 0);
    previous = 0;
    lone = false;
  };
  auto end_word = [&] {
    if (!w.empty()) word(w);
    w.clear();
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = decode(text, pos);
    if (is_cjk(c)) {
      end_word();
      if (previous) {
        cjk(previous, c);
        lone = false;
      } else {
        lone = true;
      }
      previous = c;
    } else if (const char letter = word_char(c)) {
      end_run();
      w += letter;
    } else {
      end_run();
      end_word();
    }
  }
  end_run();
  end_word();
}

// A CJK token as one number: code points are below 2^21.
std::uint64_t cjk_key(char32_t a, char32_t b) { return (std::uint64_t{a} << 21) | b; }

std::string cjk_text(std::uint64_t key) {
  std::string out;
  append_utf8(out, static_cast<char32_t>(key >> 21));
  if (const auto b = static_cast<char32_t>(key & ((1u << 21) - 1))) append_utf8(out, b);
  return out;
}

std::size_t share_of(std::uint64_t key, std::size_t shares) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) % shares;
}

// Moves `items` into `out` ordered by share (stable), with begin[s] .. begin[s + 1] holding
// share s.
template <typename T, typename ShareOf, std::size_t N>
void group_by_share(std::vector<T>& items, ShareOf share_of_item, std::vector<T>& out,
                    std::uint32_t (&begin)[N]) {
  std::vector<std::uint8_t> shares(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    shares[i] = static_cast<std::uint8_t>(share_of_item(items[i]));
    ++begin[shares[i] + 1];
  }
  for (std::size_t s = 1; s < N; ++s) begin[s] += begin[s - 1];
  std::uint32_t next[N];
  std::copy(std::begin(begin), std::end(begin), next);
  out.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) out[next[shares[i]]++] = std::move(items[i]);
}

// Calls fn(gap) for each number of a postings list, stored as 7-bit groups, low first, the
// high bit set on all but a number's last byte.
template <typename Fn>
void for_each_gap(const std::string& gaps, Fn fn) {
  int shift = 0;
  std::uint32_t gap = 0;
  for (const char c : gaps) {
    const auto byte = static_cast<unsigned char>(c);
    gap |= std::uint32_t{byte & 0x7Fu} << shift;
    if (byte & 0x80) {
      shift += 7;
      continue;
    }
    fn(gap);
    gap = 0;
    shift = 0;
  }
}

}  // namespace

std::vector<std::string> search_tokens(std::string_view text) {
  std::vector<std::string> tokens;
  visit_tokens(
      text, [&](char32_t a, char32_t b) { tokens.push_back(cjk_text(cjk_key(a, b))); },
      [&](const std::string& w) { tokens.push_back(w); });
  return tokens;
}

void SearchIndexBuilder::add(const std::vector<SearchDocument>& docs, int jobs) {
  for (const SearchDocument& d : docs) {
    const nlohmann::json entry = {{"u", d.url}, {"t", d.title}, {"s", d.section}, {"d", d.date}};
    if (!docs_.empty()) docs_ += ',';
    docs_ += entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  // Each document's tokens, grouped by share (a counting sort, so each share reads only its
  // own): CJK ones as numbers (most of them; no allocation), words with their hash. Repeats
  // within a document are dropped when filed.
  struct Tokens {
    std::vector<std::uint64_t> cjk;
    std::vector<std::pair<std::size_t, std::string>> words;
    std::uint32_t cjk_begin[kShares + 1] = {};
    std::uint32_t word_begin[kShares + 1] = {};
  };
  std::vector<Tokens> per_doc(docs.size());
  parallel_for(docs.size(), jobs, [&](std::size_t i, int) {
    std::vector<std::uint64_t> cjk;
    std::vector<std::pair<std::size_t, std::string>> words;
    const std::hash<std::string> hash;
    visit_tokens(
        docs[i].title + "\n" + docs[i].text,
        [&](char32_t a, char32_t b) { cjk.push_back(cjk_key(a, b)); },
        [&](const std::string& w) { words.emplace_back(hash(w), w); });
    Tokens& t = per_doc[i];
    group_by_share(
        cjk, [](std::uint64_t key) { return share_of(key, kShares); }, t.cjk, t.cjk_begin);
    group_by_share(
        words, [](const auto& w) { return w.first % kShares; }, t.words, t.word_begin);
  });
  parallel_for(kShares, jobs, [&](std::size_t share, int) {
    auto& cjk = cjk_postings_[share];
    auto& words = word_postings_[share];
    for (std::size_t i = 0; i < per_doc.size(); ++i) {
      const auto id = count_ + static_cast<std::uint32_t>(i);
      const Tokens& t = per_doc[i];
      for (std::uint32_t k = t.cjk_begin[share]; k < t.cjk_begin[share + 1]; ++k)
        cjk[t.cjk[k]].add(id);
      for (std::uint32_t k = t.word_begin[share]; k < t.word_begin[share + 1]; ++k)
        words[t.words[k].second].add(id);
    }
  });
  count_ += static_cast<std::uint32_t>(docs.size());
}

void SearchIndexBuilder::Postings::add(std::uint32_t id) {
  if (count > 0 && id == last) return;  // the token again in the same document
  // The first number is stored as its gap from 0, so every id is the sum of the gaps before it.
  std::uint32_t gap = id - last;
  while (gap >= 0x80) {
    gaps += static_cast<char>(0x80 | (gap & 0x7F));
    gap >>= 7;
  }
  gaps += static_cast<char>(gap);
  last = id;
  ++count;
}

void SearchIndexBuilder::Postings::append_json(std::string& out) const {
  out += '[';
  bool first = true;
  for_each_gap(gaps, [&](std::uint32_t gap) {
    if (!first) out += ',';
    first = false;
    out += std::to_string(gap);
  });
  out += ']';
}

std::size_t SearchIndexBuilder::Postings::json_size() const {
  std::size_t size = count > 0 ? 1 + count : 2;  // brackets and the commas between
  for_each_gap(gaps, [&](std::uint32_t gap) {
    for (++size; gap >= 10; gap /= 10) ++size;
  });
  return size;
}

void SearchIndexBuilder::append_json(std::string& out) const {
  std::vector<std::pair<std::string, const Postings*>> entries;
  std::size_t size = docs_.size() + 32;
  for (std::size_t share = 0; share < kShares; ++share) {
    for (const auto& [key, ids] : cjk_postings_[share]) entries.emplace_back(cjk_text(key), &ids);
    for (const auto& [word, ids] : word_postings_[share]) entries.emplace_back(word, &ids);
  }
  // Sized exactly (the token's quotes and colon, bar escapes): the index of 100,000 pages is
  // 80 MB, and a string doubling to hold it briefly needs one and a half times that.
  for (const auto& [token, ids] : entries) size += token.size() + 4 + ids->json_size();
  // Keys sorted by their UTF-8 bytes, so equal input gives equal bytes.
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out.reserve(out.size() + size);
  out += "{\"docs\":[";
  out += docs_;
  out += "],\"index\":{";
  bool first = true;
  for (const auto& [token, ids] : entries) {
    if (!first) out += ',';
    first = false;
    out += nlohmann::json(token).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += ':';
    ids->append_json(out);
  }
  out += "}}";
}

std::string search_index_json(const std::vector<SearchDocument>& docs) {
  SearchIndexBuilder builder;
  builder.add(docs);
  std::string out;
  builder.append_json(out);
  return out;
}

std::string html_to_text(std::string_view html) {
  static const std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"},   {"&lt;", "<"},  {"&gt;", ">"},
      {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
  std::string out;
  bool space = false;
  auto put_space = [&] { space = !out.empty(); };
  for (std::size_t i = 0; i < html.size();) {
    const char c = html[i];
    if (c == '<') {
      const std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      // "<p>a</p><p>b</p>" reads "a b"; inline tags join, or "<strong>森林</strong>防火" would
      // lose the bigram 林防.
      if (is_block_tag(html.substr(i + 1, end - i - 1))) put_space();
      i = end + 1;
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      put_space();
      ++i;
      continue;
    }
    std::string_view piece = html.substr(i, 1);
    std::size_t consumed = 1;
    if (c == '&') {
      for (const auto& [entity, value] : kEntities) {
        if (html.substr(i).starts_with(entity)) {
          piece = value;
          consumed = entity.size();
          break;
        }
      }
    }
    if (space) out += ' ';
    space = false;
    out += piece;
    i += consumed;
  }
  return out;
}

std::string excerpt(std::string_view text, std::size_t max_chars) {
  std::size_t pos = 0, count = 0;
  while (pos < text.size() && count < max_chars) {
    decode(text, pos);
    ++count;
  }
  if (pos >= text.size()) return std::string(text);
  return std::string(text.substr(0, pos)) + "…";
}

}  // namespace sanshen
