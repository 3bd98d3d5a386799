#include "core/build.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "core/checks/content_checker.h"
#include "core/build_report.h"
#include "core/front_matter.h"
#include "core/git_repo.h"
#include "core/governance.h"
#include "core/history.h"
#include "core/local_time.h"
#include "core/hash.h"
#include "core/manifest.h"
#include "core/markdown.h"
#include "core/policy.h"
#include "core/roster.h"
#include "core/roster_cache.h"
#include "core/signature_cache.h"
#include "core/site.h"
#include "core/site_config.h"
#include "core/templates.h"

namespace sanshen {
namespace {

const std::string kSiteConfigPath = ".sanshen/site.toml";
const std::string kPolicyPath = ".sanshen/policy.toml";
const std::string kRulesDir = ".sanshen/rules";

struct Config {
  SiteConfig site;
  Roster roster;
  Policy policy;
  std::unique_ptr<ContentChecker> checker;
  std::vector<SiteSection> sections;
};

Result<std::string> read_at(Repository& repo, const std::string& rev, const std::string& path) {
  auto blob = repo.blob_at(rev, path);
  if (!blob) return blob.error();
  if (!*blob) return make_error("config.invalid", "缺少文件 (file missing)", path);
  return repo.read_blob(**blob);
}

Result<Config> load_config(Repository& repo, const std::string& rev,
                           const std::vector<TreeEntry>& content) {
  Config c;
  auto site_text = read_at(repo, rev, kSiteConfigPath);
  if (!site_text) return site_text.error();
  auto site = parse_site_config(*site_text, kSiteConfigPath);
  if (!site) return site.error();
  c.site = std::move(*site);

  auto roster_blob = repo.blob_at(rev, kRosterPath);
  if (!roster_blob) return roster_blob.error();
  if (!*roster_blob)
    return make_error("governance.roster-missing",
                      "审核人名册不存在，无法确认任何审核 (reviewer roster missing)", kRosterPath);
  auto roster_text = repo.read_blob(**roster_blob);
  if (!roster_text) return roster_text.error();
  auto roster = parse_roster(*roster_text, kRosterPath);
  if (!roster) return roster.error();
  c.roster = std::move(*roster);

  // Policy is optional: without it the base chain 初审 → 复审 → 终审 of design §4 applies.
  auto policy_blob = repo.blob_at(rev, kPolicyPath);
  if (!policy_blob) return policy_blob.error();
  if (*policy_blob) {
    auto text = repo.read_blob(**policy_blob);
    if (!text) return text.error();
    auto policy = parse_policy(*text, kPolicyPath);
    if (!policy) return policy.error();
    c.policy = std::move(*policy);
  }

  auto rule_entries = repo.list_tree(rev, kRulesDir);
  if (!rule_entries) return rule_entries.error();
  std::map<std::string, std::string> rule_files;
  for (const auto& e : *rule_entries) {
    auto text = repo.read_blob(e.blob);
    if (!text) return text.error();
    rule_files[e.path.substr(kRulesDir.size() + 1)] = std::move(*text);
  }
  auto checker = ContentChecker::create(rule_files, c.policy.severity);
  if (!checker) return checker.error();
  c.checker = std::move(*checker);

  for (const auto& e : content) {
    if (!e.path.ends_with("/_index.md")) continue;
    std::string section = section_of(e.path);
    if (section.empty() || e.path != "content/" + section + "/_index.md") continue;
    auto text = repo.read_blob(e.blob);
    if (!text) return text.error();
    auto meta = parse_section_index(*text, e.path);
    if (!meta) {
      Error err = meta.error();
      err.rule = "config.invalid";
      return err;
    }
    c.sections.push_back({section, std::move(*meta)});
  }
  return c;
}

// The default theme with the site's own overrides from `.sanshen/theme/` (governed like the rest
// of .sanshen/): a file there replaces the default file with the same relative path.
Result<Theme> load_site_theme(Repository& repo, const std::string& rev) {
  const std::string dir = ".sanshen/theme";
  auto entries = repo.list_tree(rev, dir);
  if (!entries) return entries.error();
  std::map<std::string, std::string> files;
  for (auto& f : default_theme_files()) files[f.path] = std::move(f.content);
  for (const auto& e : *entries) {
    auto data = repo.read_blob(e.blob);
    if (!data) return data.error();
    files[e.path.substr(dir.size() + 1)] = std::move(*data);
  }
  std::vector<ThemeFile> merged;
  for (auto& [path, content] : files) merged.push_back({path, std::move(content)});
  auto theme = load_theme(std::move(merged));
  if (!theme) {
    Error e = theme.error();
    e.rule = "config.invalid";
    return e;
  }
  return theme;
}

// Blobs `path` had, newest first, restricted to `wanted`.
Result<std::vector<std::string>> order_by_history(Repository& repo, const History& history,
                                                  const std::string& path,
                                                  std::set<std::string> wanted) {
  std::vector<std::string> out;
  for (const auto& c : history.commits()) {
    if (wanted.empty()) break;
    auto blob = repo.entry_in_tree(c.object.tree, path);
    if (!blob) return blob.error();
    if (*blob && wanted.erase(**blob)) out.push_back(**blob);
  }
  return out;
}

struct Evaluation {
  bool approved = false;
  PageSource source;
  std::vector<ReviewAttempt> approvals;
  std::vector<Reason> reasons;
  std::vector<Finding> findings;
};

// Rule 8: the displayed date may not precede the final approval by more than the tolerance;
// embargoed and expired pages are not rendered.
void check_times(const Evaluation& ev, const Policy& policy, int64_t now, std::vector<Reason>& out) {
  const PageMeta& m = ev.source.meta;
  if (!ev.approvals.empty() && !m.date.empty()) {
    auto shown = parse_shanghai_time(m.date);
    const ReviewAttempt& final_review = ev.approvals.back();
    const int64_t tolerance = int64_t{policy.backdate_tolerance_hours} * 3600;
    if (shown && *shown < final_review.time - tolerance) {
      out.push_back({"time.backdated",
                     "显示日期 " + m.date + " 早于" + final_review.level + "时间 " +
                         format_shanghai_time(final_review.time) + " 超过 " +
                         std::to_string(policy.backdate_tolerance_hours) +
                         " 小时 (displayed date is earlier than the final approval; commit " +
                         final_review.commit.substr(0, 10) + ")"});
    }
  }
  if (auto at = parse_shanghai_time(m.publish_at); at && *at > now)
    out.push_back({"time.embargoed", "定时发布，发布时间 " + m.publish_at + " 未到 (embargoed until then)"});
  if (auto until = parse_shanghai_time(m.expires); until && *until <= now)
    out.push_back({"time.expired", "已于 " + m.expires + " 到期下线 (expired)"});
}

Result<Evaluation> evaluate_blob(Repository& repo, const Config& config, const ReviewLedger& ledger,
                                 const std::string& path, const std::string& blob, int64_t now,
                                 bool check_even_if_unapproved) {
  Evaluation ev;
  auto text = repo.read_blob(blob);
  if (!text) return text.error();
  auto page = parse_page(*text, path);
  if (!page) {
    ev.reasons.push_back({"page.invalid", page.error().describe()});
    return ev;
  }
  ev.source = std::move(*page);
  auto verdict = evaluate_chain(ledger, repo, path, blob,
                                config.policy.required_levels(ev.source.meta.page_class,
                                                              ev.source.meta.topics));
  if (!verdict) return verdict.error();
  ev.reasons = verdict->reasons;
  ev.approvals = verdict->approvals;
  if (verdict->approved) check_times(ev, config.policy, now, ev.reasons);
  if (verdict->approved || check_even_if_unapproved) {
    ev.findings = config.checker->check(path, *text);
    if (has_error(ev.findings)) {
      std::string msg;
      int errors = 0;
      for (const auto& f : ev.findings) {
        if (f.severity != Severity::kError) continue;
        // The matched text is left out: CI logs must not repeat an unmasked ID number.
        if (errors++ < 5)
          msg += (msg.empty() ? "" : "; ") + f.path + ":" + std::to_string(f.line) + ":" +
                 std::to_string(f.col) + ": " + f.rule + ": " + f.message;
      }
      if (errors > 5) msg += "; … (" + std::to_string(errors) + " errors)";
      ev.reasons.push_back({"checks.failed", "内容检查未通过 (content checks failed): " + msg});
    }
  }
  ev.approved = verdict->approved && ev.reasons.empty();
  return ev;
}

std::string slug_of(const std::string& path, const std::string& section) {
  std::string rest = path.substr(std::string("content/").size() + section.size() + 1);
  return rest.substr(0, rest.size() - 3);  // drop ".md"
}

// Static files a published page points at: its `attachments` and /static/ links in its body.
void collect_static_refs(const PageMeta& meta, const std::string& html, std::set<std::string>& out) {
  auto add = [&](std::string ref) {
    if (!ref.empty() && ref.front() == '/') ref.erase(0, 1);
    if (ref.rfind("static/", 0) == 0 && ref.find("..") == std::string::npos) out.insert(ref);
  };
  for (const auto& a : meta.attachments) add(a);
  for (const std::string attr : {"href=\"", "src=\""}) {
    for (size_t pos = html.find(attr); pos != std::string::npos; pos = html.find(attr, pos + 1)) {
      size_t start = pos + attr.size();
      size_t end = html.find('"', start);
      if (end == std::string::npos) break;
      add(html.substr(start, end - start));
    }
  }
}

// Writes every file into a fresh sibling directory and swaps it in, so a failed build never
// leaves a half-written site where the old one was.
Status write_site(FileSystem& fs, const std::string& out_dir, const std::vector<OutputFile>& files) {
  std::string dir = out_dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  const std::string staging = dir + ".sanshen-new";
  const std::string previous = dir + ".sanshen-old";
  if (auto s = fs.remove_all(staging); !s) return s;
  for (const auto& f : files) {
    if (auto s = fs.write_file(staging + "/" + f.path, f.content); !s) {
      (void)fs.remove_all(staging);
      return s;
    }
  }
  if (auto s = fs.remove_all(previous); !s) return s;
  if (fs.exists(dir)) {
    if (auto s = fs.rename(dir, previous); !s) return s;
  }
  if (auto s = fs.rename(staging, dir); !s) return s;
  return fs.remove_all(previous);
}

}  // namespace

BuildResult run_build(const BuildOptions& options, FileSystem& fs, Reporter& reporter) {
  BuildResult result;
  auto fatal = [&](Error e) {
    result.fatal = std::move(e);
    result.published.clear();
    result.refused.clear();
    result.outputs.clear();
    return result;
  };

  auto repo_or = open_repository(options.repo_path);
  if (!repo_or) return fatal(repo_or.error());
  Repository& repo = **repo_or;
  auto rev = repo.resolve_commit(options.rev);
  if (!rev) return fatal(rev.error());
  result.revision = *rev;

  if (options.introduction.empty() && !options.insecure_no_introduction)
    return fatal(make_error("governance.introduction",
                            "缺少信任起点：请用 --introduction <提交>:<指纹> 或 SANSHEN_INTRODUCTION 指定，"
                            "或明确使用 --insecure-no-introduction (no introduction given)"));

  auto history = History::read(repo, *rev, reporter);
  if (!history) return fatal(history.error());
  std::string cache_dir;
  if (!options.no_cache)
    cache_dir = options.cache_dir.empty() ? options.repo_path + "/.git/sanshen" : options.cache_dir;
  SignatureCache signatures = SignatureCache::load(fs, cache_dir);
  if (signatures.discarded())
    reporter.note("签名缓存校验失败，已丢弃并重新验证 (signature cache failed its check; discarded)");
  RosterCache rosters(repo);
  auto trust = check_governance(repo, *history, options.introduction, signatures, rosters);
  if (!trust) return fatal(trust.error());

  auto content = repo.list_tree(*rev, "content");
  if (!content) return fatal(content.error());
  auto config_or = load_config(repo, *rev, *content);
  if (!config_or) return fatal(config_or.error());
  Config& config = *config_or;
  result.checks_run = config.checker->rule_ids();
  result.rules_digest = config.checker->rules_digest();

  auto theme = load_site_theme(repo, *rev);
  if (!theme) return fatal(theme.error());
  result.theme_digest = theme_digest(*theme);

  auto ledger = ReviewLedger::collect(repo, *history, *trust, config.policy, config.roster,
                                      signatures, rosters);
  if (!ledger) return fatal(ledger.error());
  result.signatures_verified = signatures.misses();
  result.signatures_cached = signatures.hits();

  std::set<std::string> known_sections;
  for (const auto& s : config.sections) known_sections.insert(s.id);

  SiteInput site;
  site.config = config.site;
  site.sections = config.sections;
  site.build_time = iso8601_utc(options.build_time);
  std::map<std::string, size_t> published_index;  // path -> index in result.published
  std::set<std::string> static_refs;

  size_t done = 0;
  for (const auto& entry : *content) {
    reporter.progress("pages", ++done, content->size());
    const std::string& path = entry.path;
    if (!path.ends_with(".md")) continue;
    std::string section = section_of(path);
    if (section.empty()) continue;
    if (path == "content/" + section + "/_index.md") continue;

    if (!known_sections.count(section)) {
      result.refused.push_back({path, entry.blob,
                                {{"page.invalid", path + ": 栏目 " + section +
                                                      " 缺少 _index.md (section has no _index.md)"}},
                                {}});
      continue;
    }

    auto current = evaluate_blob(repo, config, *ledger, path, entry.blob, options.now, true);
    if (!current) return fatal(current.error());
    Evaluation chosen;
    std::string chosen_blob;
    if (current->approved) {
      chosen = std::move(*current);
      chosen_blob = entry.blob;
    } else {
      result.refused.push_back({path, entry.blob, current->reasons, current->findings});
      if (options.strict) continue;
      std::set<std::string> older;
      for (const auto& b : ledger->reviewed_blobs(path))
        if (b != entry.blob) older.insert(b);
      auto ordered = order_by_history(repo, *history, path, older);
      if (!ordered) return fatal(ordered.error());
      for (const auto& b : *ordered) {
        auto ev = evaluate_blob(repo, config, *ledger, path, b, options.now, false);
        if (!ev) return fatal(ev.error());
        if (ev->approved) {
          chosen = std::move(*ev);
          chosen_blob = b;
          break;
        }
      }
      if (chosen_blob.empty()) continue;
    }

    auto html = render_markdown(chosen.source.body);
    if (!html) {
      result.refused.push_back({path, chosen_blob, {{"page.invalid", html.error().describe()}}, {}});
      continue;
    }
    collect_static_refs(chosen.source.meta, *html, static_refs);
    PublishedPage page;
    page.path = path;
    page.blob = chosen_blob;
    page.fallback = chosen_blob != entry.blob;
    page.approvals = std::move(chosen.approvals);
    for (auto& f : chosen.findings)
      if (f.severity == Severity::kWarning) page.warnings.push_back(std::move(f));
    published_index[path] = result.published.size();
    result.published.push_back(std::move(page));
    site.pages.push_back({path, section, slug_of(path, section), std::move(chosen.source.meta),
                          std::move(*html)});
  }

  auto rendered = render_site(site, *theme);
  if (!rendered) return fatal(rendered.error());
  std::vector<OutputFile> files = std::move(rendered->files);
  for (const auto& [source, outs] : rendered->page_outputs) {
    auto it = published_index.find(source);
    if (it != published_index.end()) result.published[it->second].outputs = outs;
  }
  for (const auto& ref : static_refs) {
    auto blob = repo.blob_at(*rev, ref);
    if (!blob) return fatal(blob.error());
    if (!*blob) continue;  // a dangling link is the page's problem, not a build failure
    auto data = repo.read_blob(**blob);
    if (!data) return fatal(data.error());
    files.push_back({ref, std::move(*data)});
  }
  std::sort(files.begin(), files.end(),
            [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  for (const auto& f : files) result.outputs.push_back({f.path, sha256_hex(f.content)});

  // Manifest staged first, site swapped in, then the manifest: a failure leaves the previous
  // site and manifest pair in place.
  const std::string manifest_tmp = options.manifest_path + ".sanshen-new";
  if (auto s = fs.write_file(manifest_tmp, manifest_json(options, result)); !s)
    return fatal(s.error());
  if (auto s = write_site(fs, options.out_dir, files); !s) {
    (void)fs.remove_all(manifest_tmp);
    return fatal(s.error());
  }
  if (auto s = fs.rename(manifest_tmp, options.manifest_path); !s) return fatal(s.error());
  // A cache that cannot be written only costs the next build time.
  if (auto s = signatures.save(fs); !s) reporter.note(s.error().describe());
  return result;
}

}  // namespace sanshen
