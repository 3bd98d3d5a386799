#include "core/unicode_text.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace sanshen {
namespace {

struct SimplifiedMapping {
  char32_t traditional;
  char32_t simplified;
};

// Sorted by traditional code point (the generator walks code points in order).
constexpr SimplifiedMapping kSimplified[] = {
#include "core/unicode_text_t2s.inc"
};

// Decodes the code point at text[pos] strictly (RFC 3629). Returns its length, 0 when invalid.
inline int decode_utf8(std::string_view text, std::size_t pos, char32_t& cp) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  int len;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (pos + len > text.size()) return 0;
  for (int i = 1; i < len; ++i) {
    const unsigned char b = byte(pos + i);
    if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  return len;
}

int encode_utf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

// Code points NFKC leaves alone whatever surrounds them; answering without ICU keeps plain
// Chinese and ASCII text fast.
// Chinese punctuation that NFKC keeps (`、。〃《》「」【】“”‘’—`) is included: it is in every
// sentence, and sending it through ICU would halve throughput.
bool is_stable_starter(char32_t c) {
  return c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x3001 && c <= 0x3003) ||
         (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301B) ||
         (c >= 0x2018 && c <= 0x201D) || c == 0x2014;
}

bool is_noise(char32_t c) {
  switch (c) {
    case ' ': case '\t': case '*': case '_': case '-': case '.': case '/': case '\\':
    case '|': case '~': case '+': case '=': case '^': case '#': case '`': case '\'': case '"':
    case 0x00AD: case 0x00B7: case 0x2022: case 0x30FB:
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
      return true;
    default:
      return false;
  }
}

const icu::Normalizer2* nfkc_instance() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

// Per-code-point answers for the hot loop, as bitmaps below U+30000: every traditional
// character of the table and every stable starter is below it, and the bitmaps of the Han block
// that nearly all text uses fit in a few cache lines.
class CodePointTables {
 public:
  static constexpr char32_t kLimit = 0x30000;

  explicit CodePointTables(const icu::Normalizer2* nfkc) : nfkc_(nfkc) {
    for (const SimplifiedMapping& m : kSimplified) set(traditional_, m.traditional);
    for (char32_t c = 0; c < kLimit; ++c) {
      if (is_stable_starter(c) && !is_noise(c) && !get(traditional_, c)) set(plain_, c);
      if (is_stable_starter(c) ||
          (nfkc != nullptr && nfkc->hasBoundaryBefore(static_cast<UChar32>(c))))
        set(boundary_, c);
      const bool full_width = c >= 0xFF01 && c <= 0xFF5E && !is_noise(c - 0xFEE0);
      if ((get(traditional_, c) || full_width) && get(boundary_, c)) set(mapped_, c);
    }
  }

  // Copied unchanged whatever follows, unless the next code point combines with it: NFKC leaves
  // it alone, it is not noise and not traditional.
  bool plain(char32_t c) const { return c < kLimit && get(plain_, c); }
  // NFKC never combines c with what comes before it.
  bool boundary_before(char32_t c) const {
    if (c < kLimit) return get(boundary_, c);
    return nfkc_->hasBoundaryBefore(static_cast<UChar32>(c));
  }
  // On its own, NFKC and the table turn c into one code point that is not noise: mapped(c).
  bool maps_alone(char32_t c) const { return c < kLimit && get(mapped_, c); }
  char32_t mapped(char32_t c) const { return get(traditional_, c) ? simplified(c) : c - 0xFEE0; }
  bool traditional(char32_t c) const { return c < kLimit && get(traditional_, c); }
  char32_t simplified(char32_t c) const {
    if (!traditional(c)) return c;
    const auto* it =
        std::lower_bound(std::begin(kSimplified), std::end(kSimplified), c,
                         [](const SimplifiedMapping& m, char32_t v) { return m.traditional < v; });
    return it->simplified;
  }

 private:
  using Bits = std::array<std::uint64_t, kLimit / 64>;
  static void set(Bits& bits, char32_t c) { bits[c >> 6] |= std::uint64_t{1} << (c & 63); }
  static bool get(const Bits& bits, char32_t c) { return ((bits[c >> 6] >> (c & 63)) & 1) != 0; }

  const icu::Normalizer2* nfkc_;
  Bits traditional_{};
  Bits plain_{};
  Bits boundary_{};
  Bits mapped_{};
};

// Only called with ICU data present (normalize() copies text verbatim without it).
const CodePointTables& code_point_tables() {
  static const CodePointTables tables(nfkc_instance());
  return tables;
}

