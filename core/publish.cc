#include "core/publish.h"

#include <malloc.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/background_consumer.h"
#include "core/hash.h"
#include "core/manifest.h"
#include "core/markdown.h"
#include "core/parallel.h"
#include "core/review_chain.h"

namespace sanshen {
namespace {

// Static files a published page points at: its `attachments` and /static/ links in its body.
void collect_static_refs(const PageMeta& meta, const std::string& html,
                         std::set<std::string>& out) {
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

// The fresh directory a full build writes into, beside the output directory.
std::string staging_of(const std::string& out_dir) {
  return without_trailing_slashes(out_dir) + ".sanshen-new";
}

// Swaps the fully written staging directory in, so a failed build never leaves a half-written
// site where the old one was.
Status swap_in(FileSystem& fs, const std::string& out_dir) {
  const std::string dir = without_trailing_slashes(out_dir);
  const std::string previous = dir + ".sanshen-old";
  if (auto s = fs.remove_all(previous); !s) return s;
  if (fs.exists(dir)) {
    if (auto s = fs.rename(dir, previous); !s) return s;
  }
  if (auto s = fs.rename(staging_of(out_dir), dir); !s) return s;
  return fs.remove_all(previous);
}

// Moves the files whose bytes changed from the staging directory into place, and removes the
// outputs no longer produced. Each file is replaced by a rename, so a reader sees the old or
// the new bytes.
Status move_changed(FileSystem& fs, const std::string& out_dir, const std::string& staging,
                    const std::vector<std::string>& changed,
                    const std::vector<OutputDigest>& current,
                    const std::vector<std::string_view>& previous) {
  const std::string dir = without_trailing_slashes(out_dir);
  // A rename keeps the file's size, modification time and inode: the stamps as written.
  for (const auto& path : changed)
    if (auto s = fs.move_file(staging + "/" + path, dir + "/" + path); !s) return s;
  // `current` is in path order: searched in place, not copied into a set (100,000 paths).
  auto produced = [&](std::string_view p) {
    auto it =
        std::lower_bound(current.begin(), current.end(), p,
                         [](const OutputDigest& o, std::string_view q) { return o.path < q; });
    return it != current.end() && it->path == p;
  };
  std::set<std::string, std::greater<>> emptied;  // deepest first
  for (const auto& p : previous) {
    if (produced(p)) continue;
    if (auto s = fs.remove_all(dir + "/" + std::string(p)); !s) return s;
    for (std::size_t slash = p.rfind('/'); slash != std::string::npos && slash > 0;
         slash = p.rfind('/', slash - 1))
      emptied.insert(std::string(p.substr(0, slash)));
  }
  for (const auto& d : emptied) fs.remove_if_empty_dir(dir + "/" + d);
  return fs.remove_all(staging);  // only directories are left there
}

// Printed straight into the file: a large site's manifest is never held whole.
Status write_manifest_file(FileSystem& fs, const std::string& path, const BuildOptions& options,
                           const BuildResult& result) {
  auto file = fs.open_for_writing(path);
  if (!file) return file.error();
  FileWriter& writer = **file;
  if (auto s = write_manifest(options, result,
                              [&](std::string_view bytes) { return writer.write(bytes); });
      !s)
    return s;
  return writer.close();
}

}  // namespace

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

Result<std::vector<SitePage>> load_site_pages(const std::string& repo_path, Repository& repo,
                                              const std::vector<PublishedPage>& published,
                                              int jobs) {
  jobs = std::max(1, jobs);
  auto handles = open_repositories(repo_path, jobs - 1);
  if (!handles) return handles.error();
  std::vector<std::optional<Result<SitePage>>> pages(published.size());
  parallel_for(published.size(), jobs, [&](std::size_t i, int worker) {
    Repository& r = worker == 0 ? repo : *(*handles)[worker - 1];
    const PublishedPage& p = published[i];
    pages[i] = [&]() -> Result<SitePage> {
      auto text = r.read_blob(p.blob);
      if (!text) return text.error();
      auto source = parse_page(*text, p.path);
      if (!source) return source.error();
      auto html = render_markdown(source->body);
      if (!html) return html.error();
      const std::string section = section_of(p.path);
      return SitePage{p.path, section, slug_of(p.path, section), std::move(source->meta),
                      std::move(*html)};
    }();
  });
  std::vector<SitePage> out;
  out.reserve(pages.size());
  for (auto& p : pages) {
    if (!*p) return p->error();
    out.push_back(std::move(**p));
  }
  return out;
}

Result<std::vector<FileStamp>> publish_site(const BuildOptions& options, Repository& repo,
                                            const std::string& rev, const Theme& theme,
                                            SiteInput site, BuildResult& result, BuildCache* cache,
                                            FileSystem& fs) {
  result.theme_digest = theme_digest(theme);
  std::set<std::string> static_refs;
  for (const auto& p : site.pages) collect_static_refs(p.meta, p.body_html, static_refs);

  // Attachments are read before rendering so their lists can show sizes.
  std::vector<OutputFile> attachments;
  for (const auto& ref : static_refs) {
    auto blob = repo.blob_at(rev, ref);
    if (!blob) return blob.error();
    if (!*blob) continue;  // a dangling link is the page's problem, not a build failure
    auto data = repo.read_blob(**blob);
    if (!data) return data.error();
    site.static_sizes[ref] = data->size();
    attachments.push_back({ref, std::move(*data)});
  }

  // Files stream out of the renderer into the staging directory beside the site: a full build
  // writes each there, an incremental one only those whose bytes changed, to move them into
  // place once rendering has succeeded. The site is never held in memory, not even its changed
  // files (at 100,000 pages the search index alone is 80 MB, and every page changes it).
  const int jobs = std::max(1, options.jobs);
  BuildCache::IntactOutputs intact;
  if (cache && fs.exists(options.out_dir))
    intact = cache->intact_outputs(fs, options.out_dir, jobs);
  const bool incremental = !intact.empty();
  const std::string staging = staging_of(options.out_dir);
  if (auto s = fs.remove_all(staging); !s) return s.error();
  // Each output's digest and, once known, the stamp it was written with (or found intact with).
  struct Written {
    OutputDigest digest;
    std::optional<FileStamp> stamp;
  };
  std::vector<Written> written;
  std::vector<std::string> changed;  // paths
  // Hashing and writing run on their own thread, beside the rendering (the kernel's work for
  // ten thousand new files is as large as the rendering's).
  BackgroundConsumer<OutputFile> consumer([&](OutputFile f) -> Status {
    written.push_back({{f.path, sha256_hex(f.content)}, std::nullopt});
    Written& w = written.back();
    if (incremental) {
      if (auto stamp = intact.find(f.path, w.digest.sha256)) {
        w.stamp = *stamp;
        return ok_status();
      }
      changed.push_back(f.path);
    }
    auto stamp = fs.write_file_stamped(staging + "/" + f.path, f.content);
    if (!stamp) return stamp.error();
    w.stamp = *stamp;
    return ok_status();
  });
  OutputSink sink = [&](const std::string& path, std::string content) -> Status {
    const std::size_t size = content.size();
    return consumer.push(OutputFile{path, std::move(content)}, size);
  };
  auto fail = [&](Error e) {
    (void)consumer.finish();
    (void)fs.remove_all(staging);
    return e;
  };
  auto page_outputs = render_site(site, theme, sink, jobs);
  if (!page_outputs) return fail(page_outputs.error());
  site.pages.clear();
  for (auto& a : attachments) {
    const std::size_t size = a.content.size();
    if (auto s = consumer.push(std::move(a), size); !s) return fail(s.error());
  }
  attachments.clear();
  if (auto s = consumer.finish(); !s) return fail(s.error());
  // The renderer's free memory goes back to the system before the manifest is printed (glibc's
  // allocator keeps it otherwise; mimalloc returns it by itself).
  malloc_trim(0);

  std::map<std::string, std::size_t> published_index;
  for (std::size_t i = 0; i < result.published.size(); ++i)
    published_index[result.published[i].path] = i;
  for (const auto& [source, outs] : *page_outputs) {
    auto it = published_index.find(source);
    if (it != published_index.end()) result.published[it->second].outputs = outs;
  }
  std::sort(written.begin(), written.end(),
            [](const Written& a, const Written& b) { return a.digest.path < b.digest.path; });
  result.outputs.clear();
  result.outputs.reserve(written.size());
  for (const Written& w : written) result.outputs.push_back(w.digest);

  // Manifest staged first, site written, then the manifest: a failure leaves the previous
  // manifest in place, and `verify` against it reports any file already replaced.
  const std::string manifest_tmp = options.manifest_path + ".sanshen-new";
  if (auto s = write_manifest_file(fs, manifest_tmp, options, result); !s) {
    (void)fs.remove_all(manifest_tmp);
    return fail(s.error());
  }
  if (incremental) {
    const std::vector<std::string_view> previous = cache->previous_outputs(options.out_dir);
    if (auto s = cache->invalidate(fs); !s) return s.error();
    if (auto s = move_changed(fs, options.out_dir, staging, changed, result.outputs, previous);
        !s) {
      (void)fs.remove_all(manifest_tmp);
      return s.error();
    }
    result.files_written = changed.size();
  } else {
    if (auto s = swap_in(fs, options.out_dir); !s) {
      (void)fs.remove_all(manifest_tmp);
      return fail(s.error());
    }
    result.files_written = result.outputs.size();
  }
  if (auto s = fs.rename(manifest_tmp, options.manifest_path); !s) return s.error();
  std::vector<FileStamp> stamps;
  stamps.reserve(written.size());
  for (const Written& w : written) stamps.push_back(w.stamp.value_or(FileStamp{}));
  return stamps;
}

}  // namespace sanshen
