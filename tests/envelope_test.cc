// DSSE envelopes with ed25519 keys as ssh-keygen and openssl make them: signatures verify with the
// matching public key only, over the exact payload, and interoperate with the openssl CLI.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/envelope.h"
#include "tests/support/test_env.h"

using namespace sanshen;
using namespace sanshen::testing;
using nlohmann::json;

namespace {

Ed25519Key private_key(const std::string& path) {
  auto k = parse_ed25519_private_key(read_file(path));
  INFO(path << ": " << (k.ok() ? "" : k.error().describe()));
  REQUIRE(k.ok());
  return *k;
}

Ed25519Key public_key(const std::string& text) {
  auto k = parse_ed25519_public_key(text);
  INFO((k.ok() ? "" : k.error().describe()));
  REQUIRE(k.ok());
  return *k;
}

const std::string kPayload = "{\"_type\": \"https://in-toto.io/Statement/v1\"}\n";

}  // namespace

TEST_CASE("DSSE pre-authentication encoding matches the specification's example", "[envelope]") {
  CHECK(dsse_pae("http://example.com/HelloWorld", "hello world") ==
        "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  CHECK(dsse_pae("", "") == "DSSEv1 0  0 ");
}

TEST_CASE("an envelope signed with an OpenSSH ed25519 key verifies with its public key line",
          "[envelope]") {
  TempDir dir;
  TestKey key = make_ssh_key(dir.path(), "deploy");
  Ed25519Key signer = private_key(key.private_path);
  CHECK(signer.keyid() == key.fingerprint);
  CHECK(signer.has_private());

  auto envelope = dsse_sign(kInTotoPayloadType, kPayload, signer);
  REQUIRE(envelope.ok());
  json j = json::parse(*envelope);
  CHECK(j["payloadType"] == kInTotoPayloadType);
  REQUIRE(j["signatures"].size() == 1);
  CHECK(j["signatures"][0]["keyid"] == key.fingerprint);

  Ed25519Key verifier = public_key(key.public_line);
  CHECK_FALSE(verifier.has_private());
  CHECK(verifier.keyid() == key.fingerprint);
  auto payload = dsse_verify(*envelope, kInTotoPayloadType, verifier);
  REQUIRE(payload.ok());
  CHECK(*payload == kPayload);
  CHECK(looks_like_envelope(*envelope));
  CHECK(dsse_payload(*envelope).value() == kPayload);
}

TEST_CASE("an envelope does not verify with another key, a changed payload or payload type",
          "[envelope]") {
  TempDir dir;
  TestKey key = make_ssh_key(dir.path(), "deploy");
  TestKey other = make_ssh_key(dir.path(), "other");
  auto envelope = dsse_sign(kInTotoPayloadType, kPayload, private_key(key.private_path));
  REQUIRE(envelope.ok());
  Ed25519Key verifier = public_key(key.public_line);

  auto by_other = dsse_verify(*envelope, kInTotoPayloadType, public_key(other.public_line));
  REQUIRE_FALSE(by_other.ok());
  CHECK(by_other.error().rule == "verify.bad-signature");

  json tampered = json::parse(*envelope);
  std::string changed = kPayload;
  changed.replace(changed.find("v1"), 2, "v2");
  auto b64 = [&](const std::string& s) {
    // Re-sign nothing: only swap the payload, as an attacker without the key would.
    return run_ok("printf %s " + shell_quote(s) + " | base64 -w0");
  };
  tampered["payload"] = b64(changed);
  auto modified = dsse_verify(tampered.dump(), kInTotoPayloadType, verifier);
  REQUIRE_FALSE(modified.ok());
  CHECK(modified.error().rule == "verify.bad-signature");

  json retyped = json::parse(*envelope);
  retyped["payloadType"] = "text/plain";
  CHECK_FALSE(dsse_verify(retyped.dump(), kInTotoPayloadType, verifier).ok());
  CHECK_FALSE(dsse_verify(retyped.dump(), "text/plain", verifier).ok());

  json flipped = json::parse(*envelope);
  std::string sig = flipped["signatures"][0]["sig"];
  sig[5] = sig[5] == 'A' ? 'B' : 'A';
  flipped["signatures"][0]["sig"] = sig;
  CHECK_FALSE(dsse_verify(flipped.dump(), kInTotoPayloadType, verifier).ok());

  CHECK_FALSE(dsse_verify("{}", kInTotoPayloadType, verifier).ok());
  CHECK_FALSE(dsse_verify("not json", kInTotoPayloadType, verifier).ok());
}

TEST_CASE("PEM PKCS#8 ed25519 keys sign and verify, and the openssl CLI accepts the signature",
          "[envelope]") {
  TempDir dir;
  const std::string priv = dir.path() + "/key.pem", pub = dir.path() + "/pub.pem";
  run_ok("openssl genpkey -algorithm ed25519 -out " + shell_quote(priv));
  run_ok("openssl pkey -in " + shell_quote(priv) + " -pubout -out " + shell_quote(pub));
  Ed25519Key signer = private_key(priv);
  Ed25519Key verifier = public_key(read_file(pub));
  CHECK(signer.keyid() == verifier.keyid());
  CHECK(signer.keyid().rfind("SHA256:", 0) == 0);

  auto envelope = dsse_sign(kInTotoPayloadType, kPayload, signer);
  REQUIRE(envelope.ok());
  CHECK(dsse_verify(*envelope, kInTotoPayloadType, verifier).ok());

  // An independent verifier over PAE(type, body) agrees.
  json j = json::parse(*envelope);
  write_file(dir.path() + "/pae", dsse_pae(kInTotoPayloadType, kPayload));
  write_file(dir.path() + "/sig.b64", j["signatures"][0]["sig"].get<std::string>() + "\n");
  run_ok("base64 -d " + shell_quote(dir.path() + "/sig.b64") + " > " + shell_quote(dir.path() + "/sig"));
  auto r = run("openssl pkeyutl -verify -pubin -inkey " + shell_quote(pub) + " -rawin -in " +
               shell_quote(dir.path() + "/pae") + " -sigfile " + shell_quote(dir.path() + "/sig"));
  INFO(r.output);
  CHECK(r.status == 0);
}

TEST_CASE("keys that are not unencrypted ed25519 keys are refused with a reason", "[envelope]") {
  TempDir dir;
  TestKey rsa = make_ssh_key(dir.path(), "rsa", "rsa");
  auto not_ed = parse_ed25519_private_key(read_file(rsa.private_path));
  REQUIRE_FALSE(not_ed.ok());
  CHECK(not_ed.error().rule == "config.invalid");
  CHECK(not_ed.error().message.find("ed25519") != std::string::npos);
  CHECK_FALSE(parse_ed25519_public_key(rsa.public_line).ok());

  const std::string locked = dir.path() + "/locked";
  run_ok("ssh-keygen -q -t ed25519 -N secret-pass -C locked -f " + shell_quote(locked));
  auto encrypted = parse_ed25519_private_key(read_file(locked));
  REQUIRE_FALSE(encrypted.ok());
  CHECK(encrypted.error().message.find("encrypted") != std::string::npos);

  CHECK_FALSE(parse_ed25519_private_key("").ok());
  CHECK_FALSE(parse_ed25519_private_key("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n"
                                        "-----END OPENSSH PRIVATE KEY-----\n")
                  .ok());
  TestKey ed = make_ssh_key(dir.path(), "ed");
  // A public key cannot sign.
  Ed25519Key verifier = public_key(ed.public_line);
  CHECK_FALSE(dsse_sign(kInTotoPayloadType, kPayload, verifier).ok());
}

TEST_CASE("sign_manifest_file writes the envelope beside the manifest over its exact bytes",
          "[envelope]") {
  TempDir dir;
  TestKey key = make_ssh_key(dir.path(), "deploy");
  const std::string manifest = dir.path() + "/provenance.json";
  write_file(manifest, kPayload);
  auto path = sign_manifest_file(real_file_system(), manifest, private_key(key.private_path));
  REQUIRE(path.ok());
  CHECK(*path == manifest + ".dsse.json");
  CHECK(envelope_path_for(manifest) == *path);
  auto payload = dsse_verify(read_file(*path), kInTotoPayloadType, public_key(key.public_line));
  REQUIRE(payload.ok());
  CHECK(*payload == kPayload);
}
