#include "core/signature.h"
#include "core/ssh_wire.h"

#include "core/ed25519.h"
#include "core/openpgp.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>

namespace sanshen {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct EcdsaSigFree {
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

constexpr std::string_view kBegin = "-----BEGIN SSH SIGNATURE-----";
constexpr std::string_view kEnd = "-----END SSH SIGNATURE-----";
constexpr std::string_view kMagic = "SSHSIG";
constexpr std::string_view kNamespace = "git";
// Below this an RSA modulus is too weak for a review gate (OpenSSH itself still allows 1024).
constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 16384;

Error bad(const std::string& message) { return make_error("review.bad-signature", message); }

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Names taken from a signature are attacker bytes: keep messages short, ASCII and valid UTF-8.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 64)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return s.size() > 64 ? out + "..." : out;
}

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Strict RFC 4648: padded, no stray characters, zero pad bits (as OpenSSH's b64_pton).
std::optional<std::string> base64_decode(std::string_view in) {
  if (in.empty() || in.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(in.size() / 4 * 3);
  for (size_t i = 0; i < in.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      char c = in[i + j];
      if (c == '=') {
        if (i + 4 != in.size() || j < 2) return std::nullopt;
        v[j] = 0;
        ++pad;
      } else {
        if (pad) return std::nullopt;
        v[j] = base64_value(c);
        if (v[j] < 0) return std::nullopt;
      }
    }
    if ((pad == 1 && (v[2] & 3)) || (pad == 2 && (v[1] & 15))) return std::nullopt;
    uint32_t n = (uint32_t(v[0]) << 18) | (uint32_t(v[1]) << 12) | (uint32_t(v[2]) << 6) | uint32_t(v[3]);
    out += char(n >> 16);
    if (pad < 2) out += char((n >> 8) & 0xff);
    if (pad < 1) out += char(n & 0xff);
  }
  return out;
}

std::string base64_encode_unpadded(std::string_view in) {
  std::string out;
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t n = (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8) | uint8_t(in[i + 2]);
    out += kBase64[n >> 18];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += kBase64[n & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint32_t(uint8_t(in[i])) << 16;
    out += kBase64[n >> 18];
    out += kBase64[(n >> 12) & 63];
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8);
    out += kBase64[n >> 18];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
  }
  return out;
}

// OpenSSL 3 looks an algorithm up by name on every use of EVP_sha256() and friends; that lookup
// cost more than an ed25519 verification. Fetched once, kept for the process.
const EVP_MD* sha256() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
  return md;
}
const EVP_MD* sha384() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA2-384", nullptr);
  return md;
}
const EVP_MD* sha512() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA2-512", nullptr);
  return md;
}

std::string digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1) return {};
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string fingerprint_of(std::string_view blob) {
  return "SHA256:" + base64_encode_unpadded(digest(sha256(), blob));
}


enum class KeyKind { kEd25519, kEcdsa, kRsa };

struct Key {
  KeyKind kind = KeyKind::kEd25519;
  std::string type;
  PkeyPtr pkey;
  unsigned char ed25519[32] = {};    // raw public key: ed25519 is verified with libsodium
  // ed25519: how often this key verified so far and, once it is used often, its table of
  // multiples (core/ed25519.h). Keys live in a per-thread cache, so these need no lock.
  mutable unsigned ed25519_uses = 0;
  mutable std::unique_ptr<const Ed25519KeyTable> ed25519_table;
  const EVP_MD* ecdsa_md = nullptr;  // fixed by the curve (RFC 5656 §6.2.1)
  size_t rsa_bytes = 0;
  // ECDSA: a verification context set up once (the digest is fixed by the curve);
  // each verification starts from a copy, which skips OpenSSL's per-init algorithm lookups.
  MdCtxPtr prepared;
};

struct Curve {
  std::string_view type;
  std::string_view ssh_name;
  const char* group;
  const EVP_MD* (*md)();
  size_t field_bytes;
};

constexpr Curve kCurves[] = {
    {"ecdsa-sha2-nistp256", "nistp256", "P-256", sha256, 32},
    {"ecdsa-sha2-nistp384", "nistp384", "P-384", sha384, 48},
    {"ecdsa-sha2-nistp521", "nistp521", "P-521", sha512, 66},
};

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

PkeyPtr pkey_from_params(const char* algorithm, const OSSL_PARAM* params) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) != 1) {
    return nullptr;
  }
  return PkeyPtr(raw);
}

