// Multi-literal search (design §5: all patterns in one database). The only Hyperscan user in
// the project; this header names no Hyperscan type.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sanshen {

struct Literal {
  std::string text;       // bytes to find; must not be empty
  bool caseless = false;  // ASCII letters only
};

struct LiteralMatch {
  std::size_t literal = 0;  // index into the compiled list
  std::size_t begin = 0;    // byte offsets into the scanned text
  std::size_t end = 0;
};

class PatternSet {
 public:
  // Errors "config.invalid" (empty literal, compiler failure; the message names the index).
  static Result<PatternSet> compile(const std::vector<Literal>& literals);

  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;
  ~PatternSet();

  // The compiled database as bytes (hs_serialize_database), to be cached and given back to
  // load() with the same literals. Errors "config.invalid".
  Result<std::string> serialize() const;
  // A set from serialize() bytes and the literals it was compiled from. Fails (and the caller
  // recompiles) on bytes that are corrupt, from another Hyperscan version or CPU platform, or do
  // not fit the literals.
  static Result<PatternSet> load(const std::vector<Literal>& literals, std::string_view bytes);

  // Every occurrence of every literal, overlapping ones included, sorted by begin, then end,
  // then literal. Thread-safe: scratch space comes from a pool owned by the set.
  std::vector<LiteralMatch> scan(std::string_view text) const;

 private:
  struct Impl;
  explicit PatternSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sanshen
