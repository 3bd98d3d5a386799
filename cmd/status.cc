#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "cmd/commands.h"
#include "cmd/terminal_reporter.h"
#include "core/gate.h"
#include "core/page_status.h"

namespace sanshen::cmd {

Runner add_status_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "status", "各页面的审核进度、下一级审核人、检查结果和线上版本 (review progress per page)");
  auto opts = std::make_shared<GateOptions>();
  auto paths = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("text");
  auto all = std::make_shared<bool>(false);
  sub->add_option("paths", *paths, "页面或栏目目录 (pages or directories; default: all pages)");
  sub->add_option("--repo", opts->repo_path, "内容仓库 (content repository)")->capture_default_str();
  sub->add_option("--rev", opts->rev, "查看的修订版本 (revision)")->capture_default_str();
  auto* intro = sub->add_option(
      "--introduction", opts->introduction,
      "信任起点 <提交>:<指纹> (trust anchor commit:fingerprint; or SANSHEN_INTRODUCTION)");
  sub->add_flag("--insecure-no-introduction", opts->insecure_no_introduction,
                "不验证信任起点 (no trust anchor: for a first look only)")
      ->excludes(intro);
  sub->add_option("--format", *format, "输出格式 (output format)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->add_flag("-a,--all", *all,
                "已上线的页面也显示全部细节（给出路径时总是如此）(full detail for live pages too)");

  return [opts, paths, format, all]() {
    GateOptions o = *opts;
    if (o.introduction.empty() && !o.insecure_no_introduction) {
      if (const char* env = std::getenv("SANSHEN_INTRODUCTION")) o.introduction = env;
    }
    // Embargo and expiry are judged as a build run now would judge them.
    o.now = std::time(nullptr);
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) o.now = std::atoll(sde);
    TerminalReporter reporter;
    auto gate = Gate::open(o, real_file_system(), reporter);
    if (!gate) {
      std::fprintf(stderr, "%s\n", gate.error().describe().c_str());
      return 2;
    }
    auto report = collect_status(**gate, *paths);
    if (!report) {
      std::fprintf(stderr, "%s\n", report.error().describe().c_str());
      return 2;
    }
    (void)(*gate)->save_cache(real_file_system());
    std::string out = *format == "json" ? status_json(*report) : status_text(*report, *all || !paths->empty());
    std::fputs(out.c_str(), stdout);
    return 0;
  };
}

}  // namespace sanshen::cmd
