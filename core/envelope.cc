#include "core/envelope.h"
#include "core/ssh_wire.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/signature.h"

namespace sanshen {

using nlohmann::json;

namespace {

constexpr size_t kEd25519Bytes = 32;
constexpr std::string_view kOpensshBegin = "-----BEGIN OPENSSH PRIVATE KEY-----";
constexpr std::string_view kOpensshEnd = "-----END OPENSSH PRIVATE KEY-----";
constexpr std::string_view kOpensshMagic{"openssh-key-v1\0", 15};
constexpr std::string_view kSshEd25519 = "ssh-ed25519";

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

Error bad_key(const std::string& why) {
  return make_error("config.invalid", "无法读取 ed25519 密钥 (cannot read ed25519 key): " + why);
}
Error bad_signature(const std::string& why) {
  return make_error("verify.bad-signature", "签名信封无效 (bad envelope signature): " + why);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string base64_encode(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// Standard padded base64 with whitespace ignored (PEM-style line breaks).
std::optional<std::string> base64_decode(std::string_view in) {
  std::string compact;
  for (char c : in)
    if (!is_space(c)) compact += c;
  if (compact.size() % 4 != 0) return std::nullopt;
  std::string out(compact.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(compact.data()),
                          static_cast<int>(compact.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  size_t pad = 0;
  for (size_t i = compact.size(); i > 0 && compact[i - 1] == '=' && pad < 2; --i) ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}


std::string wire_string(std::string_view s) {
  std::string out;
  uint32_t n = static_cast<uint32_t>(s.size());
  for (int shift = 24; shift >= 0; shift -= 8) out += char((n >> shift) & 0xff);
  return out.append(s);
}

std::optional<std::string> raw_public(EVP_PKEY* pkey) {
  std::string raw(kEd25519Bytes, '\0');
  size_t len = raw.size();
  if (EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(raw.data()), &len) != 1 ||
      len != kEd25519Bytes)
    return std::nullopt;
  return raw;
}

// The OpenSSH fingerprint of a raw ed25519 public key, computed by the same code that reads the
// roster's keys so the two can never disagree.
Result<std::string> keyid_of(std::string_view raw_public_key) {
  std::string blob = wire_string(kSshEd25519) + wire_string(raw_public_key);
  auto key = parse_ssh_public_key(std::string(kSshEd25519) + " " + base64_encode(blob));
  if (!key) return key.error();
  return key->fingerprint;
}

int refuse_passphrase(char*, int, int, void*) { return 0; }

Result<PkeyPtr> parse_openssh_private(std::string_view text) {
  size_t begin = text.find(kOpensshBegin);
  size_t end = text.find(kOpensshEnd);
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin)
    return bad_key("缺少 OPENSSH PRIVATE KEY 标记 (missing armor)");
  begin += kOpensshBegin.size();
  auto data = base64_decode(text.substr(begin, end - begin));
  if (!data) return bad_key("base64 错误 (bad base64)");
  std::string_view rest(*data);
  if (rest.substr(0, kOpensshMagic.size()) != kOpensshMagic)
    return bad_key("不是 openssh-key-v1 格式 (not openssh-key-v1)");
  SshWireReader r(rest.substr(kOpensshMagic.size()));
  std::string_view cipher, kdf, kdf_options, public_blob, private_section;
  uint32_t nkeys = 0;
  if (!r.string(cipher) || !r.string(kdf) || !r.string(kdf_options) || !r.u32(nkeys))
    return bad_key("文件被截断 (truncated)");
  if (cipher != "none" || kdf != "none")
    return bad_key("私钥有口令保护，请提供未加密的签名密钥 (encrypted keys are not supported)");
  if (nkeys != 1) return bad_key("文件应只含一个密钥 (expected exactly one key)");
  if (!r.string(public_blob) || !r.string(private_section)) return bad_key("文件被截断 (truncated)");

  SshWireReader p(private_section);
  uint32_t check1 = 0, check2 = 0;
  std::string_view type, pub, priv;
  if (!p.u32(check1) || !p.u32(check2) || !p.string(type)) return bad_key("文件被截断 (truncated)");
  if (check1 != check2) return bad_key("校验值不符 (check bytes differ)");
  if (type != kSshEd25519)
    return bad_key("密钥类型为 " + std::string(type.substr(0, 40)) + "，需要 ssh-ed25519 (not ed25519)");
  // ed25519 private part: the 32-byte public key, then seed || public (64 bytes).
  if (!p.string(pub) || !p.string(priv) || pub.size() != kEd25519Bytes ||
      priv.size() != 2 * kEd25519Bytes || priv.substr(kEd25519Bytes) != pub)
    return bad_key("ed25519 私钥数据损坏 (damaged key data)");
  PkeyPtr pkey(EVP_PKEY_new_raw_private_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(priv.data()), kEd25519Bytes));
  if (!pkey) return bad_key("OpenSSL 拒绝该私钥 (OpenSSL rejected the key)");
  auto derived = raw_public(pkey.get());
  if (!derived || *derived != pub) return bad_key("公钥与私钥不匹配 (public half does not match)");
  return pkey;
}

Result<PkeyPtr> parse_pem(std::string_view text, bool private_key) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) return bad_key("内存不足 (out of memory)");
  PkeyPtr pkey(private_key ? PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_passphrase, nullptr)
                           : PEM_read_bio_PUBKEY(bio.get(), nullptr, refuse_passphrase, nullptr));
  if (!pkey) return bad_key("PEM 无法解析或已加密 (unreadable or encrypted PEM)");
  if (EVP_PKEY_get_base_id(pkey.get()) != EVP_PKEY_ED25519)
    return bad_key("PEM 密钥不是 ed25519 (PEM key is not ed25519)");
  return pkey;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

struct Ed25519Key::Impl {
  PkeyPtr pkey;
  std::string keyid;
  bool has_private = false;
};

const std::string& Ed25519Key::keyid() const { return impl_->keyid; }
bool Ed25519Key::has_private() const { return impl_->has_private; }

Result<Ed25519Key> parse_ed25519_private_key(std::string_view text) {
  auto pkey = text.find(kOpensshBegin) != std::string_view::npos ? parse_openssh_private(text)
                                                                   : parse_pem(text, true);
  if (!pkey) return pkey.error();
  auto pub = raw_public(pkey->get());
  if (!pub) return bad_key("无法导出公钥 (cannot derive the public key)");
  auto keyid = keyid_of(*pub);
  if (!keyid) return keyid.error();
  auto impl = std::make_shared<Ed25519Key::Impl>();
  impl->pkey = std::move(*pkey);
  impl->keyid = std::move(*keyid);
  impl->has_private = true;
  Ed25519Key key;
  key.impl_ = std::move(impl);
  return key;
}

Result<Ed25519Key> parse_ed25519_public_key(std::string_view text) {
  std::string raw;
  PkeyPtr pkey;
  if (text.find("-----BEGIN PUBLIC KEY-----") != std::string_view::npos) {
    auto pem = parse_pem(text, false);
    if (!pem) return pem.error();
    pkey = std::move(*pem);
    auto pub = raw_public(pkey.get());
    if (!pub) return bad_key("无法读取公钥 (cannot read the public key)");
    raw = std::move(*pub);
  } else {
    auto ssh = parse_ssh_public_key(trimmed(text));
    if (!ssh) return bad_key(ssh.error().message);
    SshWireReader r(ssh->blob);
    std::string_view type, key_bytes;
    if (ssh->type != kSshEd25519 || !r.string(type) || type != kSshEd25519 ||
        !r.string(key_bytes) || key_bytes.size() != kEd25519Bytes)
      return bad_key("公钥类型为 " + ssh->type + "，需要 ssh-ed25519 (not an ed25519 key)");
    raw = std::string(key_bytes);
    pkey.reset(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), raw.size()));
    if (!pkey) return bad_key("OpenSSL 拒绝该公钥 (OpenSSL rejected the key)");
  }
  auto keyid = keyid_of(raw);
  if (!keyid) return keyid.error();
  auto impl = std::make_shared<Ed25519Key::Impl>();
  impl->pkey = std::move(pkey);
  impl->keyid = std::move(*keyid);
  Ed25519Key key;
  key.impl_ = std::move(impl);
  return key;
}

