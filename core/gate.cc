#include "core/gate.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/checks/attachment_text.h"
#include "core/checks/waivers.h"
#include "core/hash.h"
#include "core/local_time.h"

namespace sanshen {
namespace {

const std::string kSiteConfigPath = ".sanshen/site.toml";
const std::string kPolicyPath = ".sanshen/policy.toml";
const std::string kRulesDir = ".sanshen/rules";

Result<std::string> read_at(Repository& repo, const std::string& rev, const std::string& path) {
  auto blob = repo.blob_at(rev, path);
  if (!blob) return blob.error();
  if (!*blob) return make_error("config.invalid", "缺少文件 (file missing)", path);
  return repo.read_blob(**blob);
}

}  // namespace

Result<SiteSetup> load_site_setup(Repository& repo, const std::string& rev,
                                  const std::vector<TreeEntry>& content) {
  SiteSetup setup;
  auto site_text = read_at(repo, rev, kSiteConfigPath);
  if (!site_text) return site_text.error();
  auto site = parse_site_config(*site_text, kSiteConfigPath);
  if (!site) return site.error();
  setup.site = std::move(*site);
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
    setup.sections.push_back({section, std::move(*meta)});
  }
  return setup;
}

bool is_page_path(const std::string& path) {
  const std::string section = section_of(path);
  return path.ends_with(".md") && !section.empty() && path != "content/" + section + "/_index.md";
}

namespace {

Result<GateConfig> load_config(Repository& repo, const std::string& rev,
                               const std::vector<TreeEntry>& content,
                               const std::string& cache_dir) {
  GateConfig c;
  auto setup = load_site_setup(repo, rev, content);
  if (!setup) return setup.error();
  c.site = std::move(setup->site);
  c.sections = std::move(setup->sections);

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
  auto checker = ContentChecker::create(rule_files, c.policy, cache_dir);
  if (!checker) return checker.error();
  c.checker = std::move(*checker);
  return c;
}

// Blobs `path` had, newest first, restricted to `wanted`.
Result<std::vector<std::string>> order_by_history(Repository& repo, const History& history,
                                                  const std::string& path,
                                                  std::set<std::string> wanted) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (wanted.empty()) break;
    auto blob = repo.entry_in_tree(history.tree(i), path);
    if (!blob) return blob.error();
    if (*blob && wanted.erase(**blob)) out.push_back(**blob);
  }
  return out;
}

// Rule 8: the displayed date may not precede the final approval by more than the tolerance;
// embargoed and expired pages are not rendered.
void check_times(const BlobEvaluation& ev, const Policy& policy, int64_t now,
                 std::vector<Reason>& out) {
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
    out.push_back(
        {"time.embargoed", "定时发布，发布时间 " + m.publish_at + " 未到 (embargoed until then)"});
  if (auto until = parse_shanghai_time(m.expires); until && *until <= now)
    out.push_back({"time.expired", "已于 " + m.expires + " 到期下线 (expired)"});
}

void add_time_events(const BlobEvaluation& ev, std::vector<int64_t>& out) {
  for (const std::string* field : {&ev.source.meta.publish_at, &ev.source.meta.expires})
    if (auto t = parse_shanghai_time(*field)) out.push_back(*t);
}

// OpenPGP public keys of the roster's people live in `.sanshen/keys/` at the build revision
// (governed like the rest of .sanshen/). Returns a digest of the files for the verdict cache.
Result<std::string> load_openpgp_keys(Repository& repo, const std::string& rev,
                                      OpenPgpKeyring& keyring) {
  const std::string dir = ".sanshen/keys";
  auto entries = repo.list_tree(rev, dir);
  if (!entries) return entries.error();
  std::string digest_input;
  for (const auto& e : *entries) {
    auto data = repo.read_blob(e.blob);
    if (!data) return data.error();
    if (auto s = keyring.add(e.path, *data); !s) return s.error();
    digest_input += e.path + '\0' + e.blob + '\n';
  }
  return sha256_hex(digest_input);
}

}  // namespace

