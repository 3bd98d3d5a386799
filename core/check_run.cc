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
  // The build's cache directory (design §4.9); editors run check often, recompiling a large
  // word list each time would be felt.
  const std::string cache_dir = fs.exists(root + "/.git/HEAD") ? root + "/.git/sanshen" : "";
  return ContentChecker::create(rule_files, policy, cache_dir);
}

bool is_page(const std::string& path) {
  return path.starts_with("content/") && path.ends_with(".md");
}

bool is_section_index(const std::string& path) { return path.ends_with("/_index.md"); }

bool is_static(const std::string& path) { return path.starts_with("static/"); }

// `content/<section>/…` -> the kind in content/<section>/_index.md of the working tree, "" when
// it has none or cannot be read (the section index is checked on its own).
std::string section_kind(const std::string& root, const std::string& path, FileSystem& fs,
                         std::map<std::string, std::string>& known) {
  const std::size_t slash = path.find('/', 8);
  if (slash == std::string::npos) return "";
  const std::string index = path.substr(0, slash) + "/_index.md";
  if (auto it = known.find(index); it != known.end()) return it->second;
  std::string kind;
  if (auto text = fs.read_file(root + "/" + index)) {
    if (auto meta = parse_section_index(*text, index)) kind = meta->kind;
  }
  known[index] = kind;
  return kind;
}

}  // namespace

Result<std::vector<Finding>> run_check(const CheckOptions& options, FileSystem& fs) {
  const std::string& root = options.repo_path;
  auto checker = working_tree_checker(root, fs);
  if (!checker) return checker.error();

  auto wanted_by_default = [](const std::string& path) {
    return is_page(path) || is_static(path);
  };
  std::vector<FileText> files;
  if (options.staged) {
    auto repo = open_repository(root);
    if (!repo) return repo.error();
    auto staged = (*repo)->staged_files();
    if (!staged) return staged.error();
    for (const auto& e : *staged) {
      bool wanted = options.paths.empty()
                        ? wanted_by_default(e.path)
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
      for (const std::string dir : {"content", "static"}) {
        if (!fs.exists(root + "/" + dir)) continue;
        auto all = fs.list_files(root + "/" + dir);
        if (!all) return all.error();
        for (const auto& p : *all)
          if (wanted_by_default(dir + "/" + p)) paths.push_back(dir + "/" + p);
      }
    }
    for (const auto& p : paths) {
      auto text = fs.read_file(root + "/" + p);
      if (!text) return text.error();
      files.push_back({p, std::move(*text)});
    }
  }

  std::vector<Finding> findings;
  std::map<std::string, std::string> kinds;
  for (const auto& f : files) {
    std::vector<Finding> found;
    if (is_static(f.path)) {
      found = (*checker)->check_attachment(f.path, f.text);
    } else {
      CheckInput input;
      input.path = f.path;
      input.text = f.text;
      std::string kind;  // outlives `input`, which only views it
      Result<PageSource> page = make_error("page.invalid", "");
      if (is_page(f.path) && !is_section_index(f.path)) {
        page = parse_page(f.text, f.path);
        if (page) {
          input.meta = &page->meta;
          kind = section_kind(root, f.path, fs, kinds);
          input.section_kind = kind;
        } else {
          const Error& e = page.error();
          findings.push_back({f.path, std::max(e.line, 1), std::max(e.col, 1), Severity::kError,
                              "page.invalid", e.message, ""});
        }
      }
      found = (*checker)->check(input);
    }
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
