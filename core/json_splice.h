// Printing a large JSON document piece by piece (internal to core's .cc files, which link
// nlohmann-json privately): the small parts are dumped by nlohmann with placeholders where the
// long arrays go, and each array is printed element by element, on several threads, straight
// into the one result string. The bytes are the same as dumping the whole tree, which a large
// site's manifest or build state would make several times the size of its text.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/parallel.h"
#include "core/result.h"

namespace sanshen {

// A document's text as it is printed: held whole, or, given a writer, handed to it whenever a
// few MiB have gathered, so a large site's manifest (180 MB at 100k pages) is never held at once.
class TextOut {
 public:
  TextOut() = default;
  explicit TextOut(std::function<Status(std::string_view)> writer) : writer_(std::move(writer)) {}

  std::string& text() { return text_; }
  // Called between elements: hands on what has gathered once it is large.
  void hand_on_if_large() {
    if (writer_ && text_.size() >= kHandOn) hand_on();
  }
  // The first writer error, after handing on the rest.
  Status finish() {
    if (writer_) hand_on();
    return status_;
  }
  std::string take() { return std::move(text_); }

 private:
  static constexpr std::size_t kHandOn = std::size_t{4} << 20;
  void hand_on() {
    if (status_) status_ = writer_(text_);
    text_.clear();
  }

  std::function<Status(std::string_view)> writer_;
  std::string text_;
  Status status_ = ok_status();
};

class JsonSplice {
 public:
  // Placeholders carry a random tag, so no string from the input (a repository path, say) can
  // be mistaken for one.
  JsonSplice();

  nlohmann::json placeholder(std::string_view name) const;

  // `skeleton` is the dump of a tree holding placeholders; `pieces` append, in the order the
  // placeholders appear in it, the text that replaces each.
  using Piece = std::pair<std::string, std::function<void(TextOut&)>>;
  void splice(const std::string& skeleton, const std::vector<Piece>& pieces, TextOut& out) const;
  // The same, as one string of about `expected_size` bytes.
  std::string splice(const std::string& skeleton, const std::vector<Piece>& pieces,
                     std::size_t expected_size) const;

 private:
  std::string tag_;
};

// Appends the text nlohmann's dump gives an array of `count` elements: compact when indent is
// negative, else as dump(2) prints it nested `indent` spaces deep. Elements are made and
// printed a chunk at a time on `jobs` threads and appended in order.
template <typename MakeElement>
void append_json_array(TextOut& text_out, std::size_t count, int indent, int jobs,
                       MakeElement make) {
  std::string& out = text_out.text();
  if (count == 0) {
    out += "[]";
    return;
  }
  const bool pretty = indent >= 0;
  // Built in place: GCC 12 at -O3 misreads `"\n" + std::string(...)` here (-Wrestrict).
  std::string inner(pretty ? indent + 3 : 0, ' ');
  if (pretty) inner[0] = '\n';
  out += '[';
  constexpr std::size_t kChunk = 1024;
  std::vector<std::string> elements(std::min(kChunk, count));
  for (std::size_t begin = 0; begin < count; begin += kChunk) {
    const std::size_t n = std::min(kChunk, count - begin);
    parallel_for(n, jobs, [&](std::size_t i, int) { elements[i] = make(begin + i).dump(pretty ? 2 : -1); });
    for (std::size_t i = 0; i < n; ++i) {
      if (begin + i > 0) out += ',';
      out += inner;
      // Raw newlines only separate structure (newlines inside strings are escaped), so
      // indenting the element's own lines is the same as printing it nested.
      const std::string& element = elements[i];
      for (std::size_t start = 0;;) {
        const std::size_t nl = element.find('\n', start);
        out.append(element, start, nl == std::string::npos ? std::string::npos : nl - start);
        if (nl == std::string::npos) break;
        out += inner;
        start = nl + 1;
      }
    }
    text_out.hand_on_if_large();
  }
  if (pretty) {
    out += '\n';
    out.append(indent, ' ');
  }
  out += ']';
}

}  // namespace sanshen