// Start of the code point that ends at `end` in valid UTF-8.
std::size_t code_point_before(std::string_view text, std::size_t end) {
  std::size_t pos = end - 1;
  while ((static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

// When the 16 bytes at `p` start with five three-byte UTF-8 sequences (Han text), how many of
// those code points in a row from the first are plain; `last` becomes the last of them. Testing
// the byte pattern of all five at once and looking them up side by side avoids waiting on each
// decode for the length of the one before.
inline int plain_of_five(const unsigned char* p, const CodePointTables& t, char32_t& last) {
  static constexpr unsigned char kMask[16] = {0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0,
                                              0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0};
  static constexpr unsigned char kPattern[16] = {0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80,
                                                 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0};
  std::uint64_t word[2], mask[2], pattern[2];
  std::memcpy(word, p, 16);
  std::memcpy(mask, kMask, 16);
  std::memcpy(pattern, kPattern, 16);
  if (((word[0] & mask[0]) ^ pattern[0]) != 0 || ((word[1] & mask[1]) ^ pattern[1]) != 0) return 0;
  unsigned plain = 0;
  char32_t c[5];
  for (int i = 0; i < 5; ++i) {
    const unsigned char* q = p + 3 * i;
    c[i] = static_cast<char32_t>((q[0] & 0x0F) << 12 | (q[1] & 0x3F) << 6 | (q[2] & 0x3F));
    // Below U+0800 is an overlong form; no code point from there to U+2014 is plain.
    plain |= static_cast<unsigned>((c[i] >= 0x800) & t.plain(c[i])) << i;
  }
  if (plain == 0x1F) {
    last = c[4];
    return 5;
  }
  const int count = std::countr_one(plain);
  if (count > 0) last = c[count - 1];
  return count;
}

// decode_utf8 with the three-byte sequences of Han characters and CJK punctuation inline.
inline int decode_utf8_fast(std::string_view text, std::size_t pos, char32_t& c) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const unsigned char b0 = bytes[0];
  if (b0 < 0x80) {
    c = b0;
    return 1;
  }
  // Leads E0 (overlong forms) and ED (surrogates) need decode_utf8's checks.
  if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && pos + 3 <= text.size() &&
      (bytes[1] & 0xC0) == 0x80 && (bytes[2] & 0xC0) == 0x80) {
    c = static_cast<char32_t>((b0 & 0x0F) << 12 | (bytes[1] & 0x3F) << 6 | (bytes[2] & 0x3F));
    return 3;
  }
  return decode_utf8(text, pos, c);
}

bool is_ascii(std::string_view text) {
  for (char ch : text)
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  return true;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp;
    const int len = decode_utf8_fast(text, pos, cp);
    if (len == 0) return pos;
    pos += len;
  }
  return std::nullopt;
}

// Appends normalized code points, holding back noise after a Han character until it is known
// whether another Han character follows.
class NormalizedTextBuilder {
 public:
  explicit NormalizedTextBuilder(std::size_t size_hint) {
    out_.text_.reserve(size_hint);
    out_.runs_.reserve(size_hint / 32 + 1);
  }

  // The whole text unchanged, as one exact run.
  static NormalizedText verbatim(std::string_view original) {
    NormalizedText out;
    out.text_ = original;
    if (!original.empty())
      out.runs_.push_back({0, static_cast<std::uint32_t>(original.size()), 0,
                           static_cast<std::uint32_t>(original.size()), true});
    return out;
  }

  void emit_exact(std::string_view original, std::size_t begin, std::size_t end, char32_t c) {
    Piece p{c, {}, static_cast<std::uint8_t>(end - begin), static_cast<std::uint32_t>(begin),
            static_cast<std::uint32_t>(end), true};
    std::copy(original.begin() + begin, original.begin() + end, p.bytes);
    emit(p);
  }

