#include "core/check_run.h"

#include <algorithm>
#include <map>

#include "core/checks/content_checker.h"
#include "core/front_matter.h"
#include "core/git_repo.h"
#include "core/json_forms.h"
#include "core/policy.h"

namespace sanshen {
namespace {

struct FileText {
  std::string path;
  std::string text;
};

Result<std::unique_ptr<ContentChecker>> working_tree_checker(const std::string& root,
                                                            FileSystem& fs) {
  Policy policy;
  const std::string policy_path = root + "/.sanshen/policy.toml";
  if (fs.exists(policy_path)) {
    auto text = fs.read_file(policy_path);
    if (!text) return text.error();
    auto parsed = parse_policy(*text, ".sanshen/policy.toml");
    if (!parsed) return parsed.error();
    policy = std::move(*parsed);
  }
  std::map<std::string, std::string> rule_files;
  const std::string rules_dir = root + "/.sanshen/rules";
  if (fs.exists(rules_dir)) {
    auto names = fs.list_files(rules_dir);
    if (!names) return names.error();
    for (const auto& name : *names) {
      auto text = fs.read_file(rules_dir + "/" + name);
      if (!text) return text.error();
      rule_files[name] = std::move(*text);
    }
  }
  return ContentChecker::create(rule_files, policy.severity);
}

bool is_page(const std::string& path) {
  return path.starts_with("content/") && path.ends_with(".md");
}

}  // namespace

Result<std::vector<Finding>> run_check(const CheckOptions& options, FileSystem& fs) {
  const std::string& root = options.repo_path;
  auto checker = working_tree_checker(root, fs);
  if (!checker) return checker.error();

  std::vector<FileText> files;
  if (options.staged) {
    auto repo = open_repository(root);
    if (!repo) return repo.error();
    auto staged = (*repo)->staged_files();
    if (!staged) return staged.error();
    for (const auto& e : *staged) {
      bool wanted = options.paths.empty()
                        ? is_page(e.path)
                        : std::find(options.paths.begin(), options.paths.end(), e.path) !=
                              options.paths.end();
      if (!wanted) continue;
      auto text = (*repo)->read_blob(e.blob);
      if (!text) return text.error();
      files.push_back({e.path, std::move(*text)});
    }
  } else {
    std::vector<std::string> paths = options.paths;
    if (paths.empty()) {
      auto all = fs.list_files(root + "/content");
      if (!all) return all.error();
      for (const auto& p : *all)
        if (is_page("content/" + p)) paths.push_back("content/" + p);
    }
    for (const auto& p : paths) {
      auto text = fs.read_file(root + "/" + p);
      if (!text) return text.error();
      files.push_back({p, std::move(*text)});
    }
  }

  std::vector<Finding> findings;
  for (const auto& f : files) {
    if (is_page(f.path) && f.path.find("/_index.md") == std::string::npos) {
      auto page = parse_page(f.text, f.path);
      if (!page) {
        const Error& e = page.error();
        findings.push_back({f.path, std::max(e.line, 1), std::max(e.col, 1), Severity::kError,
                            "page.invalid", e.message, ""});
      }
    }
    auto found = (*checker)->check(f.path, f.text);
    findings.insert(findings.end(), found.begin(), found.end());
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.path, a.line, a.col) < std::tie(b.path, b.line, b.col);
  });
  return findings;
}

std::string findings_json(const std::vector<Finding>& findings) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : findings) list.push_back(finding_json(f));
  return nlohmann::json{{"findings", list}}.dump(2) + "\n";
}

}  // namespace sanshen
