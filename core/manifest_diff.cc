#include "core/manifest_diff.h"

#include <map>
#include <nlohmann/json.hpp>

namespace sanshen {

using nlohmann::json;

namespace {

json reviews_json(const std::vector<ManifestReview>& reviews) {
  json out = json::array();
  for (const auto& r : reviews)
    out.push_back({{"level", r.level},
                   {"reviewer", r.reviewer},
                   {"name", r.name},
                   {"title", r.title},
                   {"key", r.key},
                   {"time", r.time},
                   {"commit", r.commit},
                   {"opinion", r.opinion}});
  return out;
}

json page_json(const ManifestPage& p) {
  return {{"path", p.path},
          {"blob", p.blob},
          {"fallback", p.fallback},
          {"outputs", p.outputs},
          {"reviews", reviews_json(p.reviews)}};
}

std::string short_id(const std::string& id) { return id.substr(0, 10); }

std::string approvals_text(const ManifestPage& p) {
  std::string out;
  for (const auto& r : p.reviews) {
    out += "      " + r.level + "  " + r.name + (r.title.empty() ? "" : "（" + r.title + "）") + " " +
           r.reviewer + "  " + r.time + "  " + short_id(r.commit) + "  " + r.key + "\n";
    if (!r.opinion.empty()) out += "        意见 (opinion): " + r.opinion + "\n";
  }
  return out;
}

}  // namespace

ManifestDiff diff_manifests(const Manifest& old_manifest, const Manifest& new_manifest) {
  ManifestDiff d;
  d.old_revision = old_manifest.revision;
  d.new_revision = new_manifest.revision;
  std::map<std::string, const ManifestPage*> before, after;
  for (const auto& p : old_manifest.pages) before[p.path] = &p;
  for (const auto& p : new_manifest.pages) after[p.path] = &p;
  for (const auto& [path, page] : after) {
    auto it = before.find(path);
    if (it == before.end()) d.added.push_back(*page);
    else if (it->second->blob != page->blob) d.changed.push_back({*it->second, *page});
  }
  for (const auto& [path, page] : before)
    if (!after.count(path)) d.removed.push_back(*page);

  // Subjects are sorted by name (parse_manifest), so one merge pass compares them.
  const auto& a = old_manifest.subjects;
  const auto& b = new_manifest.subjects;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].name < b[j].name)) {
      d.files_removed.push_back(a[i++].name);
    } else if (i == a.size() || b[j].name < a[i].name) {
      d.files_added.push_back(b[j++].name);
    } else {
      if (a[i].sha256 != b[j].sha256) d.files_changed.push_back(b[j].name);
      ++i, ++j;
    }
  }
  return d;
}

std::string manifest_diff_json(const ManifestDiff& d) {
  json added = json::array(), changed = json::array(), removed = json::array();
  for (const auto& p : d.added) added.push_back(page_json(p));
  for (const auto& c : d.changed)
    changed.push_back({{"path", c.after.path},
                       {"old_blob", c.before.blob},
                       {"new_blob", c.after.blob},
                       {"fallback", c.after.fallback},
                       {"outputs", c.after.outputs},
                       {"reviews", reviews_json(c.after.reviews)}});
  for (const auto& p : d.removed) removed.push_back(page_json(p));
  json out = {{"old_revision", d.old_revision},
              {"new_revision", d.new_revision},
              {"added", added},
              {"changed", changed},
              {"removed", removed},
              {"files",
               {{"added", d.files_added}, {"changed", d.files_changed}, {"removed", d.files_removed}}}};
  return out.dump(2) + "\n";
}

std::string manifest_diff_text(const ManifestDiff& d) {
  std::string out = "发布变更 (deploy changes) " + short_id(d.old_revision) + " → " +
                    short_id(d.new_revision) + "\n";
  out += "新增 (added) " + std::to_string(d.added.size()) + " 页，修改 (changed) " +
         std::to_string(d.changed.size()) + " 页，下线 (removed) " + std::to_string(d.removed.size()) +
         " 页；文件 (files) +" + std::to_string(d.files_added.size()) + " ~" +
         std::to_string(d.files_changed.size()) + " -" + std::to_string(d.files_removed.size()) + "\n";
  for (const auto& p : d.added) {
    out += "  新增 (added) " + p.path + " @ " + short_id(p.blob) + "\n" + approvals_text(p);
  }
  for (const auto& c : d.changed) {
    out += "  修改 (changed) " + c.after.path + " " + short_id(c.before.blob) + " → " +
           short_id(c.after.blob) + (c.after.fallback ? "（保留旧版 fallback）" : "") + "\n" +
           approvals_text(c.after);
  }
  for (const auto& p : d.removed) out += "  下线 (removed) " + p.path + " @ " + short_id(p.blob) + "\n";
  return out;
}

}  // namespace sanshen