Result<std::unique_ptr<Gate>> Gate::open(const GateOptions& options, FileSystem& fs,
                                         Reporter& reporter) {
  std::unique_ptr<Gate> g(new Gate());
  g->options_ = options;
  auto repo = open_repository(options.repo_path);
  if (!repo) return repo.error();
  g->repo_ = std::move(*repo);
  auto rev = g->repo_->resolve_commit(options.rev);
  if (!rev) return rev.error();
  g->revision_ = *rev;

  if (options.introduction.empty() && !options.insecure_no_introduction)
    return make_error(
        "governance.introduction",
        "缺少信任起点：请用 --introduction <提交>:<指纹> 或 SANSHEN_INTRODUCTION 指定，"
        "或明确使用 --insecure-no-introduction (no introduction given)");

  std::string cache_dir;
  if (!options.no_cache)
    cache_dir = options.cache_dir.empty() ? options.repo_path + "/.git/sanshen" : options.cache_dir;
  g->signatures_ = SignatureCache::load(fs, cache_dir);
  auto keys_digest = load_openpgp_keys(*g->repo_, g->revision_, g->openpgp_keys_);
  if (!keys_digest) return keys_digest.error();
  g->signatures_.use_openpgp_keys(&g->openpgp_keys_, *keys_digest);
  if (g->signatures_.discarded())
    reporter.note(
        "签名缓存校验失败，已丢弃并重新验证 (signature cache failed its check; discarded)");

  // Review signatures are verified on `jobs` threads while the history is read, so reading
  // and verifying overlap and no commit's signed bytes outlive its verdict. The other handles
  // are for deciding pages.
  const int jobs = std::max(1, options.jobs);
  auto workers = open_repositories(options.repo_path, jobs - 1);
  if (!workers) return workers.error();
  g->workers_ = std::move(*workers);

  // The configuration and pages are read before the history so the pages can be prepared
  // beside the governance and review passes; their errors are still reported after those.
  auto content = g->repo_->list_tree(g->revision_, "content");
  std::optional<Result<GateConfig>> config;
  if (content) {
    config = load_config(*g->repo_, g->revision_, *content, cache_dir);
    for (auto& e : *content) {
      if (!is_page_path(e.path)) continue;
      if (options.page_filter && !options.page_filter(e.path)) continue;
      g->pages_.push_back(std::move(e));
    }
  }
  if (config && *config) g->config_ = std::move(**config);

  HistoryReading reading;
  reading.threads = jobs;
  std::function<bool(const HistoryCommit&)> wanted;
  if (options.page_filter) {
    wanted = [&](const HistoryCommit& c) {
      for (const auto& path : review_page_paths(c.object.message))
        if (options.page_filter(path)) return true;
      return false;
    };
  }
  g->signatures_.begin_prefetch(jobs, wanted);
  reading.visit = [&](HistoryCommit& c, int worker) { g->signatures_.prefetch_review(c, worker); };
  auto history = History::read(*g->repo_, g->revision_, reporter, reading);
  if (!history) return history.error();
  g->history_ = std::move(*history);
  g->signatures_.adopt_prefetched();
  // Governance and the reviews are one thread's passes; the other core starts on the pages.
  // (Not sooner: beside the history's verification threads it would only hold memory longer.)
  if (config && *config && options.prepare_pages && !g->workers_.empty()) {
    g->prepared_.resize(g->pages_.size());
    g->preparer_ = std::thread([gate = g.get()] { gate->prepare_pages(); });
  }
  RosterCache rosters(*g->repo_, &*g->history_);
  auto trust =
      check_governance(*g->repo_, *g->history_, options.introduction, g->signatures_, rosters);
  if (!trust) return trust.error();
  g->trust_ = std::move(*trust);

  if (!content) return content.error();
  if (!*config) return config->error();

  auto ledger =
      ReviewLedger::collect(*g->repo_, *g->history_, g->trust_, g->config_.policy,
                            g->config_.roster, g->signatures_, rosters, options.page_filter);
  if (!ledger) return ledger.error();
  g->ledger_ = std::move(*ledger);
  return g;
}

Gate::~Gate() { finish_preparing(); }

void Gate::finish_preparing(bool complete) {
  if (!complete) stop_preparing_ = true;
  if (preparer_.joinable()) preparer_.join();
}

std::size_t Gate::pages_prepared() const {
  return static_cast<std::size_t>(std::count_if(prepared_.begin(), prepared_.end(),
                                                [](const auto& p) { return p.has_value(); }));
}

// From the back: decide_page() hands pages out from the front, so the prepared ones are the
// last it reaches. Stops at a budget of page text, so that on a large site the prepared pages
// do not pile up beside the history's commits.
void Gate::prepare_pages() {
  constexpr std::size_t kTextBudget = std::size_t{16} << 20;
  Repository& repo = *workers_[0];
  std::size_t text_bytes = 0;
  for (std::size_t i = pages_.size(); i-- > 0 && !stop_preparing_ && text_bytes < kTextBudget;) {
    const TreeEntry& page = pages_[i];
    auto content = read_content(page.path, page.blob, repo);
    if (!content) continue;  // the decision reads it again and reports the error
    text_bytes += content->text.size();
    if (content->source) {
      auto findings = check_content(page.path, content->text, *content->source, repo);
      if (!findings) continue;
      content->findings = std::move(*findings);
      std::string().swap(content->text);  // checked: the decision needs only the parse
    }
    prepared_[i] = std::move(*content);
  }
}

Result<BlobContent> Gate::read_content(const std::string& path, const std::string& blob,
                                       Repository& repo) const {
  BlobContent content;
  auto text = repo.read_blob(blob);
  if (!text) return text.error();
  content.text = std::move(*text);
  auto page = parse_page(content.text, path);
  if (page)
    content.source = std::move(*page);
  else
    content.parse_error = page.error().describe();
  return content;
}

