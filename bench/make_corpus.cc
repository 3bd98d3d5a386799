// make_corpus — the benchmark corpus of design §9 / issue 8.
//
//   make_corpus --pages N --out DIR [--seed S]   write DIR/repo, DIR/hugo, DIR/keys, DIR/introduction
//   make_corpus --touch-one --out DIR [--page P] edit one page and add its 初审/复审/终审 reviews
//
// DIR/repo is a sanshen content repository whose history is: the admin-signed governance commit
// (the introduction), then content commits of up to ~100 pages of one section each, each followed
// by one signed review commit per page and level (初审 for every page of the batch, then 复审, then
// 终审), so N pages make 3N signed commits. DIR/hugo is the same pages as a Hugo site.
//
// Speed: signing is in-process (OpenSSL ed25519, SSHSIG as in OpenSSH PROTOCOL.sshsig), and
// objects go straight into one packfile through a custom odb backend instead of one loose file
// per object; libgit2's indexer then writes the .idx. Everything is derived from --seed (keys
// too, and ed25519 signatures are deterministic), so the same N and seed give the same commits.
#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/corpus_text.h"

namespace fs = std::filesystem;
using bench::PageText;
using bench::sections;

namespace {

constexpr const char* kDomain = "qinghe.example.gov.cn";
constexpr int64_t kZone = 8 * 3600;  // all times are Asia/Shanghai, +0800

[[noreturn]] void die(const std::string& msg) {
  std::cerr << "make_corpus: " << msg << "\n";
  std::exit(1);
}

void check_git(int rc, const char* what) {
  if (rc >= 0) return;
  const git_error* e = git_error_last();
  die(std::string(what) + ": " + (e ? e->message : "libgit2 error"));
}

void write_file(const fs::path& path, const std::string& data) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << data;
  if (!out) die("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) die("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- encodings -------------------------------------------------------------------------------

std::string base64(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(n);
  return out;
}

std::string unbase64(std::string in) {
  std::erase_if(in, [](char c) { return c == '\n' || c == '\r' || c == ' '; });
  std::string out(3 * in.size() / 4 + 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  if (n < 0) die("bad base64");
  size_t pad = 0;
  while (pad < 2 && pad < in.size() && in[in.size() - 1 - pad] == '=') ++pad;
  out.resize(n - pad);
  return out;
}

// OpenSSH armour wraps base64 at 70 columns.
std::string armour(const std::string& kind, const std::string& bytes) {
  std::string b64 = base64(bytes), out = "-----BEGIN " + kind + "-----\n";
  for (size_t i = 0; i < b64.size(); i += 70) out += b64.substr(i, 70) + "\n";
  return out + "-----END " + kind + "-----";
}

void put_u32(std::string& out, uint32_t v) {
  const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  out.append(b, 4);
}
void put_string(std::string& out, const std::string& s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out += s;
}

struct Reader {
  const std::string& s;
  size_t pos = 0;
  uint32_t u32() {
    if (pos + 4 > s.size()) die("truncated key");
    uint32_t v = (uint8_t(s[pos]) << 24) | (uint8_t(s[pos + 1]) << 16) | (uint8_t(s[pos + 2]) << 8) | uint8_t(s[pos + 3]);
    pos += 4;
    return v;
  }
  std::string str() {
    uint32_t n = u32();
    if (pos + n > s.size()) die("truncated key");
    std::string v = s.substr(pos, n);
    pos += n;
    return v;
  }
};

std::string local_time(int64_t t, const char* format) {
  time_t shifted = static_cast<time_t>(t + kZone);
  std::tm tm{};
  gmtime_r(&shifted, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// ---- keys and SSHSIG -------------------------------------------------------------------------

struct Person {
  std::string id, name, title;
  std::vector<std::string> levels, sections, roles;
};

// The roster. 初审 is split by section (each 初审 person covers two sections), as in a county
// where each office does its own first review; 复审 and 终审 cover everything.
const std::vector<Person>& people() {
  static const std::vector<Person> kPeople = {
      {"admin", "网站管理员", "县政府办公室网站管理员", {}, {}, {"admin"}},
      {"bianji", "林晓", "县政府办公室编辑", {}, {}, {}},
      {"liming", "李明", "科员", {"初审"}, {"zwdt", "tzgg"}, {}},
      {"zhangmin", "张敏", "科员", {"初审"}, {"xxgk", "zcjd"}, {}},
      {"chenjing", "陈静", "科员", {"初审"}, {"bmdt", "xzdt"}, {}},
      {"liuyang", "刘洋", "科员", {"初审"}, {"zcwj", "hygq"}, {}},
      {"wangfang", "王芳", "办公室主任", {"复审"}, {}, {}},
      {"huangwei", "黄伟", "办公室副主任", {"复审"}, {}, {}},
      {"zhaojun", "赵军", "副县长", {"终审"}, {}, {}},
      {"zhoutao", "周涛", "县委常委、常务副县长", {"终审"}, {}, {}},
  };
  return kPeople;
}

struct Key {
  EVP_PKEY* pkey = nullptr;
  std::string seed, pub;  // raw 32-byte private seed and public key
  std::string blob() const {  // OpenSSH public key blob
    std::string b;
    put_string(b, "ssh-ed25519");
    put_string(b, pub);
    return b;
  }
  std::string line(const std::string& comment) const { return "ssh-ed25519 " + base64(blob()) + " " + comment; }
  std::string fingerprint() const {
    unsigned char d[SHA256_DIGEST_LENGTH];
    const std::string b = blob();
    SHA256(reinterpret_cast<const unsigned char*>(b.data()), b.size(), d);
    std::string fp = base64(std::string(reinterpret_cast<char*>(d), sizeof d));
    while (!fp.empty() && fp.back() == '=') fp.pop_back();
    return "SHA256:" + fp;
  }
};

Key key_from_seed(const std::string& seed) {
  Key k;
  k.seed = seed;
  k.pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                        reinterpret_cast<const unsigned char*>(seed.data()), seed.size());
  if (!k.pkey) die("ed25519 key");
  size_t n = 32;
  k.pub.resize(32);
  EVP_PKEY_get_raw_public_key(k.pkey, reinterpret_cast<unsigned char*>(k.pub.data()), &n);
  return k;
}

// Unencrypted openssh-key-v1, so the keys also work with ssh-keygen -Y sign / git commit -S.
std::string openssh_private(const Key& k, const std::string& comment) {
  std::string priv;
  put_u32(priv, 0x5a5a5a5a);
  put_u32(priv, 0x5a5a5a5a);
  put_string(priv, "ssh-ed25519");
  put_string(priv, k.pub);
  put_string(priv, k.seed + k.pub);
  put_string(priv, comment);
  for (char pad = 1; priv.size() % 8 != 0; ++pad) priv += pad;
  std::string out("openssh-key-v1\0", 15);
  put_string(out, "none");
  put_string(out, "none");
  put_string(out, "");
  put_u32(out, 1);
  put_string(out, k.blob());
  put_string(out, priv);
  return armour("OPENSSH PRIVATE KEY", out) + "\n";
}

Key read_openssh_private(const fs::path& path) {
  std::string text = read_file(path);
  const std::string begin = "-----BEGIN OPENSSH PRIVATE KEY-----", end = "-----END OPENSSH PRIVATE KEY-----";
  size_t b = text.find(begin), e = text.find(end);
  if (b == std::string::npos || e == std::string::npos) die(path.string() + ": not an OpenSSH private key");
  std::string raw = unbase64(text.substr(b + begin.size(), e - b - begin.size()));
  Reader r{raw, 15};
  r.str(), r.str(), r.str();
  r.u32();
  r.str();
  std::string section = r.str();
  Reader p{section, 8};
  p.str(), p.str();
  std::string priv = p.str();
  if (priv.size() != 64) die(path.string() + ": not an ed25519 key");
  return key_from_seed(priv.substr(0, 32));
}

// An armoured SSHSIG over message (namespace "git", sha512), without the final newline:
// libgit2 turns each newline of the signature into a header continuation.
std::string sshsig(const Key& k, const std::string& message) {
  unsigned char digest[SHA512_DIGEST_LENGTH];
  SHA512(reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest);
  std::string to_sign = "SSHSIG";
  put_string(to_sign, "git");
  put_string(to_sign, "");
  put_string(to_sign, "sha512");
  put_string(to_sign, std::string(reinterpret_cast<char*>(digest), sizeof digest));

  unsigned char sig[64];
  size_t sig_len = sizeof sig;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, k.pkey) != 1 ||
      EVP_DigestSign(ctx, sig, &sig_len, reinterpret_cast<const unsigned char*>(to_sign.data()), to_sign.size()) != 1)
    die("ed25519 sign");
  EVP_MD_CTX_free(ctx);

  std::string sig_blob;
  put_string(sig_blob, "ssh-ed25519");
  put_string(sig_blob, std::string(reinterpret_cast<char*>(sig), sig_len));
  std::string out = "SSHSIG";
  put_u32(out, 1);
  put_string(out, k.blob());
  put_string(out, "git");
  put_string(out, "");
  put_string(out, "sha512");
  put_string(out, sig_blob);
  return armour("SSH SIGNATURE", out);
}

// ---- a write-only odb backend that streams objects into one packfile --------------------------

struct OidHash {
  size_t operator()(const git_oid& o) const {
    size_t h;
    std::memcpy(&h, o.id, sizeof h);
    return h;
  }
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b); }
};

