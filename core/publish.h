// The second half of a build: from the pages decided for publication to the site and manifest
// on disk. `build` and `manifest merge` both end here, so a merged site is byte for byte the
// site a single build writes.
#pragma once

#include <string>
#include <vector>

#include "core/build.h"
#include "core/build_cache.h"
#include "core/file_system.h"
#include "core/git_repo.h"
#include "core/result.h"
#include "core/site.h"
#include "core/templates.h"

namespace sanshen {

// The default theme with the site's overrides from `.sanshen/theme/` at `rev`.
Result<Theme> load_site_theme(Repository& repo, const std::string& rev);

// content/<section>/<slug>.md → slug
std::string slug_of(const std::string& path, const std::string& section);

// Reads, parses and renders the live blob of each published page (on `jobs` threads with their
// own repository handles). Any failure is an error: these blobs were already decided on.
Result<std::vector<SitePage>> load_site_pages(const std::string& repo_path, Repository& repo,
                                              const std::vector<PublishedPage>& published,
                                              int jobs);

// Renders `site` (pages in the order of result.published), reads the attachments it links,
// records every output's digest in `result`, and writes site and manifest. With a cache that
// knows the previous build of this output directory, only files whose bytes changed are
// rewritten (each replaced atomically, the manifest last); otherwise the site is written to a
// fresh directory that replaces the old one in one rename. Returns each output's stamp as
// written (same order as result.outputs), for the build cache.
Result<std::vector<FileStamp>> publish_site(const BuildOptions& options, Repository& repo,
                                            const std::string& rev, const Theme& theme,
                                            SiteInput site, BuildResult& result,
                                            BuildCache* cache, FileSystem& fs);

}  // namespace sanshen
