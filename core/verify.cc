#include "core/verify.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/hash.h"
#include "core/http_fetch.h"

namespace sanshen {

using nlohmann::json;

namespace {

class DirectorySite final : public DeployedSite {
 public:
  DirectorySite(FileSystem& fs, std::string dir) : fs_(fs), dir_(std::move(dir)) {
    while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
  }
  Result<std::optional<std::string>> fetch(const std::string& name) override {
    const std::string path = dir_ + "/" + name;
    if (!fs_.exists(path)) return std::optional<std::string>();
    auto data = fs_.read_file(path);
    if (!data) return data.error();
    return std::optional<std::string>(std::move(*data));
  }
  Result<std::optional<std::vector<std::string>>> list() override {
    if (!fs_.exists(dir_))
      return make_error("io.read", "站点目录不存在 (site directory does not exist)", dir_);
    auto files = fs_.list_files(dir_);
    if (!files) return files.error();
    return std::optional<std::vector<std::string>>(std::move(*files));
  }
  std::string location() const override { return dir_; }

 private:
  FileSystem& fs_;
  std::string dir_;
};

class HttpSite final : public DeployedSite {
 public:
  explicit HttpSite(std::string base_url) : base_(std::move(base_url)) {
    if (base_.empty() || base_.back() != '/') base_ += '/';
  }
  Result<std::optional<std::string>> fetch(const std::string& name) override {
    const std::string url = base_ + url_path_escape(name);
    auto response = client_.get(url);
    if (!response) return response.error();
    if (response->status == 200) return std::optional<std::string>(std::move(response->body));
    if (response->status == 404 || response->status == 410) return std::optional<std::string>();
    // A redirect, a 403 or a 5xx says nothing about the file's bytes: the check cannot be made.
    return make_error("verify.fetch",
                      "服务器返回 HTTP " + std::to_string(response->status) +
                          "，无法判断文件内容 (unexpected HTTP status)",
                      url);
  }
  Result<std::optional<std::vector<std::string>>> list() override {
    return std::optional<std::vector<std::string>>();
  }
  std::string location() const override { return base_; }