struct PackBackend {
  git_odb_backend parent;  // first member: libgit2 hands us this pointer back
  FILE* file = nullptr;
  uint32_t count = 0;
  // Type and size of each object written: libgit2 checks a commit's tree and parents by header.
  std::unordered_map<git_oid, std::pair<git_object_t, size_t>, OidHash, OidEq> written;
  std::vector<unsigned char> zbuf;

  static PackBackend* self(git_odb_backend* b) { return reinterpret_cast<PackBackend*>(b); }

  static int exists(git_odb_backend* b, const git_oid* oid) { return self(b)->written.count(*oid) ? 1 : 0; }

  static int read_header(size_t* len, git_object_t* type, git_odb_backend* b, const git_oid* oid) {
    auto it = self(b)->written.find(*oid);
    if (it == self(b)->written.end()) return GIT_ENOTFOUND;
    *type = it->second.first;
    *len = it->second.second;
    return 0;
  }

  static int write(git_odb_backend* b, const git_oid* oid, const void* data, size_t len, git_object_t type) {
    PackBackend* p = self(b);
    if (!p->written.emplace(*oid, std::make_pair(type, len)).second) return 0;
    // Entry header: type and size as a little-endian varint, then the zlib stream.
    unsigned char head[16];
    size_t n = 0, size = len;
    unsigned char c = static_cast<unsigned char>((type << 4) | (size & 0x0f));
    size >>= 4;
    while (size) {
      head[n++] = c | 0x80;
      c = size & 0x7f;
      size >>= 7;
    }
    head[n++] = c;
    uLongf zlen = compressBound(len);
    if (p->zbuf.size() < zlen) p->zbuf.resize(zlen);
    if (compress2(p->zbuf.data(), &zlen, static_cast<const Bytef*>(data), len, 1) != Z_OK) return -1;
    if (std::fwrite(head, 1, n, p->file) != n || std::fwrite(p->zbuf.data(), 1, zlen, p->file) != zlen) return -1;
    ++p->count;
    return 0;
  }

