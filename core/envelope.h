// DSSE envelopes (https://github.com/secure-systems-lab/dsse) signed with ed25519 (OpenSSL EVP,
// in-process): the signed form of the provenance manifest (design §8, `build --sign-key`).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/file_system.h"
#include "core/result.h"

namespace sanshen {

inline constexpr const char* kInTotoPayloadType = "application/vnd.in-toto+json";

// An ed25519 key, public only or with its private half. The key id is its OpenSSH fingerprint
// ("SHA256:…", as `ssh-keygen -lf` prints it) whatever format it was read from, so the same key
// has one id in the roster, in envelopes and in messages.
class Ed25519Key {
 public:
  const std::string& keyid() const;
  bool has_private() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
  friend Result<Ed25519Key> parse_ed25519_private_key(std::string_view text);
  friend Result<Ed25519Key> parse_ed25519_public_key(std::string_view text);
  friend Result<std::string> dsse_sign(std::string_view, std::string_view, const Ed25519Key&);
  friend Result<std::string> dsse_verify(std::string_view, std::string_view, const Ed25519Key&);
};

// An unencrypted OpenSSH private key ("-----BEGIN OPENSSH PRIVATE KEY-----", what
// `ssh-keygen -t ed25519 -N ''` writes) or a PEM PKCS#8 one ("-----BEGIN PRIVATE KEY-----").
// Error "config.invalid": another key type, an encrypted key, a damaged file.
Result<Ed25519Key> parse_ed25519_private_key(std::string_view text);
// An OpenSSH public key line ("ssh-ed25519 AAAA… comment") or PEM ("-----BEGIN PUBLIC KEY-----").
Result<Ed25519Key> parse_ed25519_public_key(std::string_view text);

// DSSE's pre-authentication encoding: "DSSEv1 <len> <type> <len> <body>".
std::string dsse_pae(std::string_view payload_type, std::string_view payload);

// The envelope as JSON text: {"payloadType", "payload" (base64), "signatures": [{"keyid",
// "sig"}]}, signed over dsse_pae. Error "config.invalid" when the key has no private half.
Result<std::string> dsse_sign(std::string_view payload_type, std::string_view payload,
                              const Ed25519Key& key);
// The payload bytes, when the envelope's payload type is `payload_type` and some signature in it
// verifies with `key`. Error "verify.bad-signature" otherwise, saying why (not an envelope, bad
// base64, another payload type, no signature that verifies with this key).
Result<std::string> dsse_verify(std::string_view envelope, std::string_view payload_type,
                                const Ed25519Key& key);
// The payload of an envelope without checking any signature (to read a manifest that was given
// as its envelope when no key is at hand). Error "manifest.invalid" when it is not an envelope.
Result<std::string> dsse_payload(std::string_view envelope);
bool looks_like_envelope(std::string_view text);

// Where the envelope of a manifest lives: beside it, "<manifest>.dsse.json".
std::string envelope_path_for(const std::string& manifest_path);
// Signs the manifest file's bytes as an in-toto DSSE envelope and writes it (staged, then
// renamed into place) to envelope_path_for(manifest_path). Returns the envelope's path.
Result<std::string> sign_manifest_file(FileSystem& fs, const std::string& manifest_path,
                                       const Ed25519Key& key);

}  // namespace sanshen
