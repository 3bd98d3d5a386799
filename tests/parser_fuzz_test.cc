// Randomized robustness of everything that reads attacker bytes: raw commit objects, signature
// armor (SSH and OpenPGP), review trailer blocks and public key lines. A fixed seed makes a
// failure reproducible (SANSHEN_FUZZ_SEED overrides it); the suite also runs under ASan+UBSan.
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <set>

#include "core/commit_object.h"
#include "core/openpgp.h"
#include "core/signature.h"
#include "core/trailers.h"
#include "tests/support/gpg_home.h"
#include "tests/support/test_env.h"

namespace sanshen {
namespace {

using testing::shell_quote;

const std::vector<std::string> kLevels{"初审", "复审", "终审", "主要领导", "保密审查"};
constexpr const char* kBlob = "3b18e512dba79e4c8300dd08aeb37f8e728b8dad";

uint64_t fuzz_seed() {
  const char* env = std::getenv("SANSHEN_FUZZ_SEED");
  return env ? std::strtoull(env, nullptr, 10) : 20250301;
}

// Fragments that steer mutations into the parsers' interesting states.
const std::vector<std::string> kTokens{
    "\n", " ", "\n ", "\0", "\r\n", "=", "gpgsig ", "gpgsig-sha256 ", "tree ", "parent ", "author ",
    "committer ", "-----BEGIN SSH SIGNATURE-----\n", "-----END SSH SIGNATURE-----\n",
    "-----BEGIN PGP SIGNATURE-----\n", "-----END PGP SIGNATURE-----\n", "AAAA", "SSHSIG", "\xff\xff\xff\xff",
    "Review-Level: 复审\n", "Review-Blob: ", "Review-Decision: approve\n", "Review-Opinion: 同意\n",
    "Review-Waive: pii.mobile ", ": ", "\xe5\xae", "content/tzgg/a.md", kBlob, "\n\n"};

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : rng_(seed) {}

  size_t below(size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  // One to four edits: byte flips, truncations, insertions of bytes or tokens, deletions, a
  // header or line duplicated or moved, a random gpgsig block, random-length garbage.
  std::string mutate(std::string m) {
    for (size_t k = 0, edits = 1 + below(4); k < edits; ++k) {
      size_t at = below(m.size() + 1);
      switch (below(10)) {
        case 0: if (at < m.size()) m[at] ^= char(1 << below(8)); break;
        case 1: if (at < m.size()) m[at] = char(below(256)); break;
        case 2: m.resize(at); break;
        case 3: m.insert(at, kTokens[below(kTokens.size())]); break;
        case 4: m.erase(at, 1 + below(16)); break;
        case 5: {  // duplicate a whole line somewhere else (headers, trailers)
          size_t start = m.rfind('\n', at == 0 ? 0 : at - 1);
          start = start == std::string::npos ? 0 : start + 1;
          size_t end = m.find('\n', start);
          if (end == std::string::npos) break;
          m.insert(below(m.size() + 1), m.substr(start, end + 1 - start));
          break;
        }
        case 6: m.insert(at, random_gpgsig()); break;
        case 7: m.insert(at, random_bytes(below(64))); break;
        case 8: if (at < m.size()) m.insert(at, m.substr(at, below(m.size() - at + 1))); break;
        default: if (at < m.size()) m[at] = "\n \0:ABZaz09+/="[below(14)]; break;
      }
    }
    return m;
  }

  std::string random_bytes(size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += char(below(256));
    return s;
  }

  std::string random_gpgsig() {
    static const std::string kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    bool pgp = below(2);
    std::string s = pgp ? "gpgsig -----BEGIN PGP SIGNATURE-----\n \n" : "gpgsig -----BEGIN SSH SIGNATURE-----\n";
    for (size_t line = 0, lines = below(6); line < lines; ++line) {
      s += " ";
      for (size_t i = 0, n = below(76); i < n; ++i) s += kB64[below(kB64.size())];
      s += below(4) ? "\n" : "=\n";
    }
    if (below(4)) s += pgp ? " -----END PGP SIGNATURE-----\n" : " -----END SSH SIGNATURE-----\n";
    return s;
  }

 private:
  std::mt19937_64 rng_;
};

// librnp (as Debian builds it) writes diagnostics to stderr on every bad signature; thousands of
// lines would bury the test log. They go to a file named up front, which survives a crash.
class StderrToFile {
 public:
  explicit StderrToFile(const std::string& path) {
    std::fflush(stderr);
    saved_ = dup(2);
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
      dup2(fd, 2);
      close(fd);
    }
  }
  ~StderrToFile() {
    std::fflush(stderr);
    if (saved_ >= 0) {
      dup2(saved_, 2);
      close(saved_);
    }
  }