  static void free_backend(git_odb_backend*) {}  // owned by main

  explicit PackBackend(const fs::path& path) {
    git_odb_init_backend(&parent, GIT_ODB_BACKEND_VERSION);
    parent.exists = &PackBackend::exists;
    parent.write = &PackBackend::write;
    parent.read_header = &PackBackend::read_header;
    parent.free = &PackBackend::free_backend;
    file = std::fopen(path.c_str(), "w+b");
    if (!file) die("cannot create " + path.string());
    std::fwrite("PACK\0\0\0\2\0\0\0\0", 1, 12, file);  // count patched in finish()
  }

  // Patch the count, append the SHA-1 trailer and let libgit2's indexer write .pack and .idx.
  void finish(const fs::path& pack_dir) {
    unsigned char hdr[4] = {uint8_t(count >> 24), uint8_t(count >> 16), uint8_t(count >> 8), uint8_t(count)};
    std::fseek(file, 8, SEEK_SET);
    std::fwrite(hdr, 1, 4, file);
    std::fflush(file);
    std::fseek(file, 0, SEEK_SET);
    git_indexer* idx = nullptr;
    check_git(git_indexer_new(&idx, pack_dir.c_str(), 0, nullptr, nullptr), "indexer");
    git_indexer_progress stats{};
    EVP_MD_CTX* sha = EVP_MD_CTX_new();
    EVP_DigestInit_ex(sha, EVP_sha1(), nullptr);
    std::vector<char> buf(1 << 20);
    size_t got;
    while ((got = std::fread(buf.data(), 1, buf.size(), file)) > 0) {
      EVP_DigestUpdate(sha, buf.data(), got);
      check_git(git_indexer_append(idx, buf.data(), got, &stats), "indexer append");
    }
    unsigned char trailer[20];
    EVP_DigestFinal_ex(sha, trailer, nullptr);
    EVP_MD_CTX_free(sha);
    check_git(git_indexer_append(idx, trailer, sizeof trailer, &stats), "indexer append");
    check_git(git_indexer_commit(idx, &stats), "indexer commit");
    git_indexer_free(idx);
    std::fclose(file);
    file = nullptr;
  }
};

// ---- objects ---------------------------------------------------------------------------------

struct Odb {
  git_odb* odb = nullptr;
  git_repository* repo = nullptr;  // wraps odb; git_commit_create_with_signature needs a repo

  git_oid write(const std::string& data, git_object_t type) {
    git_oid oid;
    check_git(git_odb_write(&oid, odb, data.data(), data.size(), type), "odb write");
    return oid;
  }
};

struct TreeEntry {
  std::string name;
  bool tree;
  git_oid oid;
};

git_oid write_tree(Odb& db, std::vector<TreeEntry> entries) {
  // git orders a directory as if its name ended in '/'.
  std::sort(entries.begin(), entries.end(), [](const TreeEntry& a, const TreeEntry& b) {
    return (a.tree ? a.name + "/" : a.name) < (b.tree ? b.name + "/" : b.name);
  });
  std::string data;
  data.reserve(entries.size() * 48);
  for (const auto& e : entries) {
    data += e.tree ? "40000 " : "100644 ";
    data += e.name;
    data += '\0';
    data.append(reinterpret_cast<const char*>(e.oid.id), GIT_OID_RAWSZ);
  }
  return db.write(data, GIT_OBJECT_TREE);
}

std::string hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