 private:
  std::string base_;
  HttpClient client_;
};

const char* state_name(SignatureState s) {
  switch (s) {
    case SignatureState::kNotChecked: return "not-checked";
    case SignatureState::kValid: return "valid";
    case SignatureState::kAbsent: return "absent";
    case SignatureState::kBad: return "bad";
  }
  return "bad";
}

const char* kExtraNote =
    "通过 HTTP 无法列出站点文件，未检查多余文件（如植入的暗链页面），请在服务器上对目录运行 verify "
    "(extra files cannot be listed over HTTP and were not checked; run verify on the directory)";

json drift_json(const std::vector<FileDrift>& list) {
  json out = json::array();
  for (const auto& d : list)
    out.push_back({{"path", d.path}, {"expected", d.expected}, {"actual", d.actual}});
  return out;
}

}  // namespace

std::unique_ptr<DeployedSite> directory_site(FileSystem& fs, std::string dir) {
  return std::make_unique<DirectorySite>(fs, std::move(dir));
}

std::unique_ptr<DeployedSite> http_site(std::string base_url) {
  return std::make_unique<HttpSite>(std::move(base_url));
}

Result<LoadedManifest> load_manifest(FileSystem& fs, const std::string& manifest_path,
                                     const Ed25519Key* key) {
  auto text = fs.read_file(manifest_path);
  if (!text) return text.error();
  LoadedManifest out;
  std::string statement;
  std::optional<std::string> envelope;
  if (looks_like_envelope(*text)) {
    auto payload = dsse_payload(*text);
    if (!payload) return payload.error();
    statement = std::move(*payload);
    envelope = std::move(*text);
  } else {
    statement = std::move(*text);
    const std::string beside = envelope_path_for(manifest_path);
    if (key && fs.exists(beside)) {
      auto e = fs.read_file(beside);
      if (!e) return e.error();
      envelope = std::move(*e);
    }
  }
  if (key) {
    out.signature.keyid = key->keyid();
    if (!envelope) {
      out.signature.state = SignatureState::kAbsent;
      out.signature.message = "缺少签名信封 " + envelope_path_for(manifest_path) +
                              " (no DSSE envelope beside the manifest)";
    } else if (auto signed_payload = dsse_verify(*envelope, kInTotoPayloadType, *key); !signed_payload) {
      out.signature.state = SignatureState::kBad;
      out.signature.message = signed_payload.error().message;
    } else if (*signed_payload != statement) {
      out.signature.state = SignatureState::kBad;
      out.signature.message = "信封所签的清单与清单文件不一致 (the envelope signs other manifest bytes)";
    } else {
      out.signature.state = SignatureState::kValid;
    }
  }
  auto manifest = parse_manifest(statement, manifest_path);
  if (!manifest) return manifest.error();
  out.manifest = std::move(*manifest);
  return out;
}

bool VerifyReport::clean() const {
  return modified.empty() && missing.empty() && extra.empty() &&
         signature.state != SignatureState::kAbsent && signature.state != SignatureState::kBad;
}

Result<VerifyReport> verify_site(const LoadedManifest& loaded, DeployedSite& site) {
  VerifyReport report;
  report.location = site.location();
  report.revision = loaded.manifest.revision;
  report.signature = loaded.signature;
  // Listing first: a directory that is not there is an error, not every file missing.
  auto listing = site.list();
  if (!listing) return listing.error();
  for (const auto& s : loaded.manifest.subjects) {
    auto data = site.fetch(s.name);
    if (!data) return data.error();
    ++report.checked;
    if (!*data) {
      report.missing.push_back({s.name, s.sha256, ""});
      continue;
    }
    std::string actual = sha256_hex(**data);
    if (actual != s.sha256) report.modified.push_back({s.name, s.sha256, actual});
  }
  if (!*listing) {
    report.extra_checked = false;
    return report;
  }
  for (const auto& name : **listing) {
    if (loaded.manifest.subject(name)) continue;
    auto data = site.fetch(name);
    if (!data) return data.error();
    report.extra.push_back({name, "", *data ? sha256_hex(**data) : ""});
  }
  return report;
}

std::string verify_report_json(const VerifyReport& r) {
  json notes = json::array();
  if (!r.extra_checked) notes.push_back(kExtraNote);
  json out = {{"location", r.location},
              {"revision", r.revision},
              {"checked", r.checked},
              {"clean", r.clean()},
              {"modified", drift_json(r.modified)},
              {"missing", drift_json(r.missing)},
              {"extra", r.extra_checked ? drift_json(r.extra) : json(nullptr)},
              {"extra_checked", r.extra_checked},
              {"notes", notes},
              {"signature",
               {{"status", state_name(r.signature.state)},
                {"keyid", r.signature.keyid},
                {"message", r.signature.message}}}};
  return out.dump(2) + "\n";
}

std::string verify_report_text(const VerifyReport& r) {
  std::string out = "校验 (verify) " + r.location + " 对照修订版本 (revision) " + r.revision +
                    "：比对 " + std::to_string(r.checked) + " 个文件 (files compared)\n";
  for (const auto& d : r.modified)
    out += "  verify.modified 文件被修改 (modified): " + d.path + "\n";
  for (const auto& d : r.missing) out += "  verify.missing 文件缺失 (missing): " + d.path + "\n";
  for (const auto& d : r.extra)
    out += "  verify.extra 清单外的文件，可能是植入的页面 (extra file, not in the manifest): " + d.path + "\n";
  if (!r.extra_checked) out += std::string("  注意 (note): ") + kExtraNote + "\n";
  switch (r.signature.state) {
    case SignatureState::kNotChecked:
      out += "签名 (signature): 未检查，未提供 --key (not checked: no --key)\n";
      break;
    case SignatureState::kValid:
      out += "签名 (signature): 有效 (valid), " + r.signature.keyid + "\n";
      break;
    case SignatureState::kAbsent:
      out += "签名 (signature): verify.unsigned " + r.signature.message + "\n";
      break;
    case SignatureState::kBad:
      out += "签名 (signature): verify.bad-signature " + r.signature.message + "\n";
      break;
  }
  out += r.clean() ? "结果 (result): 与清单一致 (clean)\n"
                   : "结果 (result): 发现不一致，站点可能被篡改 (drift found)\n";
  return out;
}

}  // namespace sanshen
