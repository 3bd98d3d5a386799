#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cmd/commands.h"
#include "core/review_commit.h"

namespace sanshen::cmd {
namespace {

// A reviewer may name a page relative to where they stand ("2025-fire.md" inside content/tzgg);
// the trailer needs the path in the repository.
std::string repo_relative(const std::string& repo, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(fs::path(repo) / path, ec) || !fs::exists(path, ec)) return path;
  fs::path rel = fs::relative(fs::weakly_canonical(path, ec), fs::weakly_canonical(repo, ec), ec);
  if (ec || rel.empty() || rel.begin()->string() == "..") return path;
  return rel.generic_string();
}

void print_findings(const PlannedPage& p) {
  for (const auto& f : p.findings) {
    if (f.severity != Severity::kWarning) continue;
    std::printf("    警告 (warning) %d:%d %s: %s\n", f.line, f.col, f.rule.c_str(), f.message.c_str());
  }
}

}  // namespace

Runner add_review_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "review", "审核已提交的页面：运行内容检查，创建带审核信息的签名提交 (sign a review commit)");
  auto req = std::make_shared<ReviewRequest>();
  auto returned = std::make_shared<bool>(false);
  auto waivers = std::make_shared<std::vector<std::string>>();
  sub->add_option("paths", req->paths, "要审核的页面 (pages to review)")->required();
  sub->add_option("--level", req->level, "审核级别，如 初审、复审、终审 (review level)")->required();
  sub->add_flag("--return", *returned, "退回而不是通过 (return the page instead of approving it)");
  sub->add_option("-m,--message", req->opinion, "审核意见 (opinion, shown in the 审签表)");
  sub->add_option("--repo", req->repo_path, "内容仓库 (content repository)")->capture_default_str();
  sub->add_option("--waive", *waivers,
                  "豁免一条检查结果 规则:路径[:行]，只能在最后一级审核中使用 (waive a finding; final level only)");

  return [req, returned, waivers]() {
    ReviewRequest r = *req;
    r.decision = *returned ? Decision::kReturn : Decision::kApprove;
    for (auto& p : r.paths) p = repo_relative(r.repo_path, p);
    for (const auto& text : *waivers) {
      auto w = parse_waiver_option(text);
      if (!w) {
        std::fprintf(stderr, "%s\n", w.error().describe().c_str());
        return 2;
      }
      w->path = repo_relative(r.repo_path, w->path);
      r.waivers.push_back(*w);
    }
    auto plan = plan_review(r, real_file_system(), real_process_runner());
    if (!plan) {
      std::fprintf(stderr, "%s\n", plan.error().describe().c_str());
      return 2;
    }
    if (!plan->ready()) {
      std::fprintf(stderr, "未创建审核提交 (no review commit created):\n");
      for (const auto& p : plan->pages)
        for (const auto& e : p.problems) std::fprintf(stderr, "  %s\n", e.describe().c_str());
      return 1;
    }
    auto commit = create_review_commit(r, *plan, real_file_system(), real_process_runner());
    if (!commit) {
      std::fprintf(stderr, "%s\n", commit.error().describe().c_str());
      return 2;
    }
    const char* verb = r.decision == Decision::kApprove ? "通过 (approve)" : "退回 (return)";
    std::printf("已创建%s提交 (review commit) %s\n", r.level.c_str(), commit->commit.c_str());
    if (!commit->fingerprint.empty())
      std::printf("  签名 (signed by) %s %s\n",
                  commit->reviewer_id.empty()
                      ? "名册外密钥 (key not in roster)"
                      : (commit->reviewer_name + "（" + commit->reviewer_id + "）").c_str(),
                  commit->fingerprint.c_str());
    for (const auto& p : plan->pages) {
      std::printf("  %s %s %s  %s (blob %.10s)\n", r.level.c_str(), verb, p.path.c_str(),
                  p.title.c_str(), p.blob.c_str());
      print_findings(p);
    }
    for (const auto& w : commit->warnings) std::fprintf(stderr, "警告 (warning): %s\n", w.c_str());
    std::printf("请推送此提交 (push it): git push\n");
    return 0;
  };
}

}  // namespace sanshen::cmd