std::string commit_text(const git_oid& tree, const git_oid* parent, const Person& who, int64_t when,
                        const std::string& message) {
  const std::string ident = who.name + " <" + who.id + "@" + kDomain + "> " + std::to_string(when) + " +0800\n";
  std::string c = "tree " + hex(tree) + "\n";
  if (parent) c += "parent " + hex(*parent) + "\n";
  return c + "author " + ident + "committer " + ident + "\n" + message;
}

git_oid commit(Odb& db, const git_oid& tree, const git_oid* parent, const Person& who, const Key* key,
               int64_t when, const std::string& message) {
  const std::string text = commit_text(tree, parent, who, when, message);
  if (!key) return db.write(text, GIT_OBJECT_COMMIT);
  git_oid oid;
  check_git(git_commit_create_with_signature(&oid, db.repo, text.c_str(), sshsig(*key, text).c_str(), nullptr),
            "commit with signature");
  return oid;
}

std::string review_message(const std::string& level, const std::string& title, const std::string& path,
                           const git_oid& blob, const std::string& opinion) {
  return level + "：" + title + "\n\nReview-Level: " + level + "\nReview-Page: " + path + " " + hex(blob) +
         "\nReview-Decision: approve\nReview-Opinion: " + opinion + "\n";
}

const char* opinion_for(const std::string& level) {
  if (level == "初审") return "已校对文字、数据和链接，无涉密内容，同意报复审。";
  if (level == "复审") return "同意，请按程序报分管领导终审。";
  return "同意发布。";
}

// Reviewers for a page: the 初审 person of its section, and one of the two 复审 and 终审 people.
std::array<const Person*, 3> reviewers_for(const std::string& section, int index) {
  std::array<const Person*, 3> out{};
  std::vector<const Person*> second, final;
  for (const auto& p : people()) {
    if (p.levels.empty()) continue;
    const std::string& level = p.levels[0];
    if (level == "初审" && std::find(p.sections.begin(), p.sections.end(), section) != p.sections.end()) out[0] = &p;
    if (level == "复审") second.push_back(&p);
    if (level == "终审") final.push_back(&p);
  }
  out[1] = second[index % second.size()];
  out[2] = final[(index / 2) % final.size()];
  if (!out[0]) die("no 初审 reviewer for section " + section);
  return out;
}

const Person& person(const std::string& id) {
  for (const auto& p : people())
    if (p.id == id) return p;
  die("no person " + id);
}

// ---- .sanshen/ -------------------------------------------------------------------------------

std::string quoted_list(const std::vector<std::string>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", \"" : "\"") + v[i] + "\"";
  return s + "]";
}

std::string roster_toml(const std::map<std::string, Key>& keys) {
  std::string s = "# 青禾县人民政府网站审核人员名册（性能测试语料，由 bench/make_corpus 生成，人员均为虚构）\n";
  for (const auto& p : people()) {
    if (p.levels.empty() && p.roles.empty()) continue;  // the editor signs nothing
    s += "\n[[reviewer]]\nid = \"" + p.id + "\"\nname = \"" + p.name + "\"\ntitle = \"" + p.title + "\"\n";
    s += "keys = [\"" + keys.at(p.id).line(p.id + "@" + kDomain) + "\"]\n";
    s += "levels = " + quoted_list(p.levels) + "\n";
    if (!p.sections.empty()) s += "sections = " + quoted_list(p.sections) + "\n";
    if (!p.roles.empty()) s += "roles = " + quoted_list(p.roles) + "\n";
    s += "status = \"active\"\n";
  }
  return s;
}

const char* kSiteToml = R"(# 性能测试站点（bench/make_corpus 生成）。青禾县为虚构县名，备案号等均为虚构。
title = "青禾县人民政府"
base_url = "https://www.qinghe.example.gov.cn/"
host = "青禾县人民政府办公室"
operator = "青禾县政务服务和大数据管理局"
contact = "电话：0771-5550100　邮箱：qhxzfb@qinghe.example.gov.cn"
site_code = "4599000001"
icp = "桂ICP备99999999号-1"
police = "桂公网安备45999902000001号"
)";

const char* kPolicyToml = R"(# 审核策略：基础审核链 初审 → 复审 → 终审（性能测试语料）
[review]
levels = ["初审", "复审", "终审"]
backdate_tolerance_hours = 24

[links]
allow = ["gov.cn"]
deny = ["example-casino.com"]

[repost]
sources = ["people.com.cn", "news.cn", "xinhuanet.com", "gov.cn"]
)";

std::string banned_txt() {
  std::string s = "# 禁用词表（性能测试语料，自动生成）。格式：词语 或 词语|允许语境…\n";
  for (const auto& e : bench::banned_entries()) s += e + "\n";
  return s;
}

// ---- pages -----------------------------------------------------------------------------------

std::string section_index_md(const bench::SectionSpec& s) {
  return "---\ntitle: " + s.title + "\norder: " + std::to_string(s.order) + "\nkind: " + s.kind + "\n---\n\n" +
         s.intro + "\n";
}