Result<std::vector<Finding>> Gate::check_content(const std::string& path, const std::string& text,
                                                 const PageSource& source, Repository& repo) const {
  std::string_view kind;
  for (const auto& sec : config_.sections)
    if (sec.id == section_of(path)) kind = sec.meta.kind;
  std::vector<Finding> findings =
      config_.checker->check(CheckInput{path, text, &source.meta, kind});
  // Attachments the page links are published with it, so their text is the page's too.
  for (const std::string& attachment : linked_attachments(source)) {
    auto attachment_blob = repo.blob_at(revision_, attachment);
    if (!attachment_blob) return attachment_blob.error();
    if (!*attachment_blob) continue;  // a dangling link publishes nothing
    auto bytes = repo.read_blob(**attachment_blob);
    if (!bytes) return bytes.error();
    auto found = config_.checker->check_attachment(attachment, *bytes);
    findings.insert(findings.end(), found.begin(), found.end());
  }
  return findings;
}

Result<BlobEvaluation> Gate::evaluate(const std::string& path, const std::string& blob,
                                      bool check_even_if_unapproved) {
  return evaluate(path, blob, check_even_if_unapproved, *repo_);
}

Result<PageDecision> Gate::decide(const TreeEntry& page) { return decide(page, *repo_); }

Result<BlobEvaluation> Gate::evaluate(const std::string& path, const std::string& blob,
                                      bool check_even_if_unapproved, Repository& repo) const {
  return evaluate(path, blob, check_even_if_unapproved, repo, nullptr);
}

Result<BlobEvaluation> Gate::evaluate(const std::string& path, const std::string& blob,
                                      bool check_even_if_unapproved, Repository& repo,
                                      BlobContent* prepared) const {
  BlobEvaluation ev;
  ev.blob = blob;
  BlobContent content;
  if (prepared) {
    content = std::move(*prepared);
  } else {
    auto read = read_content(path, blob, repo);
    if (!read) return read.error();
    content = std::move(*read);
  }
  if (!content.source) {
    ev.reasons.push_back({"page.invalid", std::move(content.parse_error)});
    return ev;
  }
  ev.source = std::move(*content.source);
  ev.required_levels =
      config_.policy.required_levels(ev.source.meta.page_class, ev.source.meta.topics);
  ChainVerdict verdict = evaluate_chain(*ledger_, *history_, path, blob, ev.required_levels);
  ev.reasons = verdict.reasons;
  ev.approvals = verdict.approvals;
  if (verdict.approved) check_times(ev, config_.policy, options_.now, ev.reasons);
  if (verdict.approved || check_even_if_unapproved) {
    if (content.findings) {
      ev.findings = std::move(*content.findings);
    } else {
      auto findings = check_content(path, content.text, ev.source, repo);
      if (!findings) return findings.error();
      ev.findings = std::move(*findings);
    }
    // A signed final-level review may waive exact findings (design §5).
    if (verdict.approved && !ev.approvals.empty()) {
      WaiverOutcome outcome = apply_waivers(std::move(ev.findings), ev.approvals.back().waivers);
      ev.findings = std::move(outcome.kept);
      ev.waived = std::move(outcome.waived);
    }
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
  ev.approved = verdict.approved && ev.reasons.empty();
  return ev;
}

Result<PageDecision> Gate::decide(const TreeEntry& page, Repository& repo,
                                  bool keep_current) const {
  return decide(page, repo, keep_current, nullptr);
}

Result<PageDecision> Gate::decide_page(std::size_t index, Repository& repo,
                                       bool keep_current) const {
  BlobContent* prepared = nullptr;
  if (index < prepared_.size() && prepared_[index]) prepared = &*prepared_[index];
  auto decision = decide(pages_[index], repo, keep_current, prepared);
  if (prepared) prepared_[index].reset();
  return decision;
}

Result<PageDecision> Gate::decide(const TreeEntry& page, Repository& repo, bool keep_current,
                                  BlobContent* prepared) const {
  PageDecision d;
  d.path = page.path;
  d.section = section_of(page.path);
  bool known = false;
  for (const auto& s : config_.sections) known = known || s.id == d.section;
  if (!known) {
    d.current.blob = page.blob;
    d.current.reasons.push_back({"page.invalid", page.path + ": 栏目 " + d.section +
                                                     " 缺少 _index.md (section has no _index.md)"});
    return d;
  }
  auto current = evaluate(page.path, page.blob, true, repo, prepared);
  if (!current) return current.error();
  d.current = std::move(*current);
  add_time_events(d.current, d.time_events);
  if (d.current.approved) {
    if (keep_current) {
      d.live = d.current;
    } else {
      d.live = std::move(d.current);
      d.current = BlobEvaluation{};
      d.current.blob = d.live->blob;
      d.current.approved = true;
    }
    return d;
  }
  if (options_.strict) return d;
  std::set<std::string> older;
  for (const auto& b : ledger_->reviewed_blobs(page.path))
    if (b != page.blob) older.insert(b);
  auto ordered = order_by_history(repo, *history_, page.path, older);
  if (!ordered) return ordered.error();
  for (const auto& b : *ordered) {
    auto ev = evaluate(page.path, b, false, repo);
    if (!ev) return ev.error();
    add_time_events(*ev, d.time_events);
    if (ev->approved) {
      d.live = std::move(*ev);
      break;
    }
  }
  return d;
}

}  // namespace sanshen
