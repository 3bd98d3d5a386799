#include "core/sarif.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/checks/rule_ids.h"

namespace sanshen {
namespace {

std::string level_of(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kOff:
      break;
  }
  return "none";
}

nlohmann::json rule_json(std::string_view id, Severity level, std::string_view summary) {
  return {{"id", id},
          {"name", id},
          {"shortDescription", {{"text", summary}}},
          {"defaultConfiguration", {{"level", level_of(level)}}}};
}

}  // namespace

std::string findings_sarif(const std::vector<Finding>& findings) {
  nlohmann::json rules = nlohmann::json::array();
  std::map<std::string, std::size_t> index;
  for (const RuleInfo& r : kRules) {
    index[std::string(r.id)] = rules.size();
    rules.push_back(rule_json(r.id, r.default_severity, r.summary));
  }
  nlohmann::json results = nlohmann::json::array();
  for (const Finding& f : findings) {
    auto it = index.find(f.rule);
    if (it == index.end()) {
      // page.invalid and any other id outside §5's table: still a rule the results can name.
      it = index.emplace(f.rule, rules.size()).first;
      rules.push_back(rule_json(f.rule, Severity::kError,
                                f.rule == "page.invalid" ? "文件无法读取 (unreadable file)" : f.rule));
    }
    nlohmann::json region = {{"startLine", std::max(f.line, 1)}, {"startColumn", std::max(f.col, 1)}};
    if (!f.text.empty()) region["snippet"] = {{"text", f.text}};
    results.push_back(
        {{"ruleId", f.rule},
         {"ruleIndex", it->second},
         {"level", level_of(f.severity)},
         {"message", {{"text", f.message}}},
         {"locations",
          {{{"physicalLocation",
             {{"artifactLocation", {{"uri", f.path}, {"uriBaseId", "%SRCROOT%"}}},
              {"region", region}}}}}}});
  }
  const nlohmann::json sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       {{{"tool",
          {{"driver",
            {{"name", "sanshen"},
             {"version", SANSHEN_VERSION},
             {"rules", rules}}}}},
         {"columnKind", "unicodeCodePoints"},
         {"results", results}}}}};
  return sarif.dump(2) + "\n";
}

}  // namespace sanshen
