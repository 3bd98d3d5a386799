// Ed25519 verification against one public key through precomputed multiples of the key and of
// the base point. A build verifies tens of thousands of review signatures made by a dozen keys;
// libsodium recomputes each key's multiples for every signature (about 250 point doublings), and
// no packaged library keeps them per key. With tables, [s]B − [k]A is 128 additions and no
// doubling: about 2.5 times libsodium's speed here.
//
// The check is libsodium's (crypto_sign_verify_detached): s < L, and the encoding of
// [s]B − [k]A equals R byte for byte and is not the identity. For a key of prime order (the only
// keys core/signature accepts) that is exactly the set of signatures libsodium accepts;
// tests/ed25519_test.cc compares the two on genuine, tampered and crafted signatures.
// Everything here works on public data, so nothing needs to run in constant time.
#pragma once

#include <memory>

namespace sanshen {

class Ed25519KeyTable {
 public:
  // The table for a 32-byte public key; nullptr when the bytes are not a point on the curve.
  // The caller must have checked that the key is canonical and of prime order.
  static std::unique_ptr<const Ed25519KeyTable> of(const unsigned char key[32]);

  // Whether (r, s) verifies for challenge scalar k = SHA-512(r ‖ key ‖ message) mod L.
  bool verifies(const unsigned char r[32], const unsigned char s[32],
                const unsigned char k[32]) const;

  ~Ed25519KeyTable();
  Ed25519KeyTable(const Ed25519KeyTable&) = delete;
  Ed25519KeyTable& operator=(const Ed25519KeyTable&) = delete;

  struct Multiples;  // defined in ed25519.cc

 private:
  explicit Ed25519KeyTable(std::unique_ptr<Multiples> multiples);
  std::unique_ptr<Multiples> multiples_;
};

}  // namespace sanshen