 private:
  int saved_ = -1;
};

std::string raw_head(testing::TestRepo& repo) {
  return testing::run_ok("git -C " + shell_quote(repo.path()) + " cat-file commit HEAD");
}

TEST_CASE("100,000 mutated commit objects never crash the parser or verify a changed payload",
          "[parser_fuzz]") {
  const uint64_t seed = fuzz_seed();
  std::cout << "parser fuzz seed " << seed << " (set SANSHEN_FUZZ_SEED to change)" << std::endl;

  testing::TestRepo repo;
  testing::GpgHome gpg;
  std::vector<std::string> seeds;
  std::set<std::string> genuine_payloads;
  repo.commit("base\n");
  seeds.push_back(raw_head(repo));
  for (const char* type : {"ed25519", "ecdsa-256", "rsa"}) {
    testing::TestKey key = testing::make_ssh_key(repo.keys_dir(), type, type);
    repo.write("content/tzgg/a.md", std::string("---\ntitle: ") + type + "\n---\n");
    repo.commit("复审：通知\n\nReview-Level: 复审\nReview-Blob: content/tzgg/a.md " + std::string(kBlob) +
                    "\nReview-Decision: approve\n",
                &key);
    seeds.push_back(raw_head(repo));
  }
  std::string pgp_fpr = gpg.make_key("Fuzz <fuzz@example.gov.cn>");
  OpenPgpKeyring keys;
  REQUIRE(keys.add("fuzz.asc", gpg.export_key(pgp_fpr)).ok());
  repo.git("-c gpg.format=openpgp -c user.signingkey=" + pgp_fpr + " -c gpg.program=" +
           shell_quote(gpg.program()) + " commit -q -S --allow-empty -m 终审");
  seeds.push_back(raw_head(repo));
  for (const std::string& s : seeds) {
    auto c = parse_commit_object(s);
    REQUIRE(c.ok());
    if (!c->signature.empty()) {
      auto v = verify_signature(c->signature, c->signed_payload, &keys);
      INFO((v.ok() ? "" : v.error().message));
      REQUIRE(v.ok());
      genuine_payloads.insert(c->signed_payload);
    }
  }
  REQUIRE(genuine_payloads.size() == 4);

  testing::TempDir logs;
  std::string log = logs.path() + "/library-stderr.log";
  std::cout << "library diagnostics during the run: " << log << std::endl;
  Mutator mutator(seed);
  size_t parsed = 0, verified = 0, bad_rule = 0, forged = 0;
  {
    StderrToFile quiet(log);
    for (int i = 0; i < 100000; ++i) {
      std::string m = mutator.mutate(seeds[mutator.below(seeds.size())]);
      auto c = parse_commit_object(m);
      if (!c.ok()) {
        bad_rule += c.error().rule != "repo.corrupt";
        continue;
      }
      ++parsed;
      (void)parse_review_trailers(c->message, kLevels);
      if (c->signature.empty()) continue;
      auto v = verify_signature(c->signature, c->signed_payload, &keys);
      if (!v.ok()) {
        bad_rule += v.error().rule != "review.bad-signature";
        continue;
      }
      ++verified;
      forged += !genuine_payloads.count(c->signed_payload);
    }
  }
  INFO("seed " << seed << ": parsed " << parsed << ", verified " << verified);
  CHECK(bad_rule == 0);
  CHECK(forged == 0);
  // The mutations must reach the verifier, not die in the parser.
  CHECK(parsed > 20000);
}

TEST_CASE("100,000 mutated trailer blocks parse or fail with a position, and round-trip when valid",
          "[parser_fuzz]") {
  const uint64_t seed = fuzz_seed() + 1;
  std::cout << "trailer fuzz seed " << seed << std::endl;
  ReviewTrailers t;
  t.level = "复审";
  t.pages = {{"content/tzgg/a.md", kBlob}, {"content/xxgk/b.md", kBlob}};
  t.opinion = "同意发布";
  t.waivers = {{"pii.mobile", "content/tzgg/a.md", 3}};
  std::vector<std::string> seeds{"复审：通知\n\n正文\n\n" + format_review_trailers(t)};
  t.decision = Decision::kReturn;
  t.waivers.clear();
  seeds.push_back("退回\n\n" + format_review_trailers(t));
  seeds.push_back("普通提交\n\nSigned-off-by: A <a@example.gov.cn>\n");

  Mutator mutator(seed);
  size_t ok = 0, bad_rule = 0, bad_position = 0, no_round_trip = 0;
  for (int i = 0; i < 100000; ++i) {
    std::string m = mutator.mutate(seeds[mutator.below(seeds.size())]);
    auto parsed = parse_review_trailers(m, kLevels);
    if (!parsed.ok()) {
      bad_rule += parsed.error().rule != "review.trailer-syntax";
      bad_position += parsed.error().line < 0 || size_t(parsed.error().line) > m.size() + 1;
      continue;
    }
    if (!parsed->has_value()) continue;
    ++ok;
    const ReviewTrailers& p = **parsed;
    // The formatter trims blanks around the opinion (the parser keeps trailing ones).
    std::string opinion = p.opinion;
    while (!opinion.empty() && opinion.back() == ' ') opinion.pop_back();
    auto again = parse_review_trailers("x\n\n" + format_review_trailers(p), kLevels);
    bool same = again.ok() && again->has_value() && (*again)->level == p.level &&
                (*again)->decision == p.decision && (*again)->opinion == opinion &&
                (*again)->pages.size() == p.pages.size() && (*again)->waivers.size() == p.waivers.size();
    if (!same) {
      ++no_round_trip;
      FAIL_CHECK("no round trip: " << m);
    }
  }
  INFO("seed " << seed << ": " << ok << " valid review blocks");
  CHECK(bad_rule == 0);
  CHECK(bad_position == 0);
  CHECK(no_round_trip == 0);
  CHECK(ok > 1000);
}

TEST_CASE("mutated OpenSSH public key lines are accepted only as well-formed keys", "[parser_fuzz]") {
  const uint64_t seed = fuzz_seed() + 2;
  testing::TempDir dir;
  std::vector<std::string> seeds;
  for (const char* type : {"ed25519", "ecdsa-256", "ecdsa-521", "rsa"}) {
    seeds.push_back(testing::make_ssh_key(dir.path(), type, type).public_line);
  }
  Mutator mutator(seed);
  size_t bad_rule = 0, accepted = 0, unnamed = 0;
  for (int i = 0; i < 30000; ++i) {
    std::string m = mutator.mutate(seeds[mutator.below(seeds.size())]);
    auto k = parse_ssh_public_key(m);
    if (!k.ok()) {
      bad_rule += k.error().rule != "config.invalid";
      continue;
    }
    ++accepted;
    // The roster matches keys by fingerprint; an accepted key without one could never match.
    unnamed += k->fingerprint.rfind("SHA256:", 0) != 0 || k->blob.empty();
  }
  INFO("seed " << seed << ": accepted " << accepted);
  CHECK(bad_rule == 0);
  CHECK(unnamed == 0);
}

}  // namespace
}  // namespace sanshen
