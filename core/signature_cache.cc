#include "core/signature_cache.h"

#include <algorithm>
#include <vector>

#include "core/object_id.h"
#include "core/sealed_file.h"

namespace sanshen {
namespace {

const char kFileName[] = "/signatures-v1";
const char kHeader[] = "sanshen signature cache v1\n";

// "<commit id>" or, for OpenPGP verdicts, "<commit id>-<keyring sha256>".
bool is_cache_key(std::string_view s) {
  if (s.size() == 40) return is_object_id(s);
  return s.size() == 40 + 1 + 64 && s[40] == '-' && is_object_id(s.substr(0, 40)) &&
         is_lower_hex(s.substr(41));
}

// Messages are stored on one line; anything that could break the line format is replaced.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\t', ' ');
  return s;
}

}  // namespace

SignatureCache SignatureCache::load(FileSystem& fs, const std::string& dir) {
  SignatureCache cache;
  cache.dir_ = dir;
  if (dir.empty() || !fs.exists(dir + kFileName)) return cache;
  // Mapped and parsed in place: at 10,000 pages the file is 3 MB, and copies of it cost
  // fresh pages (see FileSystem::map_file).
  auto mapped = fs.map_file(dir + kFileName);
  auto reject = [&] {
    cache.entries_.clear();
    cache.discarded_ = true;
    return cache;
  };
  if (!mapped) return reject();
  const std::string_view text = (*mapped)->bytes();
  const std::optional<std::string_view> unsealed = unsealed_lines(text, kHeader);
  if (!unsealed) return reject();
  const std::string_view body = *unsealed;
  cache.entries_.reserve(static_cast<size_t>(std::count(body.begin(), body.end(), '\n')));
  std::vector<std::string_view> f;
  for (size_t pos = 0; pos < body.size();) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(pos, end - pos);
    pos = end + 1;
    f.clear();
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string_view::npos; start = tab + 1)
      f.push_back(line.substr(start, tab - start));
    f.push_back(line.substr(start));
    if (f.size() < 3 || !is_cache_key(f[0])) return reject();
    Verdict v;
    if (f[1] == "ok" && f.size() == 4) {
      v.ok = true;
      v.key_type = f[2];
      v.fingerprint = f[3];
    } else if (f[1] == "bad" && f.size() == 3) {
      v.message = f[2];
    } else {
      return reject();
    }
    cache.entries_[std::string(f[0])] = Entry{cache.verdicts_.add(std::move(v)), true};
  }
  return cache;
}

void SignatureCache::use_openpgp_keys(const OpenPgpKeyring* keys, std::string keys_digest) {
  openpgp_keys_ = keys;
  openpgp_digest_ = std::move(keys_digest);
}

std::string SignatureCache::key_of(const HistoryCommit& commit) const {
  return commit.openpgp_signed ? commit.id + "-" + openpgp_digest_ : commit.id;
}

std::string SignatureCache::Verdict::line() const {
  return ok ? "ok\t" + key_type + "\t" + fingerprint : "bad\t" + message;
}

uint32_t SignatureCache::Verdicts::add(Verdict v) {
  auto [it, added] = index_.try_emplace(v.line(), static_cast<uint32_t>(list_.size()));
  if (added) list_.push_back(std::move(v));
  return it->second;
}

SignatureCache::Verdict SignatureCache::verify_now(const HistoryCommit& commit) const {
  auto sig = verify_signature(commit.object.signature, commit.object.signed_payload, openpgp_keys_);
  Verdict e;
  if (sig) {
    e.ok = true;
    e.key_type = sig->key_type;
    e.fingerprint = sig->fingerprint;
  } else {
    e.message = one_line(sig.error().message);
  }
  return e;
}

Result<VerifiedSignature> SignatureCache::verify(const HistoryCommit& commit) {
  const std::string key = key_of(commit);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    // Bytes freed by prefetch_review belong to commits that had a verdict; a verdict over the
    // empty remainder would be wrong, so say so instead.
    if (commit.object.signature.empty() || commit.object.signed_payload.empty())
      return make_error("review.bad-signature", "已签名内容不可用 (signed bytes not available)");
    ++misses_;
    it = entries_.emplace(key, Entry{verdicts_.add(verify_now(commit)), false}).first;
  } else if (it->second.loaded) {
    ++hits_;
  }
  const Verdict& v = verdicts_[it->second.verdict];
  if (!v.ok) return make_error("review.bad-signature", v.message);
  return VerifiedSignature{v.fingerprint, v.key_type};
}

void SignatureCache::begin_prefetch(int workers, std::function<bool(const HistoryCommit&)> wanted) {
  prefetched_.assign(static_cast<std::size_t>(std::max(1, workers)), {});
  wanted_ = std::move(wanted);
}

void SignatureCache::prefetch_review(HistoryCommit& c, int worker) const {
  if (c.malformed || !c.is_signed) return;
  std::string key = key_of(c);
  if (!entries_.count(key)) {
    if (c.object.message.find("\nReview-") == std::string::npos) return;
    if (wanted_ && !wanted_(c)) return;
    Prefetched& mine = prefetched_[static_cast<std::size_t>(worker)];
    mine.entries.emplace_back(std::move(key), Entry{mine.verdicts.add(verify_now(c)), false});
  }
  // Settled either way: verify() answers from the verdict, never from these bytes again. With
  // the signature they are over half of what a review commit holds.
  std::string().swap(c.object.signature);
  std::string().swap(c.object.signed_payload);
}

void SignatureCache::adopt_prefetched() {
  for (Prefetched& mine : prefetched_) {
    misses_ += mine.entries.size();
    std::vector<uint32_t> mapped(mine.verdicts.size());
    for (uint32_t i = 0; i < mapped.size(); ++i) mapped[i] = verdicts_.add(mine.verdicts[i]);
    for (auto& [key, entry] : mine.entries)
      entries_.emplace(std::move(key), Entry{mapped[entry.verdict], false});
  }
  prefetched_.clear();
  wanted_ = nullptr;
}

void SignatureCache::release_verdicts() {
  std::unordered_map<std::string, Entry>().swap(entries_);
  verdicts_ = {};
  std::vector<Prefetched>().swap(prefetched_);
  released_ = true;
}

Status SignatureCache::save(FileSystem& fs) {
  if (dir_.empty() || misses_ == 0 || released_) return ok_status();
  std::vector<const std::pair<const std::string, Entry>*> sorted;
  for (const auto& kv : entries_) sorted.push_back(&kv);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
  // Appended in place and sized once: it is written while the history and the ledger are still
  // held, so no temporary copies of it.
  std::size_t size = std::string_view(kHeader).size() + 80;
  std::vector<std::string> lines(verdicts_.size());
  for (uint32_t i = 0; i < lines.size(); ++i) lines[i] = verdicts_[i].line();
  for (const auto* kv : sorted) size += kv->first.size() + 2 + lines[kv->second.verdict].size();
  std::string body;
  body.reserve(size);
  body += kHeader;
  for (const auto* kv : sorted) {
    body += kv->first;
    body += '\t';
    body += lines[kv->second.verdict];
    body += '\n';
  }
  return write_sealed(fs, dir_ + kFileName, std::move(body));
}

}  // namespace sanshen
