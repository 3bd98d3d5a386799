// OpenPGP commit signatures (librnp adapter), verified in-process against public keys the caller
// supplies — in a content repository, the armored files under `.sanshen/keys/` at the build
// revision. No gpg-agent, no keyring on disk. Identity is the primary key's fingerprint.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/signature.h"

namespace sanshen {

// A set of OpenPGP public keys. librnp's state is not thread-safe, so calls on one keyring are
// serialized inside; SSH verification is unaffected and runs in parallel.
class OpenPgpKeyring {
 public:
  OpenPgpKeyring();
  ~OpenPgpKeyring();
  OpenPgpKeyring(OpenPgpKeyring&&) noexcept;
  OpenPgpKeyring& operator=(OpenPgpKeyring&&) noexcept;

  // Adds every public key in one file (ASCII-armored or binary); `name` is used in messages.
  // Secret key material is ignored. Errors: "config.invalid" (with path = name) when the file
  // holds no OpenPGP public key or is malformed.
  Status add(std::string_view name, std::string_view contents);

  // Number of primary keys loaded.
  std::size_t size() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  friend Result<VerifiedSignature> verify_openpgp(std::string_view, std::string_view,
                                                  const OpenPgpKeyring&);
};

// Verifies an armored detached OpenPGP signature ("-----BEGIN PGP SIGNATURE-----") over
// payload, as git does for gpg.format=openpgp. On success the fingerprint is the signer's
// primary key as 40 uppercase hex digits (also when a signing subkey made the signature) and
// key_type is "openpgp". Errors: "review.bad-signature" — malformed armor, not exactly one
// signature, not a binary-document signature, SHA-1/MD5/RIPEMD-160 digest, key not in the
// keyring, key or subkey revoked, key expired when the signature was made, signature expired,
// RSA/DSA key under 2048 bits, modified payload.
Result<VerifiedSignature> verify_openpgp(std::string_view armored, std::string_view payload,
                                         const OpenPgpKeyring& keys);

}  // namespace sanshen
