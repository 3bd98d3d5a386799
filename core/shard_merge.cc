#include "core/shard_merge.h"

#include <map>
#include <optional>

#include "core/build_report.h"
#include "core/build_state.h"
#include "core/gate.h"
#include "core/git_repo.h"
#include "core/publish.h"

namespace sanshen {
namespace {

Error mismatch(const std::string& path, const std::string& field) {
  return make_error("shard.mismatch",
                    "分片状态与其他分片不属于同一次构建 (shard state is from another build): " +
                        field + " 不同 (differs)",
                    path);
}

// The first field in which `s` differs from `first`, or "".
std::string differing_field(const BuildState& first, const BuildState& s) {
  if (s.shard.count != first.shard.count) return "shard count";
  if (s.repository != first.repository) return "repository";
  if (s.result.revision != first.result.revision) return "revision";
  if (s.introduction != first.introduction ||
      s.insecure_no_introduction != first.insecure_no_introduction)
    return "introduction";
  if (s.strict != first.strict) return "strict";
  if (s.build_time != first.build_time) return "build_time";
  if (s.now != first.now) return "now";
  if (s.result.rules_digest != first.result.rules_digest ||
      s.result.checks_run != first.result.checks_run)
    return "rules";
  if (s.result.theme_digest != first.result.theme_digest) return "theme";
  return "";
}

}  // namespace

BuildResult run_merge(const MergeOptions& options, FileSystem& fs, Reporter& reporter) {
  BuildResult result;
  auto fatal = [&](Error e) {
    result = BuildResult{};
    result.fatal = std::move(e);
    return result;
  };
  if (options.state_paths.empty())
    return fatal(make_error("shard.incomplete", "没有分片状态文件 (no shard states given)"));

  std::vector<BuildState> states;
  for (const auto& path : options.state_paths) {
    auto text = fs.read_file(path);
    if (!text) return fatal(text.error());
    auto state = parse_build_state(*text, path);
    if (!state) return fatal(state.error());
    if (!states.empty()) {
      if (auto field = differing_field(states.front(), *state); !field.empty())
        return fatal(mismatch(path, field));
    }
    states.push_back(std::move(*state));
  }
  const BuildState& first = states.front();
  const int count = first.shard.count;
  std::vector<int> state_of_shard(count + 1, -1);
  for (std::size_t i = 0; i < states.size(); ++i) {
    int& slot = state_of_shard[states[i].shard.index];
    if (slot >= 0)
      return fatal(make_error("shard.incomplete",
                              "分片 " + shard_text(states[i].shard) + " 重复 (shard given twice)",
                              options.state_paths[i]));
    slot = static_cast<int>(i);
  }
  for (int i = 1; i <= count; ++i)
    if (state_of_shard[i] < 0)
      return fatal(make_error("shard.incomplete",
                              "缺少分片 (shard missing) " + shard_text(ShardSpec{i, count})));

  auto repo = open_repository(options.repo_path);
  if (!repo) return fatal(repo.error());
  const std::string rev = first.result.revision;
  auto content = (*repo)->list_tree(rev, "content");
  if (!content) return fatal(content.error());

  // Each page of the revision, in the order a single build goes through them, must have been
  // decided by its own shard; the decisions are gathered in that order.
  // Pointers into the states: each decision is moved out once, so a large site's approvals
  // are not held twice.
  struct Decided {
    std::vector<PublishedPage*> published;
    std::vector<RefusedPage*> refused;
  };
  std::map<std::string, Decided> decided;
  for (std::size_t i = 0; i < states.size(); ++i) {
    auto check = [&](const std::string& path) -> std::optional<Error> {
      if (in_shard(path, states[i].shard) && is_page_path(path)) return std::nullopt;
      return make_error("shard.incomplete",
                        "页面 " + path + " 不属于分片 " + shard_text(states[i].shard) +
                            " (page does not belong to this shard)",
                        options.state_paths[i]);
    };
    for (auto& p : states[i].result.published) {
      if (auto e = check(p.path)) return fatal(*e);
      decided[p.path].published.push_back(&p);
    }
    for (auto& r : states[i].result.refused) {
      if (auto e = check(r.path)) return fatal(*e);
      decided[r.path].refused.push_back(&r);
    }
  }
  BuildResult merged;
  merged.revision = rev;
  merged.checks_run = first.result.checks_run;
  merged.rules_digest = first.result.rules_digest;
  std::size_t pages = 0;
  for (const auto& e : *content) {
    if (!is_page_path(e.path)) continue;
    ++pages;
    auto it = decided.find(e.path);
    if (it == decided.end()) {
      int owner = 1;
      while (!in_shard(e.path, ShardSpec{owner, count})) ++owner;
      return fatal(make_error("shard.incomplete",
                              "页面未被其分片处理 (page missing from its shard): " + e.path,
                              options.state_paths[state_of_shard[owner]]));
    }
    for (auto* r : it->second.refused) merged.refused.push_back(std::move(*r));
    for (auto* p : it->second.published) merged.published.push_back(std::move(*p));
  }
  if (decided.size() != pages)
    return fatal(
        make_error("shard.incomplete",
                   "分片中有修订版本里不存在的页面 (shards name pages not in the revision)"));
  decided.clear();
  for (auto& s : states) {
    merged.signatures_verified += s.result.signatures_verified;
    merged.signatures_cached += s.result.signatures_cached;
    std::vector<PublishedPage>().swap(s.result.published);  // moved into `merged`
    std::vector<RefusedPage>().swap(s.result.refused);
  }

  BuildOptions build;
  build.repo_path = first.repository;
  build.rev = rev;
  build.out_dir = options.out_dir;
  build.manifest_path = options.manifest_path;
  build.introduction = first.introduction;
  build.insecure_no_introduction = first.insecure_no_introduction;
  build.strict = first.strict;
  build.build_time = first.build_time;
  build.now = first.now;
  build.jobs = options.jobs;

  auto setup = load_site_setup(**repo, rev, *content);
  if (!setup) return fatal(setup.error());
  auto theme = load_site_theme(**repo, rev);
  if (!theme) return fatal(theme.error());
  if (theme_digest(*theme) != first.result.theme_digest)
    return fatal(mismatch(options.state_paths.front(), "theme"));
  reporter.progress("pages", 0, merged.published.size());
  auto site_pages = load_site_pages(options.repo_path, **repo, merged.published, options.jobs);
  if (!site_pages) return fatal(site_pages.error());

  SiteInput site;
  site.config = std::move(setup->site);
  site.sections = std::move(setup->sections);
  site.build_time = iso8601_utc(build.build_time);
  site.pages = std::move(*site_pages);
  if (auto s = publish_site(build, **repo, rev, *theme, std::move(site), merged, nullptr, fs); !s)
    return fatal(s.error());
  return merged;
}

}  // namespace sanshen
