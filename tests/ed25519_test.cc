// Ed25519KeyTable against libsodium's crypto_sign_verify_detached, the verdict it must equal:
// genuine signatures, every kind of tampering, and signatures crafted with the private scalar
// to reach the edge cases (identity R, torsion in R, non-canonical encodings, S ≥ L).
#include "core/ed25519.h"

#include <sodium.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace sanshen {
namespace {

using Bytes32 = std::array<unsigned char, 32>;
using Signature = std::array<unsigned char, 64>;

struct Keypair {
  Bytes32 public_key{};
  std::array<unsigned char, 64> secret{};
  Bytes32 scalar{};  // the clamped secret scalar a, reduced mod L: A = [a]B

  Keypair() {
    REQUIRE(sodium_init() >= 0);
    crypto_sign_keypair(public_key.data(), secret.data());
    unsigned char h[64];
    crypto_hash_sha512(h, secret.data(), 32);
    h[0] &= 248;
    h[31] &= 127;
    h[31] |= 64;
    unsigned char wide[64] = {};
    std::memcpy(wide, h, 32);
    crypto_core_ed25519_scalar_reduce(scalar.data(), wide);
  }
};

// k = SHA-512(R ‖ A ‖ M) mod L.
Bytes32 challenge(const unsigned char r[32], const Bytes32& key, const std::string& message) {
  crypto_hash_sha512_state state;
  unsigned char h[64];
  crypto_hash_sha512_init(&state);
  crypto_hash_sha512_update(&state, r, 32);
  crypto_hash_sha512_update(&state, key.data(), 32);
  crypto_hash_sha512_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                            message.size());
  crypto_hash_sha512_final(&state, h);
  Bytes32 k;
  crypto_core_ed25519_scalar_reduce(k.data(), h);
  return k;
}

