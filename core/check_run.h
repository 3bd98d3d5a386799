// `sanshen check`: the content checks on files an editor is about to commit, with the rules of
// the working tree. No review chain is involved.
#pragma once

#include <string>
#include <vector>

#include "core/file_system.h"
#include "core/finding.h"
#include "core/result.h"

namespace sanshen {

struct CheckOptions {
  std::string repo_path = ".";
  // Relative to repo_path; empty = every content/**.md and every file under static/. Pages
  // (`content/**.md`) are checked with their front matter and section kind, files under static/
  // as attachments, anything else as plain text.
  std::vector<std::string> paths;
  bool staged = false;  // check the staged versions of staged files instead
};

// Findings of every file, sorted by path, line, col. Unreadable front matter or invalid UTF-8
// is a `page.invalid` error finding. The compiled rules are cached in <repo>/.git/sanshen/ when
// that repository directory exists. Errors: config.invalid (rules/policy), repo.corrupt.
Result<std::vector<Finding>> run_check(const CheckOptions& options, FileSystem& fs);

std::string findings_json(const std::vector<Finding>& findings);

}  // namespace sanshen
