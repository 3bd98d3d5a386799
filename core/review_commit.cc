#include "core/review_commit.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>

#include "core/check_run.h"
#include "core/commit_object.h"
#include "core/front_matter.h"
#include "core/git_repo.h"
#include "core/local_time.h"
#include "core/policy.h"
#include "core/review_chain.h"
#include "core/roster.h"
#include "core/roster_cache.h"
#include "core/signature.h"

extern char** environ;

namespace sanshen {
namespace {

const std::string kPolicyPath = ".sanshen/policy.toml";

class RealProcessRunner final : public ProcessRunner {
 public:
  Result<Output> run(const std::vector<std::string>& argv) override {
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0) return spawn_error(argv, errno);
    if (pipe(err_pipe) != 0) {
      int e = errno;
      close(out_pipe[0]);
      close(out_pipe[1]);
      return spawn_error(argv, e);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
    posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (rc != 0) {
      close(out_pipe[0]);
      close(err_pipe[0]);
      return spawn_error(argv, rc);
    }
    Output result;
    // Both pipes are drained together so a chatty stderr cannot block the child.
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_fds = 2;
    char buf[4096];
    while (open_fds > 0) {
      if (poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      for (int i = 0; i < 2; ++i) {
        if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = read(fds[i].fd, buf, sizeof buf);
        if (n > 0) {
          sinks[i]->append(buf, static_cast<size_t>(n));
        } else if (n == 0 || errno != EINTR) {
          close(fds[i].fd);
          fds[i].fd = -1;
          --open_fds;
        }
      }
    }
    for (auto& f : fds)
      if (f.fd >= 0) close(f.fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    return result;
  }

 private:
  static Error spawn_error(const std::vector<std::string>& argv, int err) {
    return make_error("review.commit", "无法运行 (cannot run) " + argv.front() + ": " +
                                           std::strerror(err));
  }
};

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

std::vector<std::string> git_args(const std::string& repo_path, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "-C", repo_path});
  return args;
}

// Runs git; a non-zero exit becomes an error with git's own message.
Result<std::string> git(ProcessRunner& runner, const std::string& repo_path,
                        std::vector<std::string> args, const std::string& rule) {
  auto r = runner.run(git_args(repo_path, std::move(args)));
  if (!r) return r.error();
  if (r->exit_code != 0)
    return make_error(rule, "git 执行失败 (git failed): " + trim(r->err.empty() ? r->out : r->err));
  return trim(r->out);
}

// An unset key is not an error: `git config --get` exits 1 for it.
Result<std::string> git_config(ProcessRunner& runner, const std::string& repo_path,
                               const std::string& key) {
  auto r = runner.run(git_args(repo_path, {"config", "--get", key}));
  if (!r) return r.error();
  if (r->exit_code == 1) return std::string();
  if (r->exit_code != 0) return make_error("config.invalid", "git config: " + trim(r->err));
  return trim(r->out);
}

Result<Policy> policy_at(Repository& repo, const std::string& head) {
  auto blob = repo.blob_at(head, kPolicyPath);
  if (!blob) return blob.error();
  // Without a policy the base chain of design §4 applies, as in the gate.
  if (!*blob) return Policy{};
  auto text = repo.read_blob(**blob);
  if (!text) return text.error();
  return parse_policy(*text, kPolicyPath);
}

bool is_page_path(const std::string& path) {
  return !section_of(path).empty() && path.ends_with(".md") && !path.ends_with("/_index.md") &&
         path.find("/../") == std::string::npos && path.find("/./") == std::string::npos;
}

bool waives(const Waiver& w, const Finding& f) {
  return w.rule == f.rule && w.path == f.path && (w.line == 0 || w.line == f.line);
}

std::string one_line(std::string s) {
  std::replace_if(s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return s;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& x : items) out += (out.empty() ? "" : sep) + x;
  return out;
}

Status plan_page(const ReviewRequest& req, Repository& repo, const std::string& head,
                 const Policy& policy, ProcessRunner& runner, PlannedPage& page) {
  auto problem = [&](const std::string& rule, const std::string& message) {
    page.problems.push_back(make_error(rule, message, page.path));
  };
  page.title = page.path;
  if (!is_page_path(page.path)) {
    problem("review.not-a-page",
            "不是页面：只能审核 content/<栏目>/ 下的 .md 页面 (not a page under content/<section>/)");
    return ok_status();
  }
  auto blob = repo.blob_at(head, page.path);
  if (!blob) return blob.error();
  if (!*blob) {
    problem("review.not-a-page", "HEAD 中没有此文件，请先提交 (not in HEAD; commit it first)");
    return ok_status();
  }
  page.blob = **blob;
  // The review names the committed blob, so what the reviewer read must be exactly that.
  auto st = git(runner, req.repo_path,
                {"status", "--porcelain=v1", "--untracked-files=no", "--", ":(literal)" + page.path},
                "repo.corrupt");
  if (!st) return st.error();
  if (!st->empty())
    problem("review.dirty", "有未提交的修改 (uncommitted changes: " + st->substr(0, 2) +
                                ")；审核的是已提交的版本，请先提交或还原 (commit or restore them first)");

  auto text = repo.read_blob(page.blob);
  if (!text) return text.error();
  if (auto source = parse_page(*text, page.path)) {
    page.title = one_line(source->meta.title);
    page.date = source->meta.date;
    page.required_levels = policy.required_levels(source->meta.page_class, source->meta.topics);
  }
  const bool approve = req.decision == Decision::kApprove;
  if (approve && !page.required_levels.empty() &&
      std::find(page.required_levels.begin(), page.required_levels.end(), req.level) ==
          page.required_levels.end())
    problem("review.level-not-required", "此页面的审核链为 " + join(page.required_levels, " → ") +
                                             "，不含" + req.level + " (level not required for this page)");
  for (const auto& w : req.waivers) {
    if (w.path != page.path) continue;
    if (page.required_levels.empty() || req.level != page.required_levels.back())
      problem("review.waive", "豁免只能在本页面的最后一级审核（" +
                                  (page.required_levels.empty() ? std::string("?")
                                                                : page.required_levels.back()) +
                                  "）中给出 (waivers only at the page's final level)");
  }
  return ok_status();
}

// Error findings block an approval unless a waiver of this review covers them; a waiver that
// covers nothing is a mistake worth stopping for (a typo would otherwise go unnoticed).
void judge_findings(const ReviewRequest& req, PlannedPage& page) {
  if (req.decision != Decision::kApprove) return;
  std::vector<std::string> blocking;
  for (const auto& f : page.findings) {
    if (f.severity != Severity::kError) continue;
    bool waived = std::any_of(req.waivers.begin(), req.waivers.end(),
                              [&](const Waiver& w) { return waives(w, f); });
    // The matched text stays out: the message may be shown in shared terminals and logs.
    if (!waived)
      blocking.push_back(std::to_string(f.line) + ":" + std::to_string(f.col) + " " + f.rule +
                         ": " + f.message);
  }
  if (!blocking.empty())
    page.problems.push_back(make_error(
        "checks.failed",
        "内容检查有错误，不能通过；可退回 (--return) 或修改后重新提交 (content checks failed; "
        "return the page or fix it): " + join(blocking, "; "),
        page.path));
  for (const auto& w : req.waivers) {
    if (w.path != page.path) continue;
    if (std::none_of(page.findings.begin(), page.findings.end(),
                     [&](const Finding& f) { return waives(w, f); }))
      page.problems.push_back(make_error(
          "review.waive",
          "豁免 " + w.rule + " " + w.path + (w.line ? ":" + std::to_string(w.line) : "") +
              " 未对应任何检查结果 (waiver matches no finding)",
          page.path));
  }
}

Result<Roster> roster_at(Repository& repo, const std::string& head) {
  auto blob = repo.blob_at(head, kRosterPath);
  if (!blob) return blob.error();
  if (!*blob) return Roster{};
  auto text = repo.read_blob(**blob);
  if (!text) return text.error();
  return parse_roster(*text, kRosterPath);
}

// Why a review signed with this key would count for nothing (design §4 rule 2), judged on the
// roster the review commit's parent will have. Each entry ends with its reason id.
std::vector<std::string> authority_problems(const Roster& roster, const std::string& fingerprint,
                                            const ReviewRequest& req, const ReviewPlan& plan,
                                            const Reviewer*& who) {
  std::vector<std::string> out;
  who = roster.find_by_fingerprint(fingerprint);
  if (!who) {
    out.push_back("签名密钥 " + fingerprint +
                  " 不在审核人名册中 (key not in the roster) [review.unknown-key]");
    return out;
  }
  if (who->status != ReviewerStatus::kActive)
    out.push_back(who->id + " 在名册中不是在职状态 (not active) [review.not-authorized]");
  if (!who->holds_level(req.level))
    out.push_back(who->id + " 没有" + req.level + "权限 (does not hold the level) [review.not-authorized]");
  for (const auto& p : plan.pages)
    if (!who->covers_section(section_of(p.path)))
      out.push_back(who->id + " 不负责栏目 " + section_of(p.path) + "：" + p.path +
                    " (section not covered) [review.not-authorized]");
  return out;
}

// The public key git will sign with, when it can be known without asking ssh-agent:
// user.signingkey as "key::<line>", a literal "ssh-…" line, or a key file with its .pub beside it.
std::optional<PublicKey> configured_ssh_key(const std::string& signing_key, FileSystem& fs) {
  std::string value = signing_key;
  if (value.starts_with("key::")) value = value.substr(5);
  std::vector<std::string> candidates;
  if (value.starts_with("ssh-") || value.starts_with("ecdsa-")) {
    candidates.push_back(value);
  } else {
    if (value.starts_with("~/"))
      if (const char* home = std::getenv("HOME")) value = home + value.substr(1);
    for (const std::string& path : {value, value + ".pub"}) {
      if (!fs.exists(path)) continue;
      auto text = fs.read_file(path);
      if (text) candidates.push_back(trim(*text));
    }
  }
  for (const auto& line : candidates)
    if (auto key = parse_ssh_public_key(line)) return *key;
  return std::nullopt;
}

}  // namespace

ProcessRunner& real_process_runner() {
  static RealProcessRunner runner;
  return runner;
}

Result<Waiver> parse_waiver_option(const std::string& text) {
  auto bad = [&] {
    return make_error("review.waive",
                      "豁免格式应为 规则:路径[:行] (expected rule:path[:line]): " + text);
  };
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0) return bad();
  Waiver w;
  w.rule = text.substr(0, colon);
  w.path = text.substr(colon + 1);
  size_t last = w.path.rfind(':');
  if (last != std::string::npos) {
    std::string line = w.path.substr(last + 1);
    if (line.empty() || line.size() > 7 ||
        !std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return bad();
    w.line = std::stoi(line);
    if (w.line == 0) return bad();
    w.path.resize(last);
  }
  if (w.path.empty() || w.path.find(' ') != std::string::npos ||
      w.rule.find(' ') != std::string::npos)
    return bad();
  return w;
}

bool ReviewPlan::ready() const {
  return std::all_of(pages.begin(), pages.end(),
                     [](const PlannedPage& p) { return p.problems.empty(); });
}

Result<ReviewPlan> plan_review(const ReviewRequest& req, FileSystem& fs, ProcessRunner& runner) {
  if (req.paths.empty()) return make_error("review.not-a-page", "没有指定页面 (no pages given)");
  if (req.decision == Decision::kReturn && !req.waivers.empty())
    return make_error("review.waive", "退回时不能豁免检查结果 (waivers only with an approval)");
  for (const auto& w : req.waivers)
    if (std::find(req.paths.begin(), req.paths.end(), w.path) == req.paths.end())
      return make_error("review.waive",
                        "豁免的文件不在本次审核的页面中 (waiver for a page not under review)", w.path);

  auto repo = open_repository(req.repo_path);
  if (!repo) return repo.error();
  ReviewPlan plan;
  auto head = (*repo)->resolve_commit("HEAD");
  if (!head) return head.error();
  plan.head = *head;
  auto git_dir = git(runner, req.repo_path, {"rev-parse", "--absolute-git-dir"}, "repo.corrupt");
  if (!git_dir) return git_dir.error();
  plan.git_dir = *git_dir;

  auto policy = policy_at(**repo, plan.head);
  if (!policy) return policy.error();
  const auto known = policy->known_levels();
  if (std::find(known.begin(), known.end(), req.level) == known.end())
    return make_error("review.unknown-level", "未知的审核级别 (unknown level) “" + req.level +
                                                  "”；审核策略中的级别 (levels in policy): " +
                                                  join(known, "、"));

  std::set<std::string> seen;
  std::vector<std::string> clean;
  for (const auto& path : req.paths) {
    if (!seen.insert(path).second) continue;
    PlannedPage page;
    page.path = path;
    if (auto s = plan_page(req, **repo, plan.head, *policy, runner, page); !s) return s.error();
    if (!page.blob.empty() && page.problems.empty()) clean.push_back(path);
    plan.pages.push_back(std::move(page));
  }
  if (!clean.empty()) {
    CheckOptions check;
    check.repo_path = req.repo_path;
    check.paths = clean;
    auto findings = run_check(check, fs);
    if (!findings) return findings.error();
    for (auto& page : plan.pages) {
      for (const auto& f : *findings)
        if (f.path == page.path) page.findings.push_back(f);
      judge_findings(req, page);
    }
  }

  ReviewTrailers t;
  t.level = req.level;
  t.decision = req.decision;
  t.opinion = req.opinion;
  t.waivers = req.waivers;
  for (const auto& p : plan.pages) t.pages.push_back({p.path, p.blob});
  const std::string subject =
      req.level + (req.decision == Decision::kReturn ? "退回" : "") + "：" +
      (plan.pages.size() == 1 ? plan.pages.front().title
                              : std::to_string(plan.pages.size()) + " 个页面");
  plan.message = subject + "\n\n" + format_review_trailers(t);
  plan.backdate_tolerance_hours = policy->backdate_tolerance_hours;
  if (plan.ready()) {
    // The parser the build uses must read back exactly what was asked for.
    auto parsed = parse_review_trailers(plan.message, known);
    if (!parsed || !*parsed || (*parsed)->pages.size() != plan.pages.size())
      return make_error("review.trailer-syntax",
                        "生成的审核信息无法解析 (generated trailers do not parse): " +
                            (parsed ? std::string() : parsed.error().describe()));
  }
  return plan;
}

Result<ReviewCommit> create_review_commit(const ReviewRequest& req, const ReviewPlan& plan,
                                          FileSystem& fs, ProcessRunner& runner) {
  if (!plan.ready()) return make_error("review.commit", "审核有未解决的问题，未提交 (plan has problems)");
  auto format = git_config(runner, req.repo_path, "gpg.format");
  if (!format) return format.error();
  auto key = git_config(runner, req.repo_path, "user.signingkey");
  if (!key) return key.error();
  if (format->empty()) *format = "openpgp";
  if (*format == "ssh" && key->empty()) {
    auto key_command = git_config(runner, req.repo_path, "gpg.ssh.defaultKeyCommand");
    if (!key_command) return key_command.error();
    if (key_command->empty())
      return make_error("review.signing",
                        "未配置签名密钥：gpg.format 为 ssh，但没有 user.signingkey (no signing key "
                        "configured): git config user.signingkey ~/.ssh/id_ed25519.pub");
  }

  auto repo = open_repository(req.repo_path);
  if (!repo) return repo.error();
  auto roster = roster_at(**repo, plan.head);
  if (!roster) return roster.error();
  if (*format == "ssh") {
    if (auto public_key = configured_ssh_key(*key, fs)) {
      const Reviewer* who = nullptr;
      auto problems = authority_problems(*roster, public_key->fingerprint, req, plan, who);
      if (!problems.empty())
        return make_error(who ? "review.not-authorized" : "review.unknown-key",
                          "配置的签名密钥不能给出此审核，未提交 (the configured key cannot give this "
                          "review; nothing committed): " + join(problems, "; "));
    }
  }

  auto now_head = git(runner, req.repo_path, {"rev-parse", "--verify", "HEAD"}, "repo.corrupt");
  if (!now_head) return now_head.error();
  if (*now_head != plan.head)
    return make_error("review.dirty", "HEAD 在检查后发生了变化，请重新审核 (HEAD moved; review again)");

  const std::string msg_file = plan.git_dir + "/SANSHEN_REVIEW_MSG";
  if (auto s = fs.write_file(msg_file, plan.message); !s) return s.error();
  // --only with no paths: an empty commit even when other changes are staged, so a reviewer's
  // signature never covers someone's half-finished work. Signing comes from the user's config.
  auto committed = runner.run(git_args(req.repo_path, {"commit", "-S", "--allow-empty", "--only",
                                                       "--cleanup=verbatim", "-q", "-F", msg_file}));
  (void)fs.remove_all(msg_file);
  if (!committed) return committed.error();
  if (committed->exit_code != 0) {
    std::string why = trim(committed->err.empty() ? committed->out : committed->err);
    bool signing = why.find("sign") != std::string::npos || why.find("gpg") != std::string::npos;
    return make_error(signing ? "review.signing" : "review.commit",
                      std::string(signing ? "签名失败，请检查 git 签名配置（见 docs/reviewers.md）"
                                            "(signing failed): "
                                          : "git commit 失败 (git commit failed): ") + why);
  }

  ReviewCommit result;
  auto id = git(runner, req.repo_path, {"rev-parse", "--verify", "HEAD"}, "repo.corrupt");
  if (!id) return id.error();
  result.commit = *id;

  // Tell the reviewer now, not at the next build, when the review will count for nothing.
  auto raw = (*repo)->read_raw_commit(result.commit);
  if (!raw) return raw.error();
  auto object = parse_commit_object(*raw);
  if (!object) return object.error();
  if (object->parents != std::vector<std::string>{plan.head})
    result.warnings.push_back("审核提交的父提交不是所审核的版本 (the commit's parent is not the reviewed HEAD)");
  // Design §4 rule 8: the final approval may not come long after the displayed date.
  for (const auto& p : plan.pages) {
    if (req.decision != Decision::kApprove || p.required_levels.empty() ||
        req.level != p.required_levels.back())
      continue;
    auto shown = parse_shanghai_time(p.date);
    if (shown && *shown < object->committer.time - int64_t{plan.backdate_tolerance_hours} * 3600)
      result.warnings.push_back(p.path + " 显示日期 " + p.date + " 早于本次" + req.level + "超过 " +
                                std::to_string(plan.backdate_tolerance_hours) +
                                " 小时，构建将拒绝发布；请编辑更新 date 后重新送审 (displayed date "
                                "too early) [time.backdated]");
  }
  if (object->signature.empty()) {
    result.warnings.push_back("提交没有签名，审核不会被计入 (the commit is unsigned; it counts for nothing)");
    return result;
  }
  if (!object->signature.starts_with("-----BEGIN SSH SIGNATURE-----")) return result;
  auto verified = verify_signature(object->signature, object->signed_payload);
  if (!verified) {
    result.warnings.push_back("签名无法验证 (signature does not verify): " + verified.error().message);
    return result;
  }
  result.fingerprint = verified->fingerprint;
  const Reviewer* who = nullptr;
  for (auto& w : authority_problems(*roster, result.fingerprint, req, plan, who))
    result.warnings.push_back(w + "，审核不会被计入 (the review counts for nothing)");
  if (who) {
    result.reviewer_id = who->id;
    result.reviewer_name = who->name;
  }
  return result;
}

}  // namespace sanshen
