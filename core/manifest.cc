#include "core/manifest.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/build_report.h"
#include "core/json_forms.h"
#include "core/json_splice.h"
#include "core/object_id.h"

namespace sanshen {

using nlohmann::json;

namespace {

json waivers_json(const std::vector<ReviewAttempt>& approvals) {
  json out = json::array();
  for (const auto& a : approvals)
    for (const auto& w : a.waivers)
      out.push_back({{"rule", w.rule},
                     {"path", w.path},
                     {"line", w.line},
                     {"level", a.level},
                     {"commit", a.commit}});
  return out;
}

json page_json(const PublishedPage& p) {
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
  json findings = json::array();
  for (const auto& f : p.warnings) {
    json j = finding_json(f);
    // The manifest is kept and shared; personal data stays masked there.
    if (f.rule.starts_with("pii.")) j.erase("text");
    findings.push_back(std::move(j));
  }
  return {{"path", p.path},
          {"blob", p.blob},
          {"fallback", p.fallback},
          {"outputs", p.outputs},
          {"reviews", reviews},
          {"checks", {{"errors", 0}, {"warnings", p.warnings.size()}, {"findings", findings}}},
          {"waivers", waivers_json(p.approvals)}};
}

Error invalid(const std::string& path, const std::string& why) {
  return make_error("manifest.invalid", "溯源清单无效 (invalid manifest): " + why, path);
}

bool is_sha256_hex(const std::string& s) {
  return s.size() == 64 && is_lower_hex(s);
}

// A name `verify` may join to a directory or a URL without leaving it.
bool is_safe_name(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  for (char c : name)
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20) return false;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    std::string_view seg(name.data() + start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void print_manifest(const BuildOptions& options, const BuildResult& result, TextOut& out) {
  const int jobs = std::max(1, options.jobs);
  // The statement's small parts as a tree with placeholders for its three long arrays, which
  // are printed element by element and put in their place.
  const JsonSplice splice;
  json statement = {{"_type", kStatementType},
                    {"subject", splice.placeholder("subject")},
                    {"predicateType", kManifestPredicateType},
                    {"predicate",
                     {{"build",
                       {{"repository", options.repo_path},
                        {"revision", result.revision},
                        {"introduction",
                         options.introduction.empty() ? json(nullptr) : json(options.introduction)},
                        {"insecure_no_introduction", options.insecure_no_introduction},
                        {"tool", {{"name", "sanshen"}, {"version", SANSHEN_VERSION}}},
                        {"checks", result.checks_run},
                        {"rules_digest", result.rules_digest},
                        {"theme_digest", result.theme_digest},
                        {"time", iso8601_utc(options.build_time)}}},
                      {"pages", splice.placeholder("pages")},
                      {"refused", splice.placeholder("refused")}}}};
  const std::string skeleton = statement.dump(2) + "\n";
  // The placeholders in the order dump() prints them (keys sorted): predicate.pages,
  // predicate.refused, subject.
  splice.splice(
      skeleton,
      {{"pages",
        [&](TextOut& text) {
          append_json_array(text, result.published.size(), 4, jobs,
                            [&](std::size_t i) { return page_json(result.published[i]); });
        }},
       {"refused",
        [&](TextOut& text) {
          append_json_array(text, result.refused.size(), 4, jobs,
                            [&](std::size_t i) { return refused_json(result.refused[i]); });
        }},
       {"subject",
        [&](TextOut& text) {
          append_json_array(text, result.outputs.size(), 2, jobs, [&](std::size_t i) {
            const OutputDigest& o = result.outputs[i];
            return json{{"name", o.path}, {"digest", {{"sha256", o.sha256}}}};
          });
        }}},
      out);
}

}  // namespace

std::string manifest_json(const BuildOptions& options, const BuildResult& result) {
  TextOut out;
  print_manifest(options, result, out);
  return out.take();
}

Status write_manifest(const BuildOptions& options, const BuildResult& result,
                      std::function<Status(std::string_view)> writer) {
  TextOut out(std::move(writer));
  print_manifest(options, result, out);
  return out.finish();
}

const ManifestSubject* Manifest::subject(std::string_view name) const {
  auto it =
      std::lower_bound(subjects.begin(), subjects.end(), name,
                       [](const ManifestSubject& s, std::string_view n) { return s.name < n; });
  return it != subjects.end() && it->name == name ? &*it : nullptr;
}

namespace {

// nlohmann's accessors throw on a wrong type; parse_manifest turns that into manifest.invalid.
Result<Manifest> read_statement(const json& j, const std::string& path) {
  if (text_of(j, "_type") != kStatementType)
    return invalid(path, std::string("_type 应为 (must be) ") + kStatementType);
  if (text_of(j, "predicateType") != kManifestPredicateType)
    return invalid(path, std::string("predicateType 应为 (must be) ") + kManifestPredicateType);

  Manifest m;
  const json& subjects = j.value("subject", json());
  if (!subjects.is_array()) return invalid(path, "缺少 subject 列表 (no subject list)");
  for (const auto& s : subjects) {
    if (!s.is_object()) return invalid(path, "subject 项不是对象 (subject entry is not an object)");
    ManifestSubject subject{text_of(s, "name"),
                            text_of(s.value("digest", json::object()), "sha256")};
    if (!is_safe_name(subject.name))
      return invalid(path,
                     "subject 名称不安全 (unsafe subject name): " + subject.name.substr(0, 200));
    if (!is_sha256_hex(subject.sha256))
      return invalid(path,
                     "subject " + subject.name + " 的 sha256 摘要格式错误 (bad sha256 digest)");
    m.subjects.push_back(std::move(subject));
  }
  std::sort(m.subjects.begin(), m.subjects.end(),
            [](const ManifestSubject& a, const ManifestSubject& b) { return a.name < b.name; });
  for (size_t i = 1; i < m.subjects.size(); ++i)
    if (m.subjects[i].name == m.subjects[i - 1].name)
      return invalid(path, "subject 重复 (duplicate subject): " + m.subjects[i].name);

  const json& predicate = j.value("predicate", json());
  if (!predicate.is_object()) return invalid(path, "缺少 predicate (no predicate)");
  const json& build = predicate.value("build", json::object());
  m.repository = text_of(build, "repository");
  m.revision = text_of(build, "revision");
  m.tool_version = text_of(build.value("tool", json::object()), "version");
  m.rules_digest = text_of(build, "rules_digest");
  m.theme_digest = text_of(build, "theme_digest");
  m.time = text_of(build, "time");
  if (auto it = build.find("introduction"); it != build.end() && it->is_string())
    m.introduction = it->get<std::string>();

  for (const auto& p : predicate.value("pages", json::array())) {
    if (!p.is_object()) return invalid(path, "pages 项不是对象 (page entry is not an object)");
    ManifestPage page;
    page.path = text_of(p, "path");
    page.blob = text_of(p, "blob");
    page.fallback = p.value("fallback", false);
    for (const auto& o : p.value("outputs", json::array()))
      if (o.is_string()) page.outputs.push_back(o.get<std::string>());
    for (const auto& r : p.value("reviews", json::array())) {
      if (!r.is_object()) continue;
      page.reviews.push_back({text_of(r, "level"), text_of(r, "commit"), text_of(r, "reviewer"),
                              text_of(r, "name"), text_of(r, "title"), text_of(r, "key"),
                              text_of(r, "time"), text_of(r, "opinion")});
    }
    const json& checks = p.value("checks", json::object());
    if (checks.is_object()) page.check_warnings = checks.value("warnings", 0);
    for (const auto& w : p.value("waivers", json::array())) {
      if (!w.is_object()) continue;
      page.waivers.push_back({text_of(w, "rule"), text_of(w, "path"), w.value("line", 0),
                              text_of(w, "level"), text_of(w, "commit")});
    }
    m.pages.push_back(std::move(page));
  }
  for (const auto& r : predicate.value("refused", json::array())) {
    if (!r.is_object()) return invalid(path, "refused 项不是对象 (refused entry is not an object)");
    ManifestRefusal refusal{text_of(r, "path"), text_of(r, "blob"), {}};
    for (const auto& x : r.value("reasons", json::array()))
      if (x.is_object()) refusal.reasons.push_back({text_of(x, "rule"), text_of(x, "message")});
    m.refused.push_back(std::move(refusal));
  }
  return m;
}

}  // namespace

Result<Manifest> parse_manifest(std::string_view text, const std::string& path) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return invalid(path, "不是 JSON 对象 (not a JSON object)");
  try {
    return read_statement(j, path);
  } catch (const json::exception& e) {
    return invalid(path, std::string("字段类型错误 (wrong field type): ") + e.what());
  }
}

}  // namespace sanshen
