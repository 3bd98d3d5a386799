#include "cmd/build_flags.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "core/build_report.h"
#include "core/build_state.h"
#include "core/local_time.h"

namespace sanshen::cmd {

std::shared_ptr<BuildFlags> add_build_flags(CLI::App& app) {
  auto* sub = app.add_subcommand("build", "验证三审签名、运行内容检查、生成站点与溯源清单 (verify, check, render, write manifest)");
  auto flags = std::make_shared<BuildFlags>();
  BuildOptions& opts = flags->options;
  sub->add_option("--repo", opts.repo_path, "内容仓库 (content repository)")->capture_default_str();
  sub->add_option("--rev", opts.rev, "构建的修订版本 (revision to build)")->capture_default_str();
  sub->add_option("--out", opts.out_dir, "站点输出目录 (site output directory)")->capture_default_str();
  sub->add_option("--manifest", opts.manifest_path, "溯源清单路径 (provenance manifest path)")
      ->capture_default_str();
  sub->add_option("--introduction", opts.introduction,
                  "信任起点 <提交>:<指纹> (trust anchor commit:fingerprint; or SANSHEN_INTRODUCTION)");
  sub->add_flag("--insecure-no-introduction", opts.insecure_no_introduction,
                "不验证信任起点（清单中注明）(build without an introduction; recorded in the manifest)");
  sub->add_option("--now", flags->now,
                  "判断定时发布与到期的当前时间：秒数或 \"YYYY-MM-DD HH:MM\"（北京时间）(time for publish_at/expires)");
  sub->add_flag("--strict", opts.strict,
                "当前版本未通过时不保留旧版，并以 1 退出 (refuse instead of falling back; exit 1 on refusals)");
  sub->add_flag("--fail-on-refused", flags->fail_on_refused, "有未发布页面时以 1 退出 (exit 1 when a page is refused)");
  sub->add_option("--cache-dir", opts.cache_dir, "验证缓存目录 (verification cache; default <repo>/.git/sanshen)");
  sub->add_flag("--no-cache", opts.no_cache, "不读写验证缓存 (verify everything afresh)");
  opts.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  sub->add_option("--jobs,-j", opts.jobs, "并行线程数 (threads; default: all cores)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  sub->add_option("--sign-key", flags->sign_key,
                  "用 ed25519 私钥签名清单，写出 <清单>.dsse.json (sign the manifest as a DSSE envelope)");
  sub->add_option("--shard", flags->shard,
                  "只判定第 i 个分片的页面（共 n 片），状态写入 --shard-state，由 manifest merge 合并 "
                  "(decide only shard i of n; merge with `sanshen manifest merge`)");
  sub->add_option("--shard-state", opts.shard_state_path,
                  "分片状态文件 (shard state file; default shard-<i>-of-<n>.json)");
  sub->add_option("--format", flags->format, "输出格式 (output format)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  return flags;
}

Result<BuildOptions> build_options_of(const BuildFlags& flags) {
  BuildOptions o = flags.options;
  if (!flags.shard.empty()) {
    auto parsed = parse_shard(flags.shard);
    if (!parsed) return parsed.error();
    o.shard = *parsed;
    if (o.shard_state_path.empty())
      o.shard_state_path = "shard-" + std::to_string(o.shard.index) + "-of-" +
                           std::to_string(o.shard.count) + ".json";
  }
  if (o.introduction.empty()) {
    if (const char* env = std::getenv("SANSHEN_INTRODUCTION")) o.introduction = env;
  }
  // SOURCE_DATE_EPOCH makes the recorded build time reproducible.
  o.build_time = std::time(nullptr);
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) o.build_time = std::atoll(sde);
  o.now = o.build_time;
  if (!flags.now.empty()) {
    auto parsed = parse_now(flags.now);
    if (!parsed)
      return make_error("config.invalid",
                        "--now: 无法识别的时间 (unrecognised time) '" + flags.now + "'");
    o.now = *parsed;
  }
  return o;
}

int report_build(const BuildResult& result, const BuildOptions& options, const BuildFlags& flags) {
  const bool json = flags.format == "json";
  std::string out = json ? summary_json(result) : summary_text(result, options);
  std::fputs(out.c_str(), result.fatal && !json ? stderr : stdout);
  if (result.fatal) return 2;
  return (options.strict || flags.fail_on_refused) && !result.refused.empty() ? 1 : 0;
}

}  // namespace sanshen::cmd