  void emit_mapped(char32_t c, std::size_t begin, std::size_t end) {
    Piece p{c, {}, 0, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), false};
    p.len = static_cast<std::uint8_t>(encode_utf8(c, p.bytes));
    emit(p);
  }

  // From `pos`, copies plain code points and maps those that CodePointTables::maps_alone, until a
  // code point that needs the general path; returns where it stopped. No noise passes here, so
  // held-back noise is settled once, by the first code point written.
  std::size_t emit_fast(std::string_view original, std::size_t pos, const CodePointTables& t) {
    const std::size_t n = original.size();
    const std::size_t start = pos;
    std::size_t exact_begin = pos;  // plain code points not yet appended start here
    std::size_t last_begin = pos;   // the last plain one
    char32_t last = 0;              // the last code point taken
    char32_t last_mapped = 0;       // the last mapped code point written
    bool written = false;
    // Only the first piece written can extend the run before it: after it, exact and mapped
    // pieces alternate, and two mapped ones never come from the same code point.
    auto put = [&](const char* bytes, std::size_t len, std::size_t begin, std::size_t end,
                   bool exact, char32_t first) {
      if (written) {
        push_run(bytes, len, begin, end, exact);
        return;
      }
      settle_pending(is_han(first));
      written = true;
      append(bytes, len, begin, end, exact);
    };
    auto flush = [&](std::size_t end) {
      if (end == exact_begin) return;
      char32_t first = 0;
      if (!written) decode_utf8_fast(original, exact_begin, first);
      put(original.data() + exact_begin, end - exact_begin, exact_begin, end, true, first);
    };
    const auto* text = reinterpret_cast<const unsigned char*>(original.data());
    while (pos < n) {
      if (pos + 16 <= n) {
        const int count = plain_of_five(text + pos, t, last);
        if (count > 0) {
          last_begin = pos + 3 * (count - 1);
          pos += 3 * count;
          if (count == 5) continue;  // else the code point at pos is not plain
        }
      }
      char32_t c;
      const int len = decode_utf8_fast(original, pos, c);
      if (len == 0) break;
      // ASCII noise that does not follow a Han character stays as it is, like a plain one (its
      // being noise matters only after Han characters, which this does not change).
      if (t.plain(c) || (c < 0x80 && !(pos > start ? is_han(last) : after_han_))) {
        last = c;
        last_begin = pos;
        pos += len;
        continue;
      }
      if (t.maps_alone(c)) {
        const std::size_t end = pos + len;
        char32_t next;
        if (end < n && decode_utf8_fast(original, end, next) != 0 && !t.boundary_before(next))
          break;  // the next code point combines with this one: NFKC of the two together
        flush(pos);
        last = last_mapped = t.mapped(c);
        char bytes[4];
        put(bytes, encode_utf8(last, bytes), pos, end, false, last);
        exact_begin = pos = end;
        continue;
      }
      if (!t.boundary_before(c) && last_begin >= exact_begin && last_begin < pos) {
        // The last plain code point combines with this one: they normalize together.
        pos = last_begin;
        if (pos > exact_begin)
          decode_utf8_fast(original, code_point_before(original, pos), last);
        else
          last = last_mapped;
      }
      break;
    }
    flush(pos);
    if (written) after_han_ = is_han(last);
    return pos;
  }

  NormalizedText finish() {
    settle_pending(false);
    return std::move(out_);
  }

 private:
  struct Piece {
    char32_t c;
    char bytes[4];
    std::uint8_t len;
    std::uint32_t orig_begin;
    std::uint32_t orig_end;
    bool exact;
  };

  void emit(const Piece& p) {
    if (is_noise(p.c)) {
      if (after_han_) {
        pending_.push_back(p);
        return;
      }
    } else {
      settle_pending(is_han(p.c));
      after_han_ = is_han(p.c);
    }
    append(p.bytes, p.len, p.orig_begin, p.orig_end, p.exact);
  }

  // Held-back noise is dropped when a Han character follows it, kept otherwise.
  void settle_pending(bool han_follows) {
    if (!han_follows)
      for (const Piece& q : pending_) append(q.bytes, q.len, q.orig_begin, q.orig_end, q.exact);
    pending_.clear();
  }

  // Appends bytes as a run of their own.
  void push_run(const char* bytes, std::size_t len, std::size_t orig_begin, std::size_t orig_end,
                bool exact) {
    const auto norm_begin = static_cast<std::uint32_t>(out_.text_.size());
    out_.text_.append(bytes, len);
    out_.runs_.push_back({norm_begin, static_cast<std::uint32_t>(norm_begin + len),
                          static_cast<std::uint32_t>(orig_begin),
                          static_cast<std::uint32_t>(orig_end), exact});
  }

  void append(const char* bytes, std::size_t len, std::size_t orig_begin, std::size_t orig_end,
              bool exact) {
    auto& runs = out_.runs_;
    const auto norm_begin = static_cast<std::uint32_t>(out_.text_.size());
    const auto n = static_cast<std::uint32_t>(len);
    const auto ob = static_cast<std::uint32_t>(orig_begin);
    const auto oe = static_cast<std::uint32_t>(orig_end);
    out_.text_.append(bytes, len);
    if (!runs.empty()) {
      NormalizedText::Run& last = runs.back();
      if (exact && last.exact && last.orig_end == ob) {
        last.norm_end += n;
        last.orig_end = oe;
        return;
      }
      if (!exact && !last.exact && last.orig_begin == ob && last.orig_end == oe) {
        last.norm_end += n;
        return;
      }
    }
    runs.push_back({norm_begin, norm_begin + n, ob, oe, exact});
  }

  NormalizedText out_;
  std::vector<Piece> pending_;
  bool after_han_ = false;
};