std::string dsse_pae(std::string_view payload_type, std::string_view payload) {
  std::string out = "DSSEv1 " + std::to_string(payload_type.size()) + " ";
  out.append(payload_type);
  out += " " + std::to_string(payload.size()) + " ";
  out.append(payload);
  return out;
}

Result<std::string> dsse_sign(std::string_view payload_type, std::string_view payload,
                              const Ed25519Key& key) {
  if (!key.has_private())
    return make_error("config.invalid", "签名需要私钥 (signing needs the private key)");
  std::string pae = dsse_pae(payload_type, payload);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::string sig(64, '\0');
  size_t len = sig.size();
  // ed25519 is a one-shot signature over the whole message: no separate digest.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.impl_->pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(pae.data()), pae.size()) != 1)
    return make_error("config.invalid", "签名失败 (signing failed)");
  sig.resize(len);
  json envelope = {{"payloadType", std::string(payload_type)},
                   {"payload", base64_encode(payload)},
                   {"signatures", json::array({{{"keyid", key.keyid()}, {"sig", base64_encode(sig)}}})}};
  return envelope.dump(2) + "\n";
}

namespace {

struct ParsedEnvelope {
  std::string payload_type;
  std::string payload;
  std::vector<std::string> signatures;  // raw bytes
};

std::optional<ParsedEnvelope> parse_envelope(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto type = j.find("payloadType");
  auto payload = j.find("payload");
  auto sigs = j.find("signatures");
  if (type == j.end() || !type->is_string() || payload == j.end() || !payload->is_string() ||
      sigs == j.end() || !sigs->is_array())
    return std::nullopt;
  ParsedEnvelope out;
  out.payload_type = type->get<std::string>();
  auto body = base64_decode(payload->get<std::string>());
  if (!body) return std::nullopt;
  out.payload = std::move(*body);
  for (const auto& s : *sigs) {
    if (!s.is_object() || !s.contains("sig") || !s["sig"].is_string()) continue;
    if (auto raw = base64_decode(s["sig"].get<std::string>())) out.signatures.push_back(*raw);
  }
  return out;
}

}  // namespace

