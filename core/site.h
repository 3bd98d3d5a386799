// The site: which pages exist at which URLs, and the views the theme renders (design §7).
// Pure: no file system, no clock; the build decides which pages are published and writes files.
//
// URLs (pretty, stable; links between pages are relative so the site works under any prefix):
//   index.html                          home: each section with its latest items
//   <section>/index.html                section list, newest first, 20 per page
//   <section>/page/<n>/index.html       further list pages (n ≥ 2)
//   <section>/<slug>/index.html         article
//   sitemap/index.html                  网站地图 (every section and its list pages)
//   search/index.html, search/index.js  站内搜索 and its index (core/search_index.h)
//   404.html                            not found; links are root-absolute (from base_url's path)
//                                       because a server shows it at any depth
//   sitemap.xml, rss.xml                absolute URLs from base_url
//   assets/...                          theme assets (css, js)
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/front_matter.h"
#include "core/result.h"
#include "core/site_config.h"
#include "core/templates.h"

namespace sanshen {

struct SiteSection {
  std::string id;  // directory name
  SectionMeta meta;
};

struct SitePage {
  std::string source_path;  // content/<section>/<slug>.md
  std::string section, slug;
  PageMeta meta;
  std::string body_html;  // from render_markdown; inserted unescaped
};

struct OutputFile {
  std::string path;  // relative to the site root, '/'-separated
  std::string content;
};

struct SiteInput {
  SiteConfig config;
  std::vector<SiteSection> sections;
  std::vector<SitePage> pages;  // the pages to publish (embargo and withdrawal already applied)
  std::string build_time;       // ISO-8601 UTC from SOURCE_DATE_EPOCH, for RSS lastBuildDate; may be ""
  // Byte size of each static file a page references, by repository path ("static/a/b.pdf"),
  // shown next to attachments; a file missing here is listed without a size.
  std::map<std::string, std::uint64_t> static_sizes;
};

using PageOutputs = std::map<std::string, std::vector<std::string>>;  // source_path -> outputs

struct SiteOutput {
  std::vector<OutputFile> files;  // sorted by path
  PageOutputs page_outputs;
};

// Receives each output file as soon as it is rendered; an error stops the rendering.
using OutputSink = std::function<Status(const std::string& path, std::string content)>;

inline constexpr std::size_t kItemsPerListPage = 20;
inline constexpr std::size_t kItemsPerHomeSection = 8;
inline constexpr std::size_t kItemsInFeed = 50;

// Same input, same bytes. Errors "site.invalid" (a page in a section without _index.md, a
// section id or slug that is not a single path segment, two outputs at one path) or
// "theme.invalid".
Result<SiteOutput> render_site(const SiteInput& input, const Theme& theme);
// The same files, streamed to `sink` in rendering order, so a large site is never held whole.
// List and article pages and the search index are built on `jobs` threads; the sink is always
// called from the calling thread, in the same order whatever `jobs` is.
Result<PageOutputs> render_site(const SiteInput& input, const Theme& theme, const OutputSink& sink,
                                int jobs = 1);

}  // namespace sanshen