// Decodes an SSH public key blob into an OpenSSL key; on failure `why` says what is wrong.
std::optional<Key> decode_key(std::string_view blob, std::string& why) {
  SshWireReader r(blob);
  std::string_view type;
  if (!r.string(type)) {
    why = "公钥数据被截断 (truncated public key blob)";
    return std::nullopt;
  }
  Key key;
  key.type = std::string(type);
  if (starts_with(type, "sk-")) {
    why = "不支持安全密钥 (unsupported: FIDO security key type " + printable(type) + ")";
    return std::nullopt;
  }

  if (type == "ssh-ed25519") {
    std::string_view pk;
    if (!r.string(pk) || pk.size() != 32 || !r.done()) {
      why = "ed25519 公钥格式错误 (malformed ed25519 public key)";
      return std::nullopt;
    }
    key.kind = KeyKind::kEd25519;
    std::copy(pk.begin(), pk.end(), key.ed25519);
    if (!sodium_ready() || crypto_core_ed25519_is_valid_point(key.ed25519) != 1) {
      why = "ed25519 公钥无效 (invalid ed25519 public key: not a canonical point of prime order)";
      return std::nullopt;
    }
    return key;
  }

  for (const Curve& curve : kCurves) {
    if (type != curve.type) continue;
    std::string_view name, q;
    if (!r.string(name) || name != curve.ssh_name || !r.string(q) || !r.done() ||
        q.size() != 1 + 2 * curve.field_bytes || q[0] != 0x04) {
      why = "ECDSA 公钥格式错误 (malformed " + key.type + " public key)";
      return std::nullopt;
    }
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(curve.group), 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<char*>(q.data()), q.size()),
        OSSL_PARAM_construct_end()};
    key.kind = KeyKind::kEcdsa;
    key.ecdsa_md = curve.md();
    key.pkey = pkey_from_params("EC", params);
    // fromdata already rejects points off the curve; the explicit check also covers infinity.
    PkeyCtxPtr check(key.pkey ? EVP_PKEY_CTX_new_from_pkey(nullptr, key.pkey.get(), nullptr) : nullptr);
    if (!check || EVP_PKEY_public_check(check.get()) != 1) {
      ERR_clear_error();
      why = "ECDSA 公钥点无效 (invalid " + key.type + " public point)";
      return std::nullopt;
    }
    return key;
  }

  if (type == "ssh-rsa") {
    std::string_view e_bytes, n_bytes;
    if (!r.positive_mpint(e_bytes) || !r.positive_mpint(n_bytes) || !r.done()) {
      why = "RSA 公钥格式错误 (malformed ssh-rsa public key)";
      return std::nullopt;
    }
    if (n_bytes.size() > size_t(kMaxRsaBits / 8)) {
      why = "RSA 密钥过长 (RSA modulus too large)";
      return std::nullopt;
    }
    BnPtr e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e_bytes.data()), int(e_bytes.size()), nullptr));
    BnPtr n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n_bytes.data()), int(n_bytes.size()), nullptr));
    if (!e || !n) {
      why = "RSA 公钥无效 (invalid ssh-rsa public key)";
      return std::nullopt;
    }
    int bits = BN_num_bits(n.get());
    if (bits < kMinRsaBits) {
      why = "RSA 密钥过短 (RSA key too short: " + std::to_string(bits) + " bits, need " +
            std::to_string(kMinRsaBits) + ")";
      return std::nullopt;
    }
    if (!BN_is_odd(n.get()) || !BN_is_odd(e.get()) || BN_is_one(e.get())) {
      why = "RSA 公钥无效 (invalid ssh-rsa public key)";
      return std::nullopt;
    }
    std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
    if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
      why = "RSA 公钥无效 (invalid ssh-rsa public key)";
      return std::nullopt;
    }
    std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld.get()));
    key.kind = KeyKind::kRsa;
    key.rsa_bytes = size_t(BN_num_bytes(n.get()));
    key.pkey = params ? pkey_from_params("RSA", params.get()) : nullptr;
    if (!key.pkey) {
      ERR_clear_error();
      why = "RSA 公钥无效 (invalid ssh-rsa public key)";
      return std::nullopt;
    }
    return key;
  }

  why = "不支持的密钥类型 (unsupported key type " + printable(type) + ")";
  return std::nullopt;
}

