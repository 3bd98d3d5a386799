#include "core/build.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <memory>

#include "core/build_cache.h"
#include "core/build_report.h"
#include "core/build_state.h"
#include "core/gate.h"
#include "core/git_repo.h"
#include "core/markdown.h"
#include "core/parallel.h"
#include "core/publish.h"
#include "core/site.h"

namespace sanshen {

BuildResult run_build(const BuildOptions& options, FileSystem& fs, Reporter& reporter) {
  BuildResult result;
  auto fatal = [&](Error e) {
    result.fatal = std::move(e);
    result.published.clear();
    result.refused.clear();
    result.outputs.clear();
    return result;
  };
  // A rebuild of the same revision with the same options, within the same time window, whose
  // outputs are untouched, has nothing to do.
  const bool sharded = !options.shard_state_path.empty();
  BuildCache cache = BuildCache::load_for(fs, options);
  if (cache.discarded())
    reporter.note("构建缓存校验失败，已丢弃 (build cache failed its check; discarded)");
  std::string cache_key;
  if (cache.enabled()) {
    // The common no-op first, from the ref files alone; any doubt goes to libgit2 below. A
    // revision already looked up is not looked up again: that would stat every output twice.
    if (auto previous = cache.up_to_date_at_ref_files(fs, options, cache_key))
      return std::move(*previous);
    const std::string looked_up = cache_key;
    auto repo = open_repository(options.repo_path);
    if (!repo) return fatal(repo.error());
    auto revision = (*repo)->resolve_commit(options.rev);
    if (!revision) return fatal(revision.error());
    cache_key = BuildCache::key_of(options, *revision);
    if (cache_key != looked_up) {
      if (auto previous = cache.up_to_date(fs, cache_key, options.now, options))
        return std::move(*previous);
    }
  }

  GateOptions gate_options;
  gate_options.repo_path = options.repo_path;
  gate_options.rev = options.rev;
  gate_options.introduction = options.introduction;
  gate_options.insecure_no_introduction = options.insecure_no_introduction;
  gate_options.cache_dir = options.cache_dir;
  gate_options.no_cache = options.no_cache;
  gate_options.now = options.now;
  gate_options.strict = options.strict;
  gate_options.jobs = std::max(1, options.jobs);
  gate_options.prepare_pages = true;
  if (!options.shard.whole()) {
    const ShardSpec shard = options.shard;
    gate_options.page_filter = [shard](std::string_view path) { return in_shard(path, shard); };
  }
  auto gate_or = Gate::open(gate_options, fs, reporter);
  if (!gate_or) return fatal(gate_or.error());
  Gate& gate = **gate_or;
  Repository& repo = gate.repo();
  const std::string& rev = gate.revision();
  result.revision = rev;
  result.checks_run = gate.config().checker->rule_ids();
  result.rules_digest = gate.config().checker->rules_digest();
  gate.release_history_commits();
  // Every signature was verified while the gate opened; deciding pages reads only the ledger.
  result.signatures_verified = gate.signatures().misses();
  result.signatures_cached = gate.signatures().hits();
  // A cache that cannot be written only costs the next build time.
  if (auto s = gate.save_cache(fs); !s) reporter.note(s.error().describe());
  gate.release_signature_verdicts();
  // Hand the freed pages back: with glibc's allocator the worker threads allocate in arenas of
  // their own and would not reuse them. (mimalloc, which sanshen-engine links, returns
  // free pages by itself; there these calls find nothing to do.)
  malloc_trim(0);

  auto theme = load_site_theme(repo, rev);
  if (!theme) return fatal(theme.error());

  SiteInput site;
  site.config = gate.config().site;
  site.sections = gate.config().sections;
  site.build_time = iso8601_utc(options.build_time);

  // Decide and render every page in parallel (each worker reads git through its own handle),
  // then assemble in path order so the output does not depend on scheduling.
  const auto& pages = gate.pages();
  const int jobs = std::max(1, options.jobs);
  // Each worker boils its page's decision down to what the result and the site need at once,
  // so the evaluated sources of ten thousand pages are never held together. Published pages go
  // straight into a slot per page of the final lists, compacted in place afterwards: a second
  // copy of every page's metadata would be the build's peak on a large site.
  struct Decided {
    std::optional<Error> error;
    std::vector<RefusedPage> refused;
    // Also whether slot i of site.pages holds the page: a build that is not a shard renders
    // every page it publishes.
    bool published = false;
    std::vector<int64_t> time_events;
  };
  std::vector<Decided> decided(pages.size());
  if (!sharded) site.pages.resize(pages.size());
  result.published.resize(pages.size());
  std::atomic<size_t> done{0};
  gate.finish_preparing();
  parallel_for(pages.size(), jobs, [&](size_t i, int worker) {
    Repository& r = gate.repo(worker);
    const TreeEntry& entry = pages[i];
    Decided& out = decided[i];
    auto decision = gate.decide_page(i, r, /*keep_current=*/false);
    if (worker == 0) reporter.progress("pages", done.load() + 1, pages.size());
    ++done;
    if (!decision) {
      out.error = decision.error();
      return;
    }
    out.time_events = std::move(decision->time_events);
    if (!decision->current.approved)
      out.refused.push_back({entry.path, entry.blob, std::move(decision->current.reasons),
                             std::move(decision->current.findings)});
    if (!decision->live) return;
    BlobEvaluation& live = *decision->live;
    // A shard only decides; `manifest merge` renders.
    if (!sharded) {
      auto html = render_markdown(live.source.body);
      if (!html) {
        out.refused.push_back(
            {entry.path, live.blob, {{"page.invalid", html.error().describe()}}, {}});
        return;
      }
      site.pages[i] =
          SitePage{entry.path, decision->section, slug_of(entry.path, decision->section),
                   std::move(live.source.meta), std::move(*html)};
    }
    PublishedPage& page = result.published[i];
    page.path = entry.path;
    page.blob = live.blob;
    page.fallback = live.blob != entry.blob;
    page.approvals = std::move(live.approvals);
    for (auto& f : live.findings)
      if (f.severity == Severity::kWarning) page.warnings.push_back(std::move(f));
    out.published = true;
  });

  // Merging and rendering need neither the history nor the ledger: free them before the
  // site's largest structures (lists, search index) are built.
  gate_or->reset();
  malloc_trim(0);

  std::vector<int64_t> time_events;
  std::size_t published = 0;
  for (std::size_t i = 0; i < decided.size(); ++i) {
    Decided& d = decided[i];
    if (d.error) return fatal(*d.error);
    time_events.insert(time_events.end(), d.time_events.begin(), d.time_events.end());
    for (auto& r : d.refused) result.refused.push_back(std::move(r));
    if (!d.published) continue;
    // Slot i moves down to the next free place; before the first gap that is i itself.
    if (published != i) {
      result.published[published] = std::move(result.published[i]);
      if (!sharded) site.pages[published] = std::move(site.pages[i]);
    }
    ++published;
  }
  result.published.resize(published);
  if (!sharded) site.pages.resize(published);
  std::vector<Decided>().swap(decided);

  if (sharded) {
    result.theme_digest = theme_digest(*theme);
    const std::string state = build_state_json(state_of(options, options.shard, result), jobs);
    const std::string tmp = options.shard_state_path + ".sanshen-new";
    if (auto s = fs.write_file(tmp, state); !s) return fatal(s.error());
    if (auto s = fs.rename(tmp, options.shard_state_path); !s) return fatal(s.error());
  } else {
    auto publish_repo = open_repository(options.repo_path);
    if (!publish_repo) return fatal(publish_repo.error());
    auto stamps = publish_site(options, **publish_repo, result.revision, *theme, std::move(site),
                               result, cache.enabled() ? &cache : nullptr, fs);
    if (!stamps) return fatal(stamps.error());
    // A cache that cannot be written only costs the next build time.
    if (auto s = cache.save(fs, cache_key, TimeWindow::around(options.now, time_events), options,
                            result, *stamps);
        !s)
      reporter.note(s.error().describe());
  }
  return result;
}

}  // namespace sanshen
