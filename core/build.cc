#include "core/build.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <map>
#include <memory>
#include <set>

#include "core/build_report.h"
#include "core/gate.h"
#include "core/git_repo.h"
#include "core/hash.h"
#include "core/manifest.h"
#include "core/markdown.h"
#include "core/parallel.h"
#include "core/site.h"
#include "core/templates.h"

namespace sanshen {
namespace {

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
  auto gate_or = Gate::open(gate_options, fs, reporter);
  if (!gate_or) return fatal(gate_or.error());
  Gate& gate = **gate_or;
  Repository& repo = gate.repo();
  const std::string& rev = gate.revision();
  result.revision = rev;
  result.checks_run = gate.config().checker->rule_ids();
  result.rules_digest = gate.config().checker->rules_digest();

  auto theme = load_site_theme(repo, rev);
  if (!theme) return fatal(theme.error());
  result.theme_digest = theme_digest(*theme);

  SiteInput site;
  site.config = gate.config().site;
  site.sections = gate.config().sections;
  site.build_time = iso8601_utc(options.build_time);
  std::map<std::string, size_t> published_index;  // path -> index in result.published
  std::set<std::string> static_refs;

  // Decide and render every page in parallel (each worker reads git through its own handle),
  // then assemble in path order so the output does not depend on scheduling.
  const auto& pages = gate.pages();
  const int jobs = std::max(1, options.jobs);
  std::vector<std::unique_ptr<Repository>> handles;
  for (int w = 1; w < jobs; ++w) {
    auto handle = open_repository(options.repo_path);
    if (!handle) return fatal(handle.error());
    handles.push_back(std::move(*handle));
  }
  std::vector<std::optional<Result<PageDecision>>> decisions(pages.size());
  std::vector<std::optional<Result<std::string>>> bodies(pages.size());
  std::atomic<size_t> done{0};
  parallel_for(pages.size(), jobs, [&](size_t i, int worker) {
    Repository& r = worker == 0 ? repo : *handles[worker - 1];
    decisions[i] = gate.decide(pages[i], r);
    if (*decisions[i] && (*decisions[i])->live)
      bodies[i] = render_markdown((*decisions[i])->live->source.body);
    if (worker == 0) reporter.progress("pages", done.load() + 1, pages.size());
    ++done;
  });

  for (size_t i = 0; i < pages.size(); ++i) {
    const TreeEntry& entry = pages[i];
    auto& decision = *decisions[i];
    if (!decision) return fatal(decision.error());
    if (!decision->current.approved)
      result.refused.push_back(
          {entry.path, entry.blob, decision->current.reasons, decision->current.findings});
    if (!decision->live) continue;
    BlobEvaluation& live = *decision->live;

    auto& html = *bodies[i];
    if (!html) {
      result.refused.push_back({entry.path, live.blob, {{"page.invalid", html.error().describe()}}, {}});
      continue;
    }
    collect_static_refs(live.source.meta, *html, static_refs);
    PublishedPage page;
    page.path = entry.path;
    page.blob = live.blob;
    page.fallback = live.blob != entry.blob;
    page.approvals = live.approvals;
    for (auto& f : live.findings)
      if (f.severity == Severity::kWarning) page.warnings.push_back(std::move(f));
    published_index[entry.path] = result.published.size();
    result.published.push_back(std::move(page));
    site.pages.push_back({entry.path, decision->section, slug_of(entry.path, decision->section),
                          std::move(live.source.meta), std::move(*html)});
  }
  result.signatures_verified = gate.signatures().misses();
  result.signatures_cached = gate.signatures().hits();

  // Attachments are read before rendering so their lists can show sizes.
  std::vector<OutputFile> attachments;
  for (const auto& ref : static_refs) {
    auto blob = repo.blob_at(rev, ref);
    if (!blob) return fatal(blob.error());
    if (!*blob) continue;  // a dangling link is the page's problem, not a build failure
    auto data = repo.read_blob(**blob);
    if (!data) return fatal(data.error());
    site.static_sizes[ref] = data->size();
    attachments.push_back({ref, std::move(*data)});
  }

  auto rendered = render_site(site, *theme);
  if (!rendered) return fatal(rendered.error());
  std::vector<OutputFile> files = std::move(rendered->files);
  for (const auto& [source, outs] : rendered->page_outputs) {
    auto it = published_index.find(source);
    if (it != published_index.end()) result.published[it->second].outputs = outs;
  }
  std::move(attachments.begin(), attachments.end(), std::back_inserter(files));
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
  if (auto s = gate.save_cache(fs); !s) reporter.note(s.error().describe());
  return result;
}

}  // namespace sanshen
