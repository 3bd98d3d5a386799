#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cmd/commands.h"
#include "core/check_run.h"
#include "core/sarif.h"

namespace sanshen::cmd {

Runner add_check_command(CLI::App& app) {
  auto* sub = app.add_subcommand("check", "只运行内容检查（错敏检测），供编辑和钩子使用 (content checks only)");
  auto opts = std::make_shared<CheckOptions>();
  auto format = std::make_shared<std::string>("text");
  sub->add_option("paths", opts->paths,
                  "要检查的文件 (files to check; default: content/**.md and static/**)");
  sub->add_option("--repo", opts->repo_path, "内容仓库 (content repository)")->capture_default_str();
  sub->add_flag("--staged", opts->staged, "检查暂存区中的版本 (check the staged versions)");
  sub->add_option("--format", *format, "输出格式 (output format)")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();

  return [opts, format]() {
    auto findings = run_check(*opts, real_file_system());
    if (!findings) {
      std::fprintf(stderr, "%s\n", findings.error().describe().c_str());
      return 2;
    }
    if (*format == "json") {
      std::fputs(findings_json(*findings).c_str(), stdout);
    } else if (*format == "sarif") {
      std::fputs(findings_sarif(*findings).c_str(), stdout);
    } else {
      size_t errors = 0;
      for (const auto& f : *findings) {
        std::printf("%s\n", f.describe().c_str());
        errors += f.severity == Severity::kError ? 1 : 0;
      }
      std::printf("%zu 个问题，其中 %zu 个错误 (%zu findings, %zu errors)\n", findings->size(),
                  errors, findings->size(), errors);
    }
    return has_error(*findings) ? 1 : 0;
  };
}

}  // namespace sanshen::cmd