std::string sanshen_page(const PageText& p, const std::string& date) {
  std::string s = "---\ntitle: " + p.title + "\ndate: " + date + "\nclass: 一般\nsource: " + p.source + "\n";
  for (const auto& line : p.disclosure) s += line + "\n";
  if (!p.related.empty()) s += "related:\n  - " + p.related + "\n";
  return s + "---\n\n" + p.body;
}

// Hugo wants a full timestamp; the same instant as the sanshen date.
std::string hugo_page(const PageText& p, int64_t date) {
  std::string s = "---\ntitle: \"" + p.title + "\"\ndate: " + local_time(date, "%Y-%m-%dT%H:%M:00+08:00") +
                  "\nsource: " + p.source + "\n";
  for (const auto& line : p.disclosure) s += line + "\n";
  return s + "---\n\n" + p.body;
}

const char* kHugoToml = R"(baseURL = "https://www.qinghe.example.gov.cn/"
languageCode = "zh-CN"
title = "青禾县人民政府"
hasCJKLanguage = true
paginate = 20
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
unsafe = false
)";

const char* kHugoBaseof = R"(<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ .Site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>主办单位：青禾县人民政府办公室</footer>
</body>
</html>
)";

const char* kHugoHome = R"({{ define "main" }}
{{ range .Site.Sections }}
<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<ul>{{ range first 8 .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
</section>
{{ end }}
{{ end }}
)";

const char* kHugoList = R"({{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages.ByDate.Reverse }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
)";

const char* kHugoSingle = R"({{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>发布时间：{{ .Date.Format "2006-01-02 15:04" }}　来源：{{ .Params.source }}</p>
{{ with .Params.index_no }}<table>
<tr><th>索引号</th><td>{{ . }}</td><th>主题分类</th><td>{{ $.Params.subject }}</td></tr>
<tr><th>发文机关</th><td>{{ $.Params.issuer }}</td><th>成文日期</th><td>{{ $.Params.written }}</td></tr>
<tr><th>发文字号</th><td>{{ $.Params.doc_no }}</td><th>有效性</th><td>{{ $.Params.validity }}</td></tr>
</table>{{ end }}
{{ .Content }}
</article>
{{ end }}
)";

// ---- the corpus ------------------------------------------------------------------------------

struct Options {
  int pages = 0;
  fs::path out;
  uint64_t seed = 20250101;
  bool touch = false;
  std::string touch_page;
};

git_oid content_tree(Odb& db, const std::map<std::string, git_oid>& section_trees) {
  std::vector<TreeEntry> entries;
  for (const auto& [name, oid] : section_trees) entries.push_back({name, true, oid});
  return write_tree(db, entries);
}

void configure_repo(git_repository* repo, const fs::path& keys_dir) {
  git_config* cfg = nullptr;
  check_git(git_repository_config(&cfg, repo), "config");
  git_config_set_string(cfg, "gpg.format", "ssh");
  git_config_set_string(cfg, "gpg.ssh.allowedSignersFile", fs::absolute(keys_dir / "allowed_signers").c_str());
  git_config_set_string(cfg, "user.name", person("bianji").name.c_str());
  git_config_set_string(cfg, "user.email", (std::string("bianji@") + kDomain).c_str());
  git_config_set_bool(cfg, "core.quotePath", 0);
  git_config_free(cfg);
}