NormalizedText normalize(std::string_view original) {
  const icu::Normalizer2* nfkc = nfkc_instance();
  // ASCII is NFKC already and has no Han characters for noise to sit between. Without ICU data
  // (a broken install) text is matched as written rather than not at all.
  if (is_ascii(original) || nfkc == nullptr) return NormalizedTextBuilder::verbatim(original);
  NormalizedTextBuilder builder(original.size());
  const CodePointTables& tables = code_point_tables();

  // Splitting at normalization boundaries makes normalizing each segment on its own equal to
  // normalizing the whole text, and gives each output code point its source segment.
  auto emit_segment = [&](std::size_t begin, std::size_t end) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString src = icu::UnicodeString::fromUTF8(
        icu::StringPiece(original.data() + begin, static_cast<int32_t>(end - begin)));
    const icu::UnicodeString out = nfkc->normalize(src, status);
    const icu::UnicodeString& use = U_SUCCESS(status) ? out : src;
    for (int32_t i = 0; i < use.length();) {
      const UChar32 cp = use.char32At(i);
      i += U16_LENGTH(cp);
      builder.emit_mapped(tables.simplified(static_cast<char32_t>(cp)), begin, end);
    }
  };

  const std::size_t n = original.size();
  std::size_t pos = 0;
  while (pos < n) {
    pos = builder.emit_fast(original, pos, tables);
    if (pos == n) break;

    char32_t c;
    const int len = decode_utf8(original, pos, c);
    if (len == 0) {
      builder.emit_mapped(0xFFFD, pos, pos + 1);
      ++pos;
      continue;
    }
    std::size_t seg_end = pos + len;
    while (seg_end < n) {
      char32_t next;
      const int next_len = decode_utf8(original, seg_end, next);
      if (next_len == 0 || tables.boundary_before(next)) break;
      seg_end += next_len;
    }
    if (seg_end != pos + static_cast<std::size_t>(len)) {
      emit_segment(pos, seg_end);
    } else if (tables.traditional(c)) {
      builder.emit_mapped(tables.simplified(c), pos, seg_end);
    } else if (is_stable_starter(c)) {
      builder.emit_exact(original, pos, seg_end, c);
    } else if (c >= 0xFF01 && c <= 0xFF5E) {
      builder.emit_mapped(c - 0xFEE0, pos, seg_end);  // full-width ASCII, as NFKC maps it
    } else if (c == 0x3000) {
      builder.emit_mapped(' ', pos, seg_end);
    } else {
      icu::UnicodeString decomposition;
      if (nfkc->getDecomposition(static_cast<UChar32>(c), decomposition))
        emit_segment(pos, seg_end);
      else
        builder.emit_exact(original, pos, seg_end, c);  // no mapping: NFKC leaves it alone
    }
    pos = seg_end;
  }
  return builder.finish();
}

std::string gb18030_to_utf8(std::string_view bytes) {
  const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), "GB18030");
  std::string out;
  text.toUTF8String(out);
  return out;
}

const NormalizedText::Run& NormalizedText::run_containing(std::size_t norm_offset) const {
  auto it = std::upper_bound(runs_.begin(), runs_.end(), norm_offset,
                             [](std::size_t off, const Run& r) { return off < r.norm_begin; });
  return *(it == runs_.begin() ? it : it - 1);
}

TextSpan NormalizedText::original_span(TextSpan normalized) const {
  if (runs_.empty()) return {};
  const Run& first = run_containing(normalized.begin);
  const std::size_t begin =
      first.exact ? first.orig_begin + (normalized.begin - first.norm_begin) : first.orig_begin;
  if (normalized.end <= normalized.begin) return {begin, begin};
  const Run& last = run_containing(normalized.end - 1);
  const std::size_t end =
      last.exact ? last.orig_begin + (normalized.end - last.norm_begin) : last.orig_end;
  return {begin, end};
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
    line_starts_.push_back(i + 1);
}

TextPosition LineIndex::position(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  const std::size_t line_start = *(it - 1);
  int col = 1;
  for (std::size_t i = line_start; i < byte_offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
  return {static_cast<int>(it - line_starts_.begin()), col};
}

}  // namespace sanshen
