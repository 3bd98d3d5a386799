#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cmd/commands.h"
#include "cmd/terminal_reporter.h"
#include "core/build_report.h"
#include "core/envelope.h"
#include "core/shard_merge.h"

namespace sanshen::cmd {

Runner add_manifest_command(CLI::App& app) {
  auto* sub = app.add_subcommand("manifest", "溯源清单工具 (manifest tools)");
  sub->require_subcommand(1);
  auto* merge = sub->add_subcommand("merge",
                                    "把 build --shard i/n 的全部分片状态合并为一个站点与清单 "
                                    "(merge shard states into one site and manifest)");
  auto opts = std::make_shared<MergeOptions>();
  auto format = std::make_shared<std::string>("text");
  auto sign_key = std::make_shared<std::string>();
  auto fail_on_refused = std::make_shared<bool>(false);
  merge
      ->add_option("states", opts->state_paths,
                   "各分片的状态文件 (shard state files, one per shard)")
      ->required();
  merge->add_option("--repo", opts->repo_path, "内容仓库 (content repository)")
      ->capture_default_str();
  merge->add_option("--out", opts->out_dir, "站点输出目录 (site output directory)")
      ->capture_default_str();
  merge->add_option("--manifest", opts->manifest_path, "溯源清单路径 (provenance manifest path)")
      ->capture_default_str();
  opts->jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  merge->add_option("--jobs,-j", opts->jobs, "并行线程数 (threads; default: all cores)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  merge->add_option(
      "--sign-key", *sign_key,
      "用 ed25519 私钥签名清单，写出 <清单>.dsse.json (sign the manifest as a DSSE envelope)");
  merge->add_flag("--fail-on-refused", *fail_on_refused,
                  "有未发布页面时以 1 退出 (exit 1 when a page is refused)");
  merge->add_option("--format", *format, "输出格式 (output format)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  return [opts, format, sign_key, fail_on_refused]() {
    std::optional<Ed25519Key> key;
    if (!read_sign_key(*sign_key, key)) return 2;
    TerminalReporter reporter;
    BuildResult result = run_merge(*opts, real_file_system(), reporter);
    if (key && !result.fatal) {
      auto envelope = sign_manifest_file(real_file_system(), opts->manifest_path, *key);
      if (!envelope) result.fatal = envelope.error();
    }
    BuildOptions shown;
    shown.out_dir = opts->out_dir;
    shown.manifest_path = opts->manifest_path;
    std::string out = *format == "json" ? summary_json(result) : summary_text(result, shown);
    std::fputs(out.c_str(), result.fatal && *format == "text" ? stderr : stdout);
    if (result.fatal) return 2;
    return *fail_on_refused && !result.refused.empty() ? 1 : 0;
  };
}

}  // namespace sanshen::cmd
