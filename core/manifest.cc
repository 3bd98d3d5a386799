#include "core/manifest.h"

#include <nlohmann/json.hpp>

#include "core/build_report.h"
#include "core/json_forms.h"

namespace sanshen {

using nlohmann::json;

std::string manifest_json(const BuildOptions& options, const BuildResult& result) {
  json subjects = json::array();
  for (const auto& o : result.outputs)
    subjects.push_back({{"name", o.path}, {"digest", {{"sha256", o.sha256}}}});

  json pages = json::array();
  for (const auto& p : result.published) {
    json reviews = json::array();
    for (const auto& a : p.approvals) {
      reviews.push_back({{"level", a.level},
                         {"commit", a.commit},
                         {"reviewer", a.reviewer_id},
                         {"name", a.reviewer_name},
                         {"title", a.reviewer_title},
                         {"key", a.fingerprint},
                         {"time", iso8601_utc(a.time)},
                         {"opinion", a.opinion}});
    }
    json warnings = json::array();
    for (const auto& f : p.warnings) warnings.push_back(finding_json(f));
    pages.push_back({{"path", p.path},
                     {"blob", p.blob},
                     {"fallback", p.fallback},
                     {"outputs", p.outputs},
                     {"reviews", reviews},
                     {"checks", {{"errors", 0}, {"warnings", warnings}}}});
  }
  json refused = json::array();
  for (const auto& r : result.refused) refused.push_back(refused_json(r));

  json statement = {
      {"_type", "https://in-toto.io/Statement/v1"},
      {"subject", subjects},
      {"predicateType", kManifestPredicateType},
      {"predicate",
       {{"build",
         {{"repository", options.repo_path},
          {"revision", result.revision},
          {"introduction", options.introduction.empty() ? json(nullptr) : json(options.introduction)},
          {"insecure_no_introduction", options.insecure_no_introduction},
          {"tool", {{"name", "sanshen"}, {"version", SANSHEN_VERSION}}},
          {"checks", result.checks_run},
          {"rules_digest", result.rules_digest},
          {"theme_digest", result.theme_digest},
          {"time", iso8601_utc(options.build_time)}}},
        {"pages", pages},
        {"refused", refused}}}};
  return statement.dump(2) + "\n";
}

}  // namespace sanshen