int generate(const Options& o) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const fs::path repo_dir = o.out / "repo", hugo_dir = o.out / "hugo", keys_dir = o.out / "keys";
  for (const auto& d : {repo_dir, hugo_dir, keys_dir})
    if (fs::exists(d)) die(d.string() + " exists; remove it first");
  fs::create_directories(keys_dir);
  fs::permissions(keys_dir, fs::perms::owner_all, fs::perm_options::replace);

  std::mt19937_64 rng(o.seed);
  std::map<std::string, Key> keys;
  std::string allowed;
  for (const auto& p : people()) {
    std::string seed(32, '\0');
    for (auto& c : seed) c = static_cast<char>(rng());
    Key k = key_from_seed(seed);
    const std::string comment = p.id + "@" + kDomain;
    write_file(keys_dir / p.id, openssh_private(k, comment));
    fs::permissions(keys_dir / p.id, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    write_file(keys_dir / (p.id + ".pub"), k.line(comment) + "\n");
    allowed += comment + " namespaces=\"git\" " + k.line(comment) + "\n";
    keys.emplace(p.id, std::move(k));
  }
  write_file(keys_dir / "allowed_signers", allowed);

  // Schedule. Each content batch holds pages of one section; commit c happens at start + c*step,
  // spread over about two years whatever N is, and every page's displayed date is half an hour
  // after its own 终审 (so time.backdated never fires).
  const auto& specs = sections();
  std::vector<int> weights;
  for (const auto& s : specs) weights.push_back(s.weight);
  std::discrete_distribution<int> pick_section(weights.begin(), weights.end());
  std::vector<int> page_section(o.pages);
  for (auto& s : page_section) s = pick_section(rng);
  const int batch_size = std::max(50, o.pages / 100);
  struct Batch { int section; std::vector<int> pages; };
  std::vector<Batch> batches;
  {
    std::vector<Batch> open(specs.size());
    for (size_t s = 0; s < specs.size(); ++s) open[s].section = static_cast<int>(s);
    for (int i = 0; i < o.pages; ++i) {
      Batch& b = open[page_section[i]];
      b.pages.push_back(i);
      if (static_cast<int>(b.pages.size()) == batch_size) {
        batches.push_back(std::move(b));
        b = Batch{page_section[i], {}};
      }
    }
    for (auto& b : open)
      if (!b.pages.empty()) batches.push_back(std::move(b));
  }
  const int64_t total_commits = 1 + static_cast<int64_t>(batches.size()) + 3LL * o.pages;
  const int64_t start = 1688173200;  // 2023-07-01 09:00 +0800
  const int64_t span = 2LL * 365 * 86400;
  const int64_t step = std::max<int64_t>(1, span / total_commits);
  auto time_of = [&](int64_t c) { return start + c * step; };

  // Objects go to the pack backend only; the repository on disk is made at the end.
  const fs::path pack_tmp = o.out / "corpus.pack.tmp";
  auto backend = std::make_unique<PackBackend>(pack_tmp);
  Odb db;
  check_git(git_odb_new(&db.odb), "odb");
  check_git(git_odb_add_backend(db.odb, &backend->parent, 100), "odb backend");
  check_git(git_repository_wrap_odb(&db.repo, db.odb), "wrap odb");

  // The introduction: .sanshen/ signed by the admin.
  const Person& admin = person("admin");
  git_oid rules_tree = write_tree(db, {{"banned.txt", false, db.write(banned_txt(), GIT_OBJECT_BLOB)}});
  git_oid sanshen_tree = write_tree(db, {{"site.toml", false, db.write(kSiteToml, GIT_OBJECT_BLOB)},
                                         {"policy.toml", false, db.write(kPolicyToml, GIT_OBJECT_BLOB)},
                                         {"reviewers.toml", false, db.write(roster_toml(keys), GIT_OBJECT_BLOB)},
                                         {"rules", true, rules_tree}});
  int64_t c = 0;
  git_oid head = commit(db, write_tree(db, {{".sanshen", true, sanshen_tree}}), nullptr, admin, &keys.at("admin"),
                        time_of(c++), "网站管理：初始化站点配置、审核策略、禁用词表和审核人员名册\n");
  const std::string introduction = hex(head) + ":" + keys.at("admin").fingerprint();

  // Hugo site skeleton and section files.
  write_file(hugo_dir / "hugo.toml", kHugoToml);
  write_file(hugo_dir / "layouts/_default/baseof.html", kHugoBaseof);
  write_file(hugo_dir / "layouts/index.html", kHugoHome);
  write_file(hugo_dir / "layouts/_default/list.html", kHugoList);
  write_file(hugo_dir / "layouts/_default/single.html", kHugoSingle);
  std::vector<std::vector<TreeEntry>> section_entries(specs.size());
  for (size_t s = 0; s < specs.size(); ++s) {
    const std::string md = section_index_md(specs[s]);
    section_entries[s].push_back({"_index.md", false, db.write(md, GIT_OBJECT_BLOB)});
    write_file(hugo_dir / "content" / specs[s].id / "_index.md",
               "---\ntitle: " + specs[s].title + "\nweight: " + std::to_string(specs[s].order) + "\n---\n\n" +
                   specs[s].intro + "\n");
  }
  std::map<std::string, git_oid> section_trees;  // only sections that already have pages
  std::map<std::string, git_oid> root_base{{".sanshen", sanshen_tree}};

  bench::TextGenerator text(o.seed ^ 0x5eed);
  const Person& editor = person("bianji");
  size_t markdown_bytes = 0;
  int64_t signed_commits = 1;
  double sign_seconds = 0;
  for (const auto& batch : batches) {
    const auto& spec = specs[batch.section];
    const int64_t content_c = c;
    const int k = static_cast<int>(batch.pages.size());
    struct Done { std::string path, title; git_oid blob; };
    std::vector<Done> done;
    for (int j = 0; j < k; ++j) {
      const int index = batch.pages[j];
      const int64_t final_time = time_of(content_c + 1 + 2 * k + j);
      const int64_t shown = final_time + 1800;
      PageText p = text.page(index, batch.section, std::stoi(local_time(shown, "%Y")));
      const std::string md = sanshen_page(p, local_time(shown, "%Y-%m-%d %H:%M"));
      markdown_bytes += md.size();
      const git_oid blob = db.write(md, GIT_OBJECT_BLOB);
      section_entries[batch.section].push_back({p.slug + ".md", false, blob});
      write_file(hugo_dir / "content" / spec.id / (p.slug + ".md"), hugo_page(p, shown));
      done.push_back({"content/" + spec.id + "/" + p.slug + ".md", p.title, blob});
    }
    section_trees[spec.id] = write_tree(db, section_entries[batch.section]);
    std::vector<TreeEntry> root;
    root.push_back({".sanshen", true, sanshen_tree});
    root.push_back({"content", true, content_tree(db, section_trees)});
    const git_oid tree = write_tree(db, root);
    head = commit(db, tree, &head, editor, nullptr, time_of(c++),
                  "新增" + spec.title + "稿件" + std::to_string(k) + "篇\n");
    const auto s0 = Clock::now();
    static const char* kLevels[3] = {"初审", "复审", "终审"};
    for (int level = 0; level < 3; ++level) {
      for (int j = 0; j < k; ++j) {
        const Person* who = reviewers_for(spec.id, batch.pages[j])[level];
        head = commit(db, tree, &head, *who, &keys.at(who->id), time_of(c++),
                      review_message(kLevels[level], done[j].title, done[j].path, done[j].blob, opinion_for(kLevels[level])));
        ++signed_commits;
      }
    }
    sign_seconds += std::chrono::duration<double>(Clock::now() - s0).count();
  }
  if (c != total_commits) die("internal: commit count");

  // The repository on disk: the pack, the branch, a checkout.
  git_repository* repo = nullptr;
  git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  init.flags = GIT_REPOSITORY_INIT_MKPATH;
  init.initial_head = "main";
  check_git(git_repository_init_ext(&repo, repo_dir.c_str(), &init), "init");
  backend->finish(repo_dir / ".git/objects/pack");
  git_repository_free(db.repo);
  git_odb_free(db.odb);
  fs::remove(pack_tmp);
  git_repository_free(repo);
  check_git(git_repository_open(&repo, repo_dir.c_str()), "open");
  git_reference* ref = nullptr;
  check_git(git_reference_create(&ref, repo, "refs/heads/main", &head, 1, "make_corpus"), "branch");
  git_reference_free(ref);
  configure_repo(repo, keys_dir);
  git_checkout_options co = GIT_CHECKOUT_OPTIONS_INIT;
  co.checkout_strategy = GIT_CHECKOUT_FORCE;
  check_git(git_checkout_head(repo, &co), "checkout");
  git_repository_free(repo);
  write_file(o.out / "introduction", introduction + "\n");

  const double total = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("pages %d, markdown %.1f MB (%.0f B/page), commits %lld (%lld signed), %zu objects\n", o.pages,
              markdown_bytes / 1e6, o.pages ? double(markdown_bytes) / o.pages : 0.0, (long long)total_commits,
              (long long)signed_commits, backend->written.size());
  std::printf("review commits: %.2f s (%.0f signed commits/s); total %.2f s\n", sign_seconds,
              sign_seconds > 0 ? (signed_commits - 1) / sign_seconds : 0.0, total);
  std::printf("introduction: %s\n", introduction.c_str());
  return 0;
}