bool digest_verify(const Key& key, const EVP_MD* md, std::string_view sig, std::string_view data) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  bool ready = ctx && (key.prepared && md == key.ecdsa_md
                           ? EVP_MD_CTX_copy_ex(ctx.get(), key.prepared.get()) == 1
                           : EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key.pkey.get()) == 1);
  bool ok = ready && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                                      reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  // Failed verifications leave entries on the thread's error queue; nobody reads them.
  ERR_clear_error();
  return ok;
}

// Keys decoded before, by blob, per thread (so no locking): a history is signed by a handful of
// keys, and building an OpenSSL key object costs about as much as verifying with it.
struct CachedKey {
  Key key;
  std::string fingerprint;
};

struct KeyCache {
  std::unordered_map<std::string, std::unique_ptr<CachedKey>> keys;
  std::string lookup;
  int ed25519_tables = 0;  // among `keys`
};

KeyCache& key_cache() {
  thread_local KeyCache cache;
  return cache;
}

const CachedKey* cached_key(std::string_view blob, std::string& why) {
  constexpr size_t kMaxKeys = 256;
  KeyCache& cache = key_cache();
  cache.lookup.assign(blob);
  if (auto it = cache.keys.find(cache.lookup); it != cache.keys.end()) return it->second.get();
  std::optional<Key> key = decode_key(blob, why);
  if (!key) return nullptr;
  if (key->kind == KeyKind::kEcdsa) {
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, key->ecdsa_md, nullptr, key->pkey.get()) == 1) {
      key->prepared = std::move(ctx);
    }
    ERR_clear_error();
  }
  if (cache.keys.size() >= kMaxKeys) {
    cache.keys.clear();
    cache.ed25519_tables = 0;
  }
  auto entry = std::make_unique<CachedKey>(CachedKey{std::move(*key), fingerprint_of(blob)});
  return cache.keys.emplace(cache.lookup, std::move(entry)).first->second.get();
}

// ed25519 is verified with libsodium (twice OpenSSL's speed here, and stricter: it refuses
// small-order and non-canonical keys and R values, which no honest signer produces) until a
// key has signed kTableAfter times; from then on through the key's table (core/ed25519.h),
// which accepts exactly what libsodium accepts at about 2.5 times its speed. A table costs
// about 30 verifications to build and 60 KiB, so only keys in steady use get one, and at most
// kMaxTables per thread.
bool ed25519_verify(const Key& key, std::string_view sig, std::string_view data) {
  constexpr unsigned kTableAfter = 32;
  constexpr int kMaxTables = 64;
  if (!sodium_ready()) return false;
  const auto* sig_bytes = reinterpret_cast<const unsigned char*>(sig.data());
  const auto* data_bytes = reinterpret_cast<const unsigned char*>(data.data());
  if (!key.ed25519_table && ++key.ed25519_uses == kTableAfter &&
      key_cache().ed25519_tables < kMaxTables) {
    key.ed25519_table = Ed25519KeyTable::of(key.ed25519);
    if (key.ed25519_table) ++key_cache().ed25519_tables;
  }
  if (!key.ed25519_table)
    return crypto_sign_verify_detached(sig_bytes, data_bytes, data.size(), key.ed25519) == 0;
  // The challenge k = SHA-512(R ‖ A ‖ M) mod L, as RFC 8032 §5.1.7 and libsodium compute it.
  crypto_hash_sha512_state state;
  unsigned char hash[crypto_hash_sha512_BYTES];
  unsigned char k[crypto_core_ed25519_SCALARBYTES];
  crypto_hash_sha512_init(&state);
  crypto_hash_sha512_update(&state, sig_bytes, 32);
  crypto_hash_sha512_update(&state, key.ed25519, 32);
  crypto_hash_sha512_update(&state, data_bytes, data.size());
  crypto_hash_sha512_final(&state, hash);
  crypto_core_ed25519_scalar_reduce(k, hash);
  return key.ed25519_table->verifies(sig_bytes, sig_bytes + 32, k);
}

std::string mismatch_message() {
  return "签名验证失败：内容被修改或签名无效 (signature does not verify: payload modified or signature invalid)";
}

