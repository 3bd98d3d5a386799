#include "core/pattern_scan.h"

#include <hs/hs.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <new>
#include <tuple>

namespace sanshen {

struct PatternSet::Impl {
  hs_database_t* db = nullptr;
  hs_scratch_t* prototype = nullptr;
  std::vector<std::size_t> lengths;  // a literal's match starts `length` bytes before its end
  std::mutex mutex;
  std::vector<hs_scratch_t*> pool;  // scratch spaces not in use; one per concurrent scan

  ~Impl() {
    for (hs_scratch_t* s : pool) hs_free_scratch(s);
    hs_free_scratch(prototype);
    hs_free_database(db);
  }

  hs_scratch_t* acquire() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!pool.empty()) {
        hs_scratch_t* s = pool.back();
        pool.pop_back();
        return s;
      }
    }
    hs_scratch_t* s = nullptr;
    // Cloning fails only when memory runs out, which the standard library reports the same way.
    if (hs_clone_scratch(prototype, &s) != HS_SUCCESS) throw std::bad_alloc();
    return s;
  }

  void release(hs_scratch_t* s) {
    std::lock_guard<std::mutex> lock(mutex);
    pool.push_back(s);
  }
};

PatternSet::PatternSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;
PatternSet::~PatternSet() = default;

Result<PatternSet> PatternSet::compile(const std::vector<Literal>& literals) {
  auto impl = std::make_unique<Impl>();
  if (literals.empty()) return PatternSet(std::move(impl));

  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  std::vector<std::size_t> lens;
  for (std::size_t i = 0; i < literals.size(); ++i) {
    const Literal& lit = literals[i];
    if (lit.text.empty())
      return make_error("config.invalid", "模式 " + std::to_string(i) + " 为空 (empty literal)");
    expressions.push_back(lit.text.data());
    // Literals have a fixed length, so the start offset follows from the end: no SOM needed.
    flags.push_back(lit.caseless ? HS_FLAG_CASELESS : 0);
    ids.push_back(static_cast<unsigned>(i));
    lens.push_back(lit.text.size());
    impl->lengths.push_back(lit.text.size());
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lens.data(),
                           static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr,
                           &impl->db, &error) != HS_SUCCESS) {
    std::string message = "模式编译失败 (pattern compile failed)";
    if (error != nullptr) {
      if (error->expression >= 0) message += " #" + std::to_string(error->expression);
      message += ": " + std::string(error->message);
    }
    hs_free_compile_error(error);
    return make_error("config.invalid", message);
  }
  if (hs_alloc_scratch(impl->db, &impl->prototype) != HS_SUCCESS)
    return make_error("config.invalid", "模式扫描空间分配失败 (scratch allocation failed)");
  return PatternSet(std::move(impl));
}

Result<std::string> PatternSet::serialize() const {
  if (impl_->db == nullptr) return std::string();
  char* bytes = nullptr;
  std::size_t length = 0;
  if (hs_serialize_database(impl_->db, &bytes, &length) != HS_SUCCESS)
    return make_error("config.invalid", "模式库序列化失败 (pattern database serialization failed)");
  std::string out(bytes, length);
  std::free(bytes);  // allocated by Hyperscan's default allocator, which is malloc
  return out;
}

Result<PatternSet> PatternSet::load(const std::vector<Literal>& literals, std::string_view bytes) {
  auto impl = std::make_unique<Impl>();
  if (literals.empty()) {
    if (!bytes.empty()) return make_error("config.invalid", "模式库与模式不符 (database does not fit)");
    return PatternSet(std::move(impl));
  }
  for (const Literal& lit : literals) impl->lengths.push_back(lit.text.size());
  if (hs_deserialize_database(bytes.data(), bytes.size(), &impl->db) != HS_SUCCESS)
    return make_error("config.invalid", "模式库无法读取 (pattern database unreadable)");
  if (hs_alloc_scratch(impl->db, &impl->prototype) != HS_SUCCESS)
    return make_error("config.invalid", "模式扫描空间分配失败 (scratch allocation failed)");
  return PatternSet(std::move(impl));
}

std::vector<LiteralMatch> PatternSet::scan(std::string_view text) const {
  std::vector<LiteralMatch> matches;
  if (impl_->db == nullptr || text.empty()) return matches;

  struct Context {
    const std::vector<std::size_t>* lengths;
    std::vector<LiteralMatch>* matches;
  } context{&impl_->lengths, &matches};
  auto on_match = [](unsigned id, unsigned long long, unsigned long long to, unsigned,
                     void* ctx) -> int {
    auto* c = static_cast<Context*>(ctx);
    if (id >= c->lengths->size()) return 0;  // a loaded database that does not fit its literals
    const auto end = static_cast<std::size_t>(to);
    c->matches->push_back({id, end - (*c->lengths)[id], end});
    return 0;
  };

  hs_scratch_t* scratch = impl_->acquire();
  // With a valid database and scratch, and a callback that never stops the scan, hs_scan
  // cannot fail.
  hs_scan(impl_->db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match,
          &context);
  impl_->release(scratch);

  std::sort(matches.begin(), matches.end(), [](const LiteralMatch& a, const LiteralMatch& b) {
    return std::tie(a.begin, a.end, a.literal) < std::tie(b.begin, b.end, b.literal);
  });
  return matches;
}

}  // namespace sanshen