bool sodium_verdict(const Signature& sig, const std::string& message, const Bytes32& key) {
  return crypto_sign_verify_detached(sig.data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

bool table_verdict(const Ed25519KeyTable& table, const Signature& sig, const std::string& message,
                   const Bytes32& key) {
  const Bytes32 k = challenge(sig.data(), key, message);
  return table.verifies(sig.data(), sig.data() + 32, k.data());
}

// S = r + k·a for a chosen R (any encoding) and nonce r: a signature only the key's owner can
// make, valid or not depending on whether R really is [r]B.
Signature crafted(const Keypair& kp, const Bytes32& r_encoding, const Bytes32& nonce,
                  const std::string& message) {
  const Bytes32 k = challenge(r_encoding.data(), kp.public_key, message);
  Bytes32 ka, s;
  crypto_core_ed25519_scalar_mul(ka.data(), k.data(), kp.scalar.data());
  crypto_core_ed25519_scalar_add(s.data(), nonce.data(), ka.data());
  Signature sig;
  std::memcpy(sig.data(), r_encoding.data(), 32);
  std::memcpy(sig.data() + 32, s.data(), 32);
  return sig;
}

Bytes32 random_scalar() {
  Bytes32 r;
  crypto_core_ed25519_scalar_random(r.data());
  return r;
}

Bytes32 hex32(const char* hex) {
  Bytes32 out;
  for (size_t i = 0; i < 32; ++i) out[i] = std::stoi(std::string(hex + 2 * i, 2), nullptr, 16);
  return out;
}

TEST_CASE("a key table accepts exactly what libsodium accepts, genuine or tampered", "[ed25519]") {
  int accepted = 0, refused = 0;
  for (int key = 0; key < 4; ++key) {
    const Keypair kp;
    const auto table = Ed25519KeyTable::of(kp.public_key.data());
    REQUIRE(table);
    for (int i = 0; i < 300; ++i) {
      std::string message(1 + randombytes_uniform(300), '\0');
      randombytes_buf(message.data(), message.size());
      Signature sig;
      crypto_sign_detached(sig.data(), nullptr,
                           reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                           kp.secret.data());
      std::string tampered_message = message;
      switch (i % 4) {
        case 1:  // one bit of R or S
          sig[randombytes_uniform(64)] ^= static_cast<unsigned char>(1u << randombytes_uniform(8));
          break;
        case 2:  // one bit of the message
          tampered_message[randombytes_uniform(static_cast<uint32_t>(message.size()))] ^= 1;
          break;
        case 3:  // S with its top bit set, so S ≥ L
          sig[63] ^= 0x80;
          break;
        default:
          break;
      }
      const bool expected = sodium_verdict(sig, tampered_message, kp.public_key);
      INFO("key " << key << " signature " << i);
      REQUIRE(table_verdict(*table, sig, tampered_message, kp.public_key) == expected);
      (expected ? accepted : refused)++;
    }
  }
  CHECK(accepted == 4 * 75);
  CHECK(refused == 4 * 225);
}

TEST_CASE("a key table verifies signatures made with any nonce, and only with its own key",
          "[ed25519]") {
  const Keypair kp, other;
  const auto table = Ed25519KeyTable::of(kp.public_key.data());
  REQUIRE(table);
  for (int i = 0; i < 50; ++i) {
    const std::string message = "tree " + std::to_string(i) + "\n";
    const Bytes32 nonce = random_scalar();
    Bytes32 r;
    REQUIRE(crypto_scalarmult_ed25519_base_noclamp(r.data(), nonce.data()) == 0);
    const Signature sig = crafted(kp, r, nonce, message);
    CHECK(sodium_verdict(sig, message, kp.public_key));
    CHECK(table_verdict(*table, sig, message, kp.public_key));
    // The same bytes against another key's table (with that key's challenge) fail.
    const auto other_table = Ed25519KeyTable::of(other.public_key.data());
    CHECK_FALSE(table_verdict(*other_table, sig, message, other.public_key));
  }
}

TEST_CASE("a key table refuses the edge cases libsodium refuses", "[ed25519]") {
  const Keypair kp;
  const auto table = Ed25519KeyTable::of(kp.public_key.data());
  REQUIRE(table);
  const std::string message = "复审：通知\n";

  // R = identity with S = k·a: [S]B − [k]A is the identity, so the equation holds, but R has
  // small order.
  const Bytes32 identity =
      hex32("0100000000000000000000000000000000000000000000000000000000000000");
  Bytes32 zero{};
  Signature sig = crafted(kp, identity, zero, message);
  CHECK_FALSE(sodium_verdict(sig, message, kp.public_key));
  CHECK_FALSE(table_verdict(*table, sig, message, kp.public_key));

  // R = [r]B + T for T of order 8, with the nonce r: only a cofactored check would accept it.
  const Bytes32 torsion = hex32("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
  const Bytes32 nonce = random_scalar();
  Bytes32 rb, r_twisted;
  REQUIRE(crypto_scalarmult_ed25519_base_noclamp(rb.data(), nonce.data()) == 0);
  REQUIRE(crypto_core_ed25519_add(r_twisted.data(), rb.data(), torsion.data()) == 0);
  sig = crafted(kp, r_twisted, nonce, message);
  CHECK_FALSE(sodium_verdict(sig, message, kp.public_key));
  CHECK_FALSE(table_verdict(*table, sig, message, kp.public_key));

  // The identity written non-canonically (y = 1 + p), with the matching S.
  const Bytes32 identity_plus_p =
      hex32("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
  sig = crafted(kp, identity_plus_p, zero, message);
  CHECK_FALSE(sodium_verdict(sig, message, kp.public_key));
  CHECK_FALSE(table_verdict(*table, sig, message, kp.public_key));

  // A genuine signature with S + L, and with S = L exactly.
  Signature good;
  crypto_sign_detached(good.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), kp.secret.data());
  REQUIRE(table_verdict(*table, good, message, kp.public_key));
  const Bytes32 order = hex32("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
  Signature malleated = good;
  unsigned carry = 0;
  for (size_t i = 0; i < 32; ++i) {
    const unsigned sum = malleated[32 + i] + order[i] + carry;
    malleated[32 + i] = static_cast<unsigned char>(sum);
    carry = sum >> 8;
  }
  CHECK_FALSE(sodium_verdict(malleated, message, kp.public_key));
  CHECK_FALSE(table_verdict(*table, malleated, message, kp.public_key));
  Signature s_is_order = good;
  std::memcpy(s_is_order.data() + 32, order.data(), 32);
  CHECK_FALSE(sodium_verdict(s_is_order, message, kp.public_key));
  CHECK_FALSE(table_verdict(*table, s_is_order, message, kp.public_key));

  // All-zero and all-one signatures.
  Signature zeros{}, ones;
  ones.fill(0xff);
  CHECK_FALSE(table_verdict(*table, zeros, message, kp.public_key));
  CHECK_FALSE(table_verdict(*table, ones, message, kp.public_key));
}

TEST_CASE("a key table is refused for bytes that are not a curve point", "[ed25519]") {
  // y = 2 has no x on the curve (libsodium refuses it too).
  const Bytes32 not_on_curve =
      hex32("0200000000000000000000000000000000000000000000000000000000000000");
  REQUIRE(sodium_init() >= 0);
  CHECK(crypto_core_ed25519_is_valid_point(not_on_curve.data()) == 0);
  CHECK(Ed25519KeyTable::of(not_on_curve.data()) == nullptr);
  const Bytes32 base = hex32("5866666666666666666666666666666666666666666666666666666666666666");
  CHECK(Ed25519KeyTable::of(base.data()) != nullptr);
}

}  // namespace
}  // namespace sanshen
