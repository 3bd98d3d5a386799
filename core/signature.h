// Signature verification: SSH signatures (SSHSIG armor, OpenSSL) and OpenPGP signatures (librnp,
// core/openpgp.h) verified in-process. Identity is the key: callers match the returned
// fingerprint against the roster.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace sanshen {

struct PublicKey {
  std::string type;         // "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", ...
  std::string blob;         // raw SSH wire-format key bytes (base64-decoded)
  std::string fingerprint;  // "SHA256:<base64 without padding>", as ssh-keygen -lf prints
  std::string comment;
};

// Parses an OpenSSH public key line "ssh-ed25519 AAAA... comment". Error rule: "config.invalid".
Result<PublicKey> parse_ssh_public_key(std::string_view line);

struct VerifiedSignature {
  std::string fingerprint;  // SSH: "SHA256:..."; OpenPGP: primary key, 40 uppercase hex digits
  std::string key_type;     // SSH key type, or "openpgp"
};

class OpenPgpKeyring;

// True when verify_signature treats `armored` as OpenPGP (its verdict then depends on the
// keyring as well as the bytes, so caches must key it by both).
bool is_openpgp_armor(std::string_view armored);

// Verifies an armored signature over payload, as git verifies a commit signature: SSHSIG in
// namespace "git" (the key travels in the signature), or an OpenPGP signature checked against
// openpgp_keys (the signer's public key must be in it; see verify_openpgp). Errors:
// "review.bad-signature" with a precise message (wrong namespace, modified payload, truncated
// armor, unsupported key or hash algorithm, OpenPGP key unknown/expired/revoked, ...).
Result<VerifiedSignature> verify_signature(std::string_view armored, std::string_view payload,
                                           const OpenPgpKeyring* openpgp_keys);
// Without OpenPGP keys: every OpenPGP signature fails as signed by an unknown key.
Result<VerifiedSignature> verify_signature(std::string_view armored, std::string_view payload);

}  // namespace sanshen