// Verifies an SSH signature blob (string algorithm, string signature) over data.
Status verify_blob(const Key& key, std::string_view sig_blob, std::string_view data) {
  SshWireReader r(sig_blob);
  std::string_view alg, sig;
  if (!r.string(alg) || !r.string(sig) || !r.done()) {
    return bad("签名数据格式错误 (malformed signature blob)");
  }
  switch (key.kind) {
    case KeyKind::kEd25519: {
      if (alg != key.type) break;
      if (sig.size() != 64) return bad("ed25519 签名长度错误 (ed25519 signature must be 64 bytes)");
      if (!ed25519_verify(key, sig, data)) return bad(mismatch_message());
      return ok_status();
    }
    case KeyKind::kEcdsa: {
      if (alg != key.type) break;
      SshWireReader inner(sig);
      std::string_view r_bytes, s_bytes;
      if (!inner.positive_mpint(r_bytes) || !inner.positive_mpint(s_bytes) || !inner.done() ||
          r_bytes.size() > 66 || s_bytes.size() > 66) {
        return bad("ECDSA 签名格式错误 (malformed ECDSA signature)");
      }
      std::unique_ptr<ECDSA_SIG, EcdsaSigFree> es(ECDSA_SIG_new());
      BIGNUM* rn =
          BN_bin2bn(reinterpret_cast<const unsigned char*>(r_bytes.data()), int(r_bytes.size()), nullptr);
      BIGNUM* sn =
          BN_bin2bn(reinterpret_cast<const unsigned char*>(s_bytes.data()), int(s_bytes.size()), nullptr);
      if (!es || !rn || !sn || ECDSA_SIG_set0(es.get(), rn, sn) != 1) {
        BN_free(rn);
        BN_free(sn);
        return bad("ECDSA 签名无效 (invalid ECDSA signature)");
      }
      unsigned char* der = nullptr;
      int der_len = i2d_ECDSA_SIG(es.get(), &der);
      if (der_len <= 0) return bad("ECDSA 签名无效 (invalid ECDSA signature)");
      std::string der_sig(reinterpret_cast<const char*>(der), size_t(der_len));
      OPENSSL_free(der);
      if (!digest_verify(key, key.ecdsa_md, der_sig, data)) return bad(mismatch_message());
      return ok_status();
    }
    case KeyKind::kRsa: {
      const EVP_MD* md = nullptr;
      if (alg == "ssh-rsa") return bad("不支持 SHA-1 RSA 签名 (unsupported: ssh-rsa SHA-1 signatures)");
      if (alg == "rsa-sha2-256") md = sha256();
      if (alg == "rsa-sha2-512") md = sha512();
      if (!md) break;
      if (sig.empty() || sig.size() > key.rsa_bytes) return bad("RSA 签名长度错误 (RSA signature length)");
      // Some signers drop leading zero bytes; OpenSSL wants exactly the modulus length.
      std::string padded(key.rsa_bytes - sig.size(), '\0');
      padded += sig;
      if (!digest_verify(key, md, padded, data)) return bad(mismatch_message());
      return ok_status();
    }
  }
  return bad("签名算法与密钥类型不符 (signature algorithm " + printable(alg) + " does not match key type " +
             key.type + ")");
}

// Extracts the base64 body of an SSH signature armor.
Result<std::string> dearmor(std::string_view armored) {
  if (starts_with(armored, "-----BEGIN SIGNED MESSAGE-----")) {
    return bad("不支持 X.509 签名 (unsupported: X.509 signatures)");
  }
  if (!starts_with(armored, kBegin)) return bad("不是 SSH 签名 (not an SSH signature armor)");
  std::string_view rest = armored.substr(kBegin.size());
  if (rest.empty() || (rest[0] != '\n' && rest[0] != '\r')) {
    return bad("签名封装格式错误 (malformed armor: BEGIN line)");
  }
  size_t end = rest.find(kEnd);
  if (end == std::string_view::npos) {
    return bad("签名封装被截断 (truncated armor: no END SSH SIGNATURE line)");
  }
  if (rest[end - 1] != '\n') return bad("签名封装格式错误 (malformed armor: END line)");
  for (char c : rest.substr(end + kEnd.size())) {
    if (!is_space(c)) return bad("签名封装后有多余内容 (trailing data after armor)");
  }
  std::string body;
  for (char c : rest.substr(0, end)) {
    if (!is_space(c)) body += c;
  }
  std::optional<std::string> decoded = base64_decode(body);
  if (!decoded) return bad("签名 base64 无效 (invalid base64 in armor)");
  return std::move(*decoded);
}

std::string ssh_string(std::string_view s) {
  std::string out;
  uint32_t n = uint32_t(s.size());
  out += char(n >> 24);
  out += char((n >> 16) & 0xff);
  out += char((n >> 8) & 0xff);
  out += char(n & 0xff);
  out += s;
  return out;
}

}  // namespace

