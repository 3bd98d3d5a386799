#include "core/openpgp.h"

#include <catch2/catch.hpp>

#include "core/commit_object.h"
#include "core/signature.h"
#include "tests/support/gpg_home.h"
#include "tests/support/test_env.h"

namespace sanshen {
namespace {

using testing::shell_quote;

const std::string kPayload =
    "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
    "author 张伟 <zw@example.gov.cn> 1740700800 +0800\n"
    "committer 张伟 <zw@example.gov.cn> 1740700800 +0800\n\n复审：通知\n";

OpenPgpKeyring keyring_of(testing::GpgHome& gpg, const std::vector<std::string>& fingerprints) {
  OpenPgpKeyring keys;
  for (const std::string& fpr : fingerprints) {
    Status added = keys.add(".sanshen/keys/" + fpr + ".asc", gpg.export_key(fpr));
    INFO((added.ok() ? "" : added.error().describe()));
    REQUIRE(added.ok());
  }
  return keys;
}

void require_bad(const Result<VerifiedSignature>& v, const std::string& fragment) {
  REQUIRE_FALSE(v.ok());
  CHECK(v.error().rule == "review.bad-signature");
  INFO("message: " << v.error().message);
  CHECK(v.error().message.find(fragment) != std::string::npos);
}

// A commit signed by git itself (gpg.format=openpgp), read back raw.
CommitObject signed_commit(testing::GpgHome& gpg, testing::TestRepo& repo, const std::string& fpr,
                           const std::string& program_extra = "") {
  repo.write("a.txt", "一\n");
  repo.git("add -A");
  repo.git("-c gpg.format=openpgp -c user.signingkey=" + fpr + " -c gpg.program=" +
           shell_quote(gpg.program(program_extra)) + " commit -q -S -m 复审");
  std::string raw = testing::run_ok("git -C " + shell_quote(repo.path()) + " cat-file commit HEAD");
  Result<CommitObject> c = parse_commit_object(raw);
  REQUIRE(c.ok());
  REQUIRE(c->signature.rfind("-----BEGIN PGP SIGNATURE-----", 0) == 0);
  return std::move(*c);
}

TEST_CASE("an OpenPGP-signed git commit verifies and names the primary key's fingerprint", "[openpgp]") {
  testing::GpgHome gpg;
  testing::TestRepo repo;
  std::string alice = gpg.make_key("Alice <alice@example.gov.cn>");
  OpenPgpKeyring keys = keyring_of(gpg, {alice});
  CHECK(keys.size() == 1);
  CommitObject c = signed_commit(gpg, repo, alice);

  auto v = verify_signature(c.signature, c.signed_payload, &keys);
  INFO((v.ok() ? "" : v.error().message));
  REQUIRE(v.ok());
  CHECK(v->fingerprint == alice);
  CHECK(v->key_type == "openpgp");

  SECTION("a modified payload fails") {
    std::string payload = c.signed_payload;
    payload.replace(payload.find("复审"), 6, "终审");
    require_bad(verify_signature(c.signature, payload, &keys), "payload modified");
  }
  SECTION("without a keyring it fails with a clear reason") {
    require_bad(verify_signature(c.signature, c.signed_payload), "no OpenPGP keys");
  }
  SECTION("bytes after the armor are refused") {
    require_bad(verify_openpgp(c.signature + "x\n", c.signed_payload, keys), "trailing data");
  }
  SECTION("a truncated armor is refused") {
    require_bad(verify_openpgp(c.signature.substr(0, c.signature.size() / 2), c.signed_payload, keys),
                "truncated");
  }
}

TEST_CASE("an OpenPGP signature by a key outside the keyring fails and names the key", "[openpgp]") {
  testing::GpgHome gpg;
  std::string alice = gpg.make_key("Alice <alice@example.gov.cn>");
  std::string mallory = gpg.make_key("Mallory <m@example.com>");
  OpenPgpKeyring keys = keyring_of(gpg, {alice});
  std::string sig = gpg.sign(mallory, kPayload);
  require_bad(verify_openpgp(sig, kPayload, keys), mallory.substr(24));

  SECTION("with both keys known, the signer — not the other key — is named") {
    OpenPgpKeyring both = keyring_of(gpg, {alice, mallory});
    auto v = verify_openpgp(sig, kPayload, both);
    REQUIRE(v.ok());
    CHECK(v->fingerprint == mallory);
  }
}

TEST_CASE("SHA-1 OpenPGP signatures are refused, from git and from gpg by hand", "[openpgp]") {
  testing::GpgHome gpg;
  testing::TestRepo repo;
  // EdDSA and ECDSA refuse a 160-bit digest; RSA still makes one.
  std::string rsa = gpg.make_key("Old <old@example.gov.cn>", "rsa2048");
  OpenPgpKeyring keys = keyring_of(gpg, {rsa});
  CommitObject c = signed_commit(gpg, repo, rsa, "--digest-algo SHA1");
  require_bad(verify_signature(c.signature, c.signed_payload, &keys), "SHA1");
  require_bad(verify_openpgp(gpg.sign(rsa, kPayload, "--digest-algo SHA1"), kPayload, keys), "SHA1");
  // The same key with SHA-256 is fine: the digest, not the key, is refused.
  CHECK(verify_openpgp(gpg.sign(rsa, kPayload, "--digest-algo SHA256"), kPayload, keys).ok());
}

TEST_CASE("a signing subkey's signature is attributed to its primary key", "[openpgp]") {
  testing::GpgHome gpg;
  std::string primary = gpg.make_key("Sub <sub@example.gov.cn>", "ed25519", "cert");
  gpg.gpg("--quick-add-key " + primary + " ed25519 sign never");
  OpenPgpKeyring keys = keyring_of(gpg, {primary});
  std::string sig = gpg.sign(primary, kPayload);
  auto v = verify_openpgp(sig, kPayload, keys);
  INFO((v.ok() ? "" : v.error().message));
  REQUIRE(v.ok());
  CHECK(v->fingerprint == primary);
}

TEST_CASE("a revoked OpenPGP key's signatures fail, old ones included", "[openpgp]") {
  testing::GpgHome gpg;
  std::string alice = gpg.make_key("Alice <alice@example.gov.cn>");
  std::string sig = gpg.sign(alice, kPayload);
  // gpg stores a revocation certificate at key creation, guarded by a leading ':' on the armor.
  std::string rev = testing::read_file(gpg.home() + "/openpgp-revocs.d/" + alice + ".rev");
  size_t guard = rev.find(":-----BEGIN");
  REQUIRE(guard != std::string::npos);
  rev.erase(guard, 1);
  testing::write_file(gpg.home() + "/revoke.asc", rev);
  gpg.gpg("--import " + shell_quote(gpg.home() + "/revoke.asc"));
  OpenPgpKeyring keys = keyring_of(gpg, {alice});
  require_bad(verify_openpgp(sig, kPayload, keys), "key revoked");
}

TEST_CASE("an OpenPGP key that had expired when it signed fails", "[openpgp]") {
  testing::GpgHome gpg;
  const long day = 86400;
  const long t0 = 1735689600;  // 2025-01-01
  auto at = [](long t) { return "--faked-system-time " + std::to_string(t) + "! "; };
  std::string alice = gpg.make_key("Alice <alice@example.gov.cn>", "ed25519", "sign", at(t0));
  std::string late = gpg.sign(alice, kPayload, at(t0 + 10 * day));
  // Then an expiry of one day is set (a newer self-signature), so the signature above is late.
  gpg.gpg(at(t0 + day) + "--quick-set-expire " + alice + " 1d");
  std::string early = gpg.sign(alice, kPayload, at(t0 + day + 60));
  OpenPgpKeyring keys = keyring_of(gpg, {alice});
  require_bad(verify_openpgp(late, kPayload, keys), "expired");
  auto v = verify_openpgp(early, kPayload, keys);
  INFO((v.ok() ? "" : v.error().message));
  CHECK(v.ok());
}

TEST_CASE("text-mode and multi-signature OpenPGP armors are refused", "[openpgp]") {
  testing::GpgHome gpg;
  std::string alice = gpg.make_key("Alice <alice@example.gov.cn>");
  std::string bob = gpg.make_key("Bob <bob@example.gov.cn>");
  OpenPgpKeyring keys = keyring_of(gpg, {alice, bob});
  require_bad(verify_openpgp(gpg.sign(alice, kPayload, "--textmode"), kPayload, keys), "binary document");
  require_bad(verify_openpgp(gpg.sign(alice, kPayload, "-u " + bob), kPayload, keys), "2 signatures");
}

TEST_CASE("an OpenPGP key file that holds no public key is a config error naming the file", "[openpgp]") {
  OpenPgpKeyring keys;
  Status s = keys.add(".sanshen/keys/zhang.asc", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().rule == "config.invalid");
  CHECK(s.error().path == ".sanshen/keys/zhang.asc");
  CHECK_FALSE(keys.add("empty.asc", "").ok());
  CHECK(keys.size() == 0);
}

}  // namespace
}  // namespace sanshen