Result<std::string> dsse_verify(std::string_view envelope, std::string_view payload_type,
                                const Ed25519Key& key) {
  auto parsed = parse_envelope(envelope);
  if (!parsed) return bad_signature("不是 DSSE 信封 (not a DSSE envelope)");
  if (parsed->payload_type != payload_type)
    return bad_signature("payloadType 为 " + parsed->payload_type.substr(0, 80) + "，应为 (expected) " +
                         std::string(payload_type));
  std::string pae = dsse_pae(parsed->payload_type, parsed->payload);
  for (const auto& sig : parsed->signatures) {
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.impl_->pkey.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                         reinterpret_cast<const unsigned char*>(pae.data()), pae.size()) == 1)
      return std::move(parsed->payload);
  }
  return bad_signature("没有能用密钥 " + key.keyid() +
                       " 验证通过的签名 (no signature verifies with this key)");
}

Result<std::string> dsse_payload(std::string_view envelope) {
  auto parsed = parse_envelope(envelope);
  if (!parsed)
    return make_error("manifest.invalid", "不是 DSSE 信封 (not a DSSE envelope)");
  return std::move(parsed->payload);
}

bool looks_like_envelope(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() && j.contains("payloadType") && j.contains("signatures");
}

std::string envelope_path_for(const std::string& manifest_path) {
  return manifest_path + ".dsse.json";
}

Result<std::string> sign_manifest_file(FileSystem& fs, const std::string& manifest_path,
                                       const Ed25519Key& key) {
  auto manifest = fs.read_file(manifest_path);
  if (!manifest) return manifest.error();
  auto envelope = dsse_sign(kInTotoPayloadType, *manifest, key);
  if (!envelope) return envelope.error();
  const std::string path = envelope_path_for(manifest_path);
  const std::string staged = path + ".sanshen-new";
  if (auto s = fs.write_file(staged, *envelope); !s) return s.error();
  if (auto s = fs.rename(staged, path); !s) return s.error();
  return path;
}

}  // namespace sanshen
