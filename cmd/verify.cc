#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cmd/commands.h"
#include "core/envelope.h"
#include "core/verify.h"

namespace sanshen::cmd {
namespace {

struct VerifyArgs {
  std::string manifest, key, dir, base_url, format = "text";
};

// Errors go to stdout as JSON under --format json, so a monitor reads one object either way.
int fail(const VerifyArgs& a, const Error& e) {
  if (a.format == "json") {
    nlohmann::json j = {{"error", {{"rule", e.rule}, {"message", e.describe()}}}};
    std::fputs((j.dump(2) + "\n").c_str(), stdout);
  } else {
    std::fprintf(stderr, "校验失败 (verify failed): %s\n", e.describe().c_str());
  }
  return 2;
}

}  // namespace

Runner add_verify_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "verify", "对照溯源清单检查已部署的站点：被改、缺失、多余文件与签名 (tamper detection)");
  auto a = std::make_shared<VerifyArgs>();
  sub->add_option("--manifest", a->manifest, "溯源清单或其签名信封 (manifest or its DSSE envelope)")
      ->required();
  sub->add_option("--key", a->key,
                  "验证签名的 ed25519 公钥文件 (ed25519 public key file: OpenSSH line or PEM)");
  auto* dir = sub->add_option("dir", a->dir, "已部署的站点目录 (deployed site directory)");
  auto* url = sub->add_option("--base-url", a->base_url, "已部署站点的网址 (deployed site URL)");
  dir->excludes(url);
  sub->add_option("--format", a->format, "输出格式 (output format)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  return [a]() {
    if (a->dir.empty() == a->base_url.empty())
      return fail(*a, make_error("config.invalid", "请给出站点目录或 --base-url 之一 (give a directory or --base-url)"));
    FileSystem& fs = real_file_system();
    std::optional<Ed25519Key> key;
    if (!a->key.empty()) {
      auto text = fs.read_file(a->key);
      if (!text) return fail(*a, text.error());
      auto parsed = parse_ed25519_public_key(*text);
      if (!parsed) {
        Error e = parsed.error();
        e.path = a->key;
        return fail(*a, e);
      }
      key = std::move(*parsed);
    }
    auto loaded = load_manifest(fs, a->manifest, key ? &*key : nullptr);
    if (!loaded) return fail(*a, loaded.error());
    auto site = a->dir.empty() ? http_site(a->base_url) : directory_site(fs, a->dir);
    auto report = verify_site(*loaded, *site);
    if (!report) return fail(*a, report.error());
    std::string out = a->format == "json" ? verify_report_json(*report) : verify_report_text(*report);
    std::fputs(out.c_str(), stdout);
    return report->clean() ? 0 : 1;
  };
}

}  // namespace sanshen::cmd
