#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>

#include "cmd/commands.h"
#include "cmd/terminal_reporter.h"
#include "core/build.h"
#include "core/build_report.h"

namespace sanshen::cmd {

Runner add_build_command(CLI::App& app) {
  auto* sub = app.add_subcommand("build", "验证三审签名、运行内容检查、生成站点与溯源清单 (verify, check, render, write manifest)");
  auto opts = std::make_shared<BuildOptions>();
  auto format = std::make_shared<std::string>("text");
  sub->add_option("--repo", opts->repo_path, "内容仓库 (content repository)")->capture_default_str();
  sub->add_option("--rev", opts->rev, "构建的修订版本 (revision to build)")->capture_default_str();
  sub->add_option("--out", opts->out_dir, "站点输出目录 (site output directory)")->capture_default_str();
  sub->add_option("--manifest", opts->manifest_path, "溯源清单路径 (provenance manifest path)")
      ->capture_default_str();
  sub->add_option("--introduction", opts->introduction,
                  "信任起点 <提交>:<指纹> (trust anchor commit:fingerprint; or SANSHEN_INTRODUCTION)");
  sub->add_flag("--insecure-no-introduction", opts->insecure_no_introduction,
                "不验证信任起点（清单中注明）(build without an introduction; recorded in the manifest)");
  sub->add_option("--format", *format, "输出格式 (output format)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  return [opts, format]() {
    BuildOptions o = *opts;
    if (o.introduction.empty()) {
      if (const char* env = std::getenv("SANSHEN_INTRODUCTION")) o.introduction = env;
    }
    // SOURCE_DATE_EPOCH makes the recorded build time reproducible.
    o.build_time = std::time(nullptr);
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) o.build_time = std::atoll(sde);
    TerminalReporter reporter;
    BuildResult result = run_build(o, real_file_system(), reporter);
    std::string out = *format == "json" ? summary_json(result) : summary_text(result, o);
    std::fputs(out.c_str(), result.fatal && *format == "text" ? stderr : stdout);
    return result.fatal ? 2 : 0;
  };
}

}  // namespace sanshen::cmd