// ---- --touch-one ------------------------------------------------------------------------------

// Replace (or add) the front matter `date:` line and append a sentence, so each touch is a new blob.
std::string edit_page(const std::string& md, const std::string& date, const std::string& sentence) {
  std::string out = md;
  const size_t d = out.find("\ndate: ");
  if (d == std::string::npos) die("page has no date line");
  const size_t e = out.find('\n', d + 1);
  out.replace(d + 1, e - d - 1, "date: " + date);
  if (!out.ends_with("\n")) out += "\n";
  return out + "\n" + sentence + "\n";
}

int touch_one(const Options& o) {
  const fs::path repo_dir = o.out / "repo", keys_dir = o.out / "keys";
  git_repository* repo = nullptr;
  check_git(git_repository_open(&repo, repo_dir.c_str()), "open");
  Odb db;
  db.repo = repo;
  check_git(git_repository_odb(&db.odb, repo), "odb");

  git_oid head;
  check_git(git_reference_name_to_id(&head, repo, "HEAD"), "HEAD");
  git_commit* head_commit = nullptr;
  check_git(git_commit_lookup(&head_commit, repo, &head), "HEAD commit");
  const int64_t head_time = git_commit_committer(head_commit)->when.time;
  git_tree* root = nullptr;
  check_git(git_commit_tree(&root, head_commit), "HEAD tree");

  // Default page: the first page of the first section.
  std::string path = o.touch_page;
  if (path.empty()) {
    git_tree_entry* sec = nullptr;
    const std::string dir = "content/" + sections()[0].id;
    check_git(git_tree_entry_bypath(&sec, root, dir.c_str()), dir.c_str());
    git_tree* t = nullptr;
    check_git(git_tree_lookup(&t, repo, git_tree_entry_id(sec)), "section tree");
    for (size_t i = 0; i < git_tree_entrycount(t) && path.empty(); ++i) {
      std::string name = git_tree_entry_name(git_tree_entry_byindex(t, i));
      if (name != "_index.md") path = dir + "/" + name;
    }
    git_tree_free(t);
    git_tree_entry_free(sec);
  }
  const size_t slash1 = path.find('/'), slash2 = path.rfind('/');
  if (!path.starts_with("content/") || slash1 == slash2) die("--page must be content/<section>/<name>.md");
  const std::string section = path.substr(slash1 + 1, slash2 - slash1 - 1), name = path.substr(slash2 + 1);

  git_tree_entry* entry = nullptr;
  check_git(git_tree_entry_bypath(&entry, root, path.c_str()), path.c_str());
  git_blob* blob = nullptr;
  check_git(git_blob_lookup(&blob, repo, git_tree_entry_id(entry)), "blob");
  const std::string old_md(static_cast<const char*>(git_blob_rawcontent(blob)), git_blob_rawsize(blob));
  git_blob_free(blob);
  git_tree_entry_free(entry);

  // Edit an hour after HEAD, reviews an hour apart, the date half an hour after 终审.
  const int64_t t_edit = head_time + 3600, t_final = t_edit + 3 * 3600;
  bench::TextGenerator text(static_cast<uint64_t>(head_time));
  const std::string md = edit_page(old_md, local_time(t_final + 1800, "%Y-%m-%d %H:%M"),
                                   "（" + local_time(t_edit, "%Y年%m月%d日%H时%M分") + "更新）" + text.sentence());
  const git_oid new_blob = db.write(md, GIT_OBJECT_BLOB);

  // Rebuild the trees on the path with treebuilders seeded from the current ones.
  auto replace = [&](const git_tree* base, const std::string& entry_name, const git_oid& oid, git_filemode_t mode) {
    git_treebuilder* tb = nullptr;
    check_git(git_treebuilder_new(&tb, repo, base), "treebuilder");
    check_git(git_treebuilder_insert(nullptr, tb, entry_name.c_str(), &oid, mode), "treebuilder insert");
    git_oid out;
    check_git(git_treebuilder_write(&out, tb), "treebuilder write");
    git_treebuilder_free(tb);
    return out;
  };
  git_tree_entry* content_entry = nullptr;
  git_tree_entry* section_entry = nullptr;
  check_git(git_tree_entry_bypath(&content_entry, root, "content"), "content");
  check_git(git_tree_entry_bypath(&section_entry, root, ("content/" + section).c_str()), "section");
  git_tree* content_tree_obj = nullptr;
  git_tree* section_tree_obj = nullptr;
  check_git(git_tree_lookup(&content_tree_obj, repo, git_tree_entry_id(content_entry)), "content tree");
  check_git(git_tree_lookup(&section_tree_obj, repo, git_tree_entry_id(section_entry)), "section tree");
  const git_oid new_section = replace(section_tree_obj, name, new_blob, GIT_FILEMODE_BLOB);
  const git_oid new_content = replace(content_tree_obj, section, new_section, GIT_FILEMODE_TREE);
  const git_oid new_root = replace(root, "content", new_content, GIT_FILEMODE_TREE);

  std::string title = "稿件";
  if (size_t t = md.find("\ntitle: "); t != std::string::npos) title = md.substr(t + 8, md.find('\n', t + 1) - t - 8);
  head = commit(db, new_root, &head, person("bianji"), nullptr, t_edit, "修改稿件：" + title + "\n");
  static const char* kLevels[3] = {"初审", "复审", "终审"};
  const auto who = reviewers_for(section, 0);
  for (int level = 0; level < 3; ++level) {
    const Key key = read_openssh_private(keys_dir / who[level]->id);
    head = commit(db, new_root, &head, *who[level], &key, t_edit + (level + 1) * 3600,
                  review_message(kLevels[level], title, path, new_blob, opinion_for(kLevels[level])));
    EVP_PKEY_free(key.pkey);
  }
  git_reference* ref = nullptr;
  check_git(git_reference_create(&ref, repo, "refs/heads/main", &head, 1, "make_corpus --touch-one"), "branch");
  git_reference_free(ref);
  git_checkout_options co = GIT_CHECKOUT_OPTIONS_INIT;
  co.checkout_strategy = GIT_CHECKOUT_FORCE;
  check_git(git_checkout_head(repo, &co), "checkout");

  git_tree_free(section_tree_obj);
  git_tree_free(content_tree_obj);
  git_tree_entry_free(section_entry);
  git_tree_entry_free(content_entry);
  git_tree_free(root);
  git_commit_free(head_commit);
  git_odb_free(db.odb);
  git_repository_free(repo);
  std::printf("touched %s: HEAD %s\n", path.c_str(), hex(head).c_str());
  return 0;
}

void usage() {
  std::cerr << "usage: make_corpus --pages N --out DIR [--seed S]\n"
               "       make_corpus --touch-one --out DIR [--page content/<section>/<name>.md]\n";
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (a == "--pages") o.pages = std::stoi(value());
    else if (a == "--out") o.out = value();
    else if (a == "--seed") o.seed = std::stoull(value());
    else if (a == "--touch-one") o.touch = true;
    else if (a == "--page") o.touch_page = value();
    else usage();
  }
  if (o.out.empty() || (!o.touch && o.pages <= 0)) usage();
  git_libgit2_init();
  const int rc = o.touch ? touch_one(o) : generate(o);
  git_libgit2_shutdown();
  return rc;
}
