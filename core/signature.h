// Signature verification (OpenSSL adapter): SSH signatures (SSHSIG armor) verified in-process.
// Identity is the key: callers match the returned fingerprint against the roster.
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
  std::string fingerprint;  // of the key that made the signature
  std::string key_type;
};

// Verifies an armored signature over payload, as git verifies a commit signature
// (SSHSIG namespace "git"). Errors: "review.bad-signature" with a precise message (wrong
// namespace, modified payload, truncated armor, unsupported key or hash algorithm, ...).
Result<VerifiedSignature> verify_signature(std::string_view armored, std::string_view payload);

}  // namespace sanshen
