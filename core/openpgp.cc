#include "core/openpgp.h"

#include <fcntl.h>
#include <rnp/rnp.h>
#include <rnp/rnp_err.h>
#include <unistd.h>

#include <cstdint>
#include <mutex>

#include "core/shared_library.h"

namespace sanshen {

namespace {

// librnp (with Botan, ~12,000 symbol relocations) is opened when the first OpenPGP key is
// loaded, not at start-up (core/shared_library.h): most rosters use SSH keys only. Each
// function below is a pointer of the header's own type that hides the global declaration, so
// the code calls librnp as usual and the compiler checks every call.
#define SANSHEN_RNP_FUNCTIONS(X)        \
  X(rnp_buffer_destroy)                 \
  X(rnp_ffi_create)                     \
  X(rnp_ffi_destroy)                    \
  X(rnp_ffi_set_log_fd)                 \
  X(rnp_identifier_iterator_create)     \
  X(rnp_identifier_iterator_destroy)    \
  X(rnp_identifier_iterator_next)       \
  X(rnp_input_destroy)                  \
  X(rnp_input_from_memory)              \
  X(rnp_key_get_alg)                    \
  X(rnp_key_get_bits)                   \
  X(rnp_key_get_fprint)                 \
  X(rnp_key_get_primary_fprint)         \
  X(rnp_key_get_revocation_reason)      \
  X(rnp_key_handle_destroy)             \
  X(rnp_key_is_primary)                 \
  X(rnp_key_is_revoked)                 \
  X(rnp_key_valid_till64)               \
  X(rnp_load_keys)                      \
  X(rnp_locate_key)                     \
  X(rnp_op_verify_destroy)              \
  X(rnp_op_verify_detached_create)      \
  X(rnp_op_verify_execute)              \
  X(rnp_op_verify_get_signature_at)     \
  X(rnp_op_verify_get_signature_count)  \
  X(rnp_op_verify_signature_get_handle) \
  X(rnp_op_verify_signature_get_hash)   \
  X(rnp_op_verify_signature_get_key)    \
  X(rnp_op_verify_signature_get_status) \
  X(rnp_op_verify_signature_get_times)  \
  X(rnp_signature_get_keyid)            \
  X(rnp_signature_get_type)             \
  X(rnp_signature_handle_destroy)
#define SANSHEN_RNP_POINTER(f) decltype(&::f) f = nullptr;
SANSHEN_RNP_FUNCTIONS(SANSHEN_RNP_POINTER)
#undef SANSHEN_RNP_POINTER

// Empty when librnp is usable, else why not. Binds every pointer once per process.
const std::string& rnp_load_problem() {
  static const std::string problem = [] {
    auto lib = SharedLibrary::open("librnp.so.0");
    if (!lib) return lib.error().message;
#define SANSHEN_RNP_BIND(f) \
  if (auto bound = (*lib)->bind(f, #f); !bound) return bound.error().message;
    SANSHEN_RNP_FUNCTIONS(SANSHEN_RNP_BIND)
#undef SANSHEN_RNP_BIND
    return std::string();
  }();
  return problem;
}
#undef SANSHEN_RNP_FUNCTIONS

constexpr std::string_view kBegin = "-----BEGIN PGP SIGNATURE-----";
constexpr std::string_view kEnd = "-----END PGP SIGNATURE-----";
constexpr uint32_t kMinBits = 2048;

Error bad(const std::string& message) { return make_error("review.bad-signature", message); }

// Frees whatever librnp hands out; every handle below is owned by one of these.
struct RnpBuffer {
  char* p = nullptr;
  ~RnpBuffer() {
    if (p) rnp_buffer_destroy(p);
  }
  std::string str() const { return p ? std::string(p) : std::string(); }
};
struct InputFree {
  void operator()(rnp_input_st* p) const { rnp_input_destroy(p); }
};
struct OpFree {
  void operator()(rnp_op_verify_st* p) const { rnp_op_verify_destroy(p); }
};
struct KeyFree {
  void operator()(rnp_key_handle_st* p) const { rnp_key_handle_destroy(p); }
};
struct SigFree {
  void operator()(rnp_signature_handle_st* p) const { rnp_signature_handle_destroy(p); }
};
struct IterFree {
  void operator()(rnp_identifier_iterator_st* p) const { rnp_identifier_iterator_destroy(p); }
};
using InputPtr = std::unique_ptr<rnp_input_st, InputFree>;
using OpPtr = std::unique_ptr<rnp_op_verify_st, OpFree>;
using KeyPtr = std::unique_ptr<rnp_key_handle_st, KeyFree>;
using SigPtr = std::unique_ptr<rnp_signature_handle_st, SigFree>;

// No copy: librnp reads the bytes only during the call that consumes the input.
InputPtr memory_input(std::string_view data) {
  rnp_input_t in = nullptr;
  if (rnp_input_from_memory(&in, reinterpret_cast<const uint8_t*>(data.data()), data.size(), false) !=
      RNP_SUCCESS) {
    return nullptr;
  }
  return InputPtr(in);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Only the digests still collision resistant; RFC 9580 forbids MD5 and SHA-1 for new signatures.
bool acceptable_hash(const std::string& hash) {
  return hash == "SHA256" || hash == "SHA384" || hash == "SHA512" || hash == "SHA224" ||
         hash == "SHA3-256" || hash == "SHA3-512";
}

bool flag(rnp_result_t (*query)(rnp_key_handle_t, bool*), rnp_key_handle_t key) {
  bool value = false;
  return query(key, &value) == RNP_SUCCESS && value;
}

// Why `key` (the one that made the signature, maybe a subkey) may not sign at `created`, or "".
std::string key_problem(rnp_key_handle_t key, rnp_key_handle_t primary, uint32_t created) {
  for (rnp_key_handle_t k : {primary, key}) {
    if (flag(rnp_key_is_revoked, k)) {
      RnpBuffer reason;
      rnp_key_get_revocation_reason(k, &reason.p);
      std::string what = k == primary ? "密钥已吊销 (key revoked" : "子密钥已吊销 (subkey revoked";
      return what + (reason.str().empty() ? "" : ": " + reason.str().substr(0, 80)) + ")";
    }
  }
  uint64_t till = 0;
  if (rnp_key_valid_till64(key, &till) != RNP_SUCCESS || till == 0) {
    return "密钥无有效自签名 (key has no valid self-signature)";
  }
  if (till < created) return "签名时密钥已过期 (key expired before the signature was made)";
  RnpBuffer alg;
  uint32_t bits = 0;
  if (rnp_key_get_alg(key, &alg.p) == RNP_SUCCESS && (alg.str() == "RSA" || alg.str() == "DSA") &&
      rnp_key_get_bits(key, &bits) == RNP_SUCCESS && bits < kMinBits) {
    return alg.str() + " 密钥过短 (key too short: " + std::to_string(bits) + " bits, need " +
           std::to_string(kMinBits) + ")";
  }
  return "";
}

}  // namespace

struct OpenPgpKeyring::Impl {
  rnp_ffi_t ffi = nullptr;
  bool tried = false;
  std::string problem;  // why there is no ffi
  int null_fd = -1;
  std::mutex mutex;
  ~Impl() {
    if (ffi) rnp_ffi_destroy(ffi);
    if (null_fd >= 0) close(null_fd);
  }
  // The librnp context, made on first use; nullptr (and `problem` says why) when there is none.
  // Called with `mutex` held.
  rnp_ffi_t context() {
    if (tried) return ffi;
    tried = true;
    problem = rnp_load_problem();
    if (!problem.empty()) return nullptr;
    if (rnp_ffi_create(&ffi, "GPG", "GPG") != RNP_SUCCESS || !ffi) {
      ffi = nullptr;
      problem = "OpenPGP 库初始化失败 (librnp initialisation failed)";
      return nullptr;
    }
    // Core never prints: the library's diagnostics would otherwise go to stderr.
    null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null_fd >= 0) rnp_ffi_set_log_fd(ffi, null_fd);
    return ffi;
  }
};

OpenPgpKeyring::OpenPgpKeyring() : impl_(std::make_unique<Impl>()) {}
OpenPgpKeyring::~OpenPgpKeyring() = default;
OpenPgpKeyring::OpenPgpKeyring(OpenPgpKeyring&&) noexcept = default;
OpenPgpKeyring& OpenPgpKeyring::operator=(OpenPgpKeyring&&) noexcept = default;

Status OpenPgpKeyring::add(std::string_view name, std::string_view contents) {
  auto invalid = [&](const std::string& why) {
    return make_error("config.invalid", "OpenPGP 公钥文件无效 (invalid OpenPGP key file): " + why,
                      std::string(name));
  };
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (!impl_->context()) return invalid(impl_->problem);
  InputPtr in = memory_input(contents);
  if (!in || rnp_load_keys(impl_->ffi, "GPG", in.get(), RNP_LOAD_SAVE_PUBLIC_KEYS) != RNP_SUCCESS) {
    return invalid("无法读取公钥 (not a well-formed OpenPGP public key)");
  }
  return ok_status();
}

std::size_t OpenPgpKeyring::size() const {
  size_t primaries = 0;
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (!impl_->ffi) return 0;  // no key was ever added
  rnp_identifier_iterator_t raw = nullptr;
  if (rnp_identifier_iterator_create(impl_->ffi, &raw, "fingerprint") != RNP_SUCCESS) return 0;
  std::unique_ptr<rnp_identifier_iterator_st, IterFree> it(raw);
  const char* fpr = nullptr;
  while (rnp_identifier_iterator_next(it.get(), &fpr) == RNP_SUCCESS && fpr) {
    rnp_key_handle_t key = nullptr;
    if (rnp_locate_key(impl_->ffi, "fingerprint", fpr, &key) != RNP_SUCCESS || !key) continue;
    KeyPtr owned(key);
    if (flag(rnp_key_is_primary, key)) ++primaries;
  }
  return primaries;
}

Result<VerifiedSignature> verify_openpgp(std::string_view armored, std::string_view payload,
                                         const OpenPgpKeyring& keys) {
  // git hands the whole gpgsig header to gpg; we accept exactly one armor block and nothing
  // else, so bytes after END cannot smuggle a second signature or packet.
  if (armored.substr(0, kBegin.size()) != kBegin) return bad("不是 OpenPGP 签名 (not an OpenPGP signature armor)");
  size_t end = armored.find(kEnd);
  if (end == std::string_view::npos) return bad("签名封装被截断 (truncated armor: no END PGP SIGNATURE line)");
  for (char c : armored.substr(end + kEnd.size())) {
    if (!is_space(c)) return bad("签名封装后有多余内容 (trailing data after armor)");
  }
  std::lock_guard<std::mutex> lock(keys.impl_->mutex);
  rnp_ffi_t ffi = keys.impl_->context();
  if (!ffi) return bad(keys.impl_->problem);

  InputPtr data = memory_input(payload);
  InputPtr sig_in = memory_input(armored);
  rnp_op_verify_t raw_op = nullptr;
  if (!data || !sig_in || rnp_op_verify_detached_create(&raw_op, ffi, data.get(), sig_in.get()) != RNP_SUCCESS) {
    return bad("无法读取 OpenPGP 签名 (cannot read OpenPGP signature)");
  }
  OpPtr op(raw_op);
  // The overall result only says "at least one signature is good"; each one is judged below.
  rnp_op_verify_execute(op.get());
  size_t count = 0;
  if (rnp_op_verify_get_signature_count(op.get(), &count) != RNP_SUCCESS || count == 0) {
    return bad("OpenPGP 签名格式错误 (malformed OpenPGP signature)");
  }
  if (count != 1) {
    return bad("OpenPGP 签名块须只含一个签名 (armor holds " + std::to_string(count) + " signatures, expected 1)");
  }
  rnp_op_verify_signature_t vsig = nullptr;
  if (rnp_op_verify_get_signature_at(op.get(), 0, &vsig) != RNP_SUCCESS) {
    return bad("OpenPGP 签名格式错误 (malformed OpenPGP signature)");
  }

  rnp_signature_handle_t raw_handle = nullptr;
  if (rnp_op_verify_signature_get_handle(vsig, &raw_handle) != RNP_SUCCESS) {
    return bad("OpenPGP 签名格式错误 (malformed OpenPGP signature)");
  }
  SigPtr handle(raw_handle);
  RnpBuffer type, hash, keyid;
  rnp_signature_get_type(handle.get(), &type.p);
  // A text-mode signature normalises line endings, so a different commit would verify too.
  if (type.str() != "binary") {
    return bad("OpenPGP 签名类型须为二进制文档 (signature type \"" + type.str().substr(0, 40) +
               "\", expected binary document)");
  }
  rnp_op_verify_signature_get_hash(vsig, &hash.p);
  if (!acceptable_hash(hash.str())) {
    return bad("不接受的哈希算法 (unsupported or insecure hash algorithm " + hash.str().substr(0, 20) +
               " in OpenPGP signature)");
  }

  rnp_result_t status = rnp_op_verify_signature_get_status(vsig);
  rnp_key_handle_t raw_key = nullptr;
  if (rnp_op_verify_signature_get_key(vsig, &raw_key) != RNP_SUCCESS || !raw_key) {
    rnp_signature_get_keyid(handle.get(), &keyid.p);
    return bad("签名密钥不在 .sanshen/keys/ 中 (OpenPGP key " + keyid.str() + " not in the keyring)");
  }
  KeyPtr key(raw_key);
  KeyPtr primary_owned;
  rnp_key_handle_t primary = key.get();
  RnpBuffer primary_fpr;
  if (!flag(rnp_key_is_primary, key.get())) {
    if (rnp_key_get_primary_fprint(key.get(), &primary_fpr.p) != RNP_SUCCESS || !primary_fpr.p) {
      return bad("签名子密钥无主密钥 (signing subkey has no primary key)");
    }
    rnp_key_handle_t p = nullptr;
    if (rnp_locate_key(ffi, "fingerprint", primary_fpr.p, &p) != RNP_SUCCESS || !p) {
      return bad("签名子密钥无主密钥 (signing subkey has no primary key)");
    }
    primary_owned.reset(p);
    primary = p;
  } else {
    rnp_key_get_fprint(key.get(), &primary_fpr.p);
  }

  uint32_t created = 0, expires = 0;
  rnp_op_verify_signature_get_times(vsig, &created, &expires);
  if (std::string why = key_problem(key.get(), primary, created); !why.empty()) return bad(why);
  if (status == RNP_ERROR_SIGNATURE_EXPIRED) return bad("OpenPGP 签名已过期 (signature expired)");
  if (status != RNP_SUCCESS) {
    return bad("签名验证失败：内容被修改或签名无效 (signature does not verify: payload modified or signature "
               "invalid)");
  }
  VerifiedSignature out;
  out.fingerprint = primary_fpr.str();
  out.key_type = "openpgp";
  return out;
}

}  // namespace sanshen