Result<PublicKey> parse_ssh_public_key(std::string_view line) {
  auto skip_space = [&] {
    while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
  };
  auto take_word = [&] {
    size_t n = 0;
    while (n < line.size() && !is_space(line[n])) ++n;
    std::string_view word = line.substr(0, n);
    line.remove_prefix(n);
    return word;
  };
  skip_space();
  std::string_view type = take_word();
  skip_space();
  std::string_view encoded = take_word();
  skip_space();
  std::string_view comment = line;
  while (!comment.empty() && is_space(comment.back())) comment.remove_suffix(1);
  // The comment names the key for the reader; the roster parser adds file and line.
  auto invalid = [&](const std::string& message) {
    return make_error("config.invalid",
                      comment.empty() ? message : message + " [" + std::string(comment) + "]");
  };

  if (type.empty() || encoded.empty()) return invalid("SSH 公钥格式错误 (malformed OpenSSH public key)");
  std::optional<std::string> blob = base64_decode(encoded);
  if (!blob) return invalid("SSH 公钥 base64 无效 (invalid base64 in public key)");
  SshWireReader r(*blob);
  std::string_view inner_type;
  if (!r.string(inner_type) || inner_type != type) {
    return invalid("SSH 公钥类型与数据不符 (key type does not match key data)");
  }
  std::string why;
  if (!decode_key(*blob, why)) return invalid(why);

  PublicKey key;
  key.type = std::string(type);
  key.fingerprint = fingerprint_of(*blob);
  key.blob = std::move(*blob);
  key.comment = std::string(comment);
  return key;
}

bool is_openpgp_armor(std::string_view armored) { return starts_with(armored, "-----BEGIN PGP "); }

Result<VerifiedSignature> verify_signature(std::string_view armored, std::string_view payload,
                                           const OpenPgpKeyring* openpgp_keys) {
  if (is_openpgp_armor(armored)) {
    if (!openpgp_keys) {
      return bad("未提供 OpenPGP 公钥，无法验证 (OpenPGP signature, but no OpenPGP keys were supplied)");
    }
    return verify_openpgp(armored, payload, *openpgp_keys);
  }
  Result<std::string> decoded = dearmor(armored);
  if (!decoded) return decoded.error();
  // PROTOCOL.sshsig: MAGIC, uint32 version, string publickey, string namespace,
  // string reserved, string hash_algorithm, string signature.
  SshWireReader r(*decoded);
  std::string_view magic, public_key, ns, reserved, hash_alg, sig_blob;
  uint32_t version = 0;
  if (!r.bytes(kMagic.size(), magic) || magic != kMagic)
    return bad("不是 SSHSIG 签名 (missing SSHSIG magic)");
  if (!r.u32(version)) return bad("签名数据被截断 (truncated SSHSIG blob)");
  if (version != 1)
    return bad("不支持的 SSHSIG 版本 (unsupported SSHSIG version " + std::to_string(version) + ")");
  if (!r.string(public_key) || !r.string(ns) || !r.string(reserved) || !r.string(hash_alg) ||
      !r.string(sig_blob)) {
    return bad("签名数据被截断 (truncated SSHSIG blob)");
  }
  if (!r.done()) return bad("签名数据后有多余内容 (trailing data in SSHSIG blob)");
  if (ns != kNamespace) {
    return bad("签名命名空间错误 (wrong namespace \"" + printable(ns) + "\", expected \"git\")");
  }
  const EVP_MD* md = nullptr;
  if (hash_alg == "sha512") md = sha512();
  else if (hash_alg == "sha256") md = sha256();
  else return bad("不支持的哈希算法 (unsupported hash algorithm \"" + printable(hash_alg) + "\")");

  std::string why;
  const CachedKey* cached = cached_key(public_key, why);
  if (!cached) return bad(why);
  const Key& key = cached->key;

  std::string signed_data(kMagic);
  signed_data += ssh_string(ns);
  signed_data += ssh_string(reserved);
  signed_data += ssh_string(hash_alg);
  signed_data += ssh_string(digest(md, payload));
  Status verified = verify_blob(key, sig_blob, signed_data);
  if (!verified) return verified.error();

  VerifiedSignature out;
  out.fingerprint = cached->fingerprint;
  out.key_type = key.type;
  return out;
}

Result<VerifiedSignature> verify_signature(std::string_view armored, std::string_view payload) {
  return verify_signature(armored, payload, nullptr);
}

}  // namespace sanshen
