#include "core/checks/pattern_cache.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <thread>

#include <unistd.h>

#include "core/hash.h"

namespace sanshen {
namespace {

constexpr std::string_view kMagic = "sanshen-patterns 1\n";

// Names the cache file: everything the database depends on. Lengths keep the encoding
// unambiguous whatever the literals contain.
std::string literals_key(const std::vector<Literal>& literals) {
  std::string data(kMagic);
  for (const Literal& l : literals)
    data += (l.caseless ? "i" : "c") + std::to_string(l.text.size()) + ":" + l.text;
  return sha256_hex(data);
}

}  // namespace

Result<PatternSet> cached_pattern_set(const std::vector<Literal>& literals, const std::string& dir,
                                      bool& from_cache) {
  from_cache = false;
  if (dir.empty()) return PatternSet::compile(literals);
  namespace fs = std::filesystem;
  const fs::path file = fs::path(dir) / ("patterns-" + literals_key(literals) + ".hsdb");

  // File: magic, sha256 of the payload, newline, payload. The checksum catches truncated and
  // corrupted files before Hyperscan reads them.
  if (std::ifstream in(file, std::ios::binary); in) {
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t header = kMagic.size() + 64 + 1;
    if (content.size() >= header && content.starts_with(kMagic) && content[header - 1] == '\n') {
      const std::string_view payload = std::string_view(content).substr(header);
      if (content.compare(kMagic.size(), 64, sha256_hex(payload)) == 0) {
        if (auto loaded = PatternSet::load(literals, payload)) {
          from_cache = true;
          return loaded;
        }
      }
    }
  }

  auto compiled = PatternSet::compile(literals);
  if (!compiled) return compiled;
  auto bytes = compiled->serialize();
  if (bytes) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    // Unique per process and thread, so concurrent builds never write the same temporary.
    std::ostringstream tmp_name;
    tmp_name << file.string() << ".tmp." << ::getpid() << "." << std::hash<std::thread::id>{}(std::this_thread::get_id());
    const fs::path tmp = tmp_name.str();
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << kMagic << sha256_hex(*bytes) << '\n' << *bytes;
    }
    fs::rename(tmp, file, ec);
    if (ec) fs::remove(tmp, ec);
  }
  return compiled;
}

}  // namespace sanshen
