#include "core/build_report.h"

#include <ctime>

#include "core/json_forms.h"

namespace sanshen {

using nlohmann::json;

json finding_json(const Finding& f) {
  return {{"path", f.path},         {"line", f.line}, {"col", f.col},
          {"severity", std::string(severity_name(f.severity))},
          {"rule", f.rule},         {"message", f.message}, {"text", f.text}};
}

json reason_json(const Reason& r) { return {{"rule", r.rule}, {"message", r.message}}; }

json refused_json(const RefusedPage& r) {
  json reasons = json::array();
  for (const auto& x : r.reasons) reasons.push_back(reason_json(x));
  json findings = json::array();
  for (const auto& f : r.findings) {
    json j = finding_json(f);
    // Build summaries and manifests are kept and shared; personal data stays masked there.
    if (f.rule.starts_with("pii.")) j.erase("text");
    findings.push_back(std::move(j));
  }
  return {{"path", r.path}, {"blob", r.blob}, {"reasons", reasons}, {"findings", findings}};
}

std::string iso8601_utc(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string summary_json(const BuildResult& result) {
  json published = json::array();
  for (const auto& p : result.published)
    published.push_back(
        {{"path", p.path}, {"blob", p.blob}, {"outputs", p.outputs}, {"fallback", p.fallback}});
  json refused = json::array();
  for (const auto& r : result.refused) refused.push_back(refused_json(r));
  json fatal = nullptr;
  if (result.fatal) fatal = {{"rule", result.fatal->rule}, {"message", result.fatal->describe()}};
  json out = {{"revision", result.revision},
              {"published", published},
              {"refused", refused},
              {"up_to_date", result.up_to_date},
              {"files_written", result.files_written},
              {"fatal", fatal}};
  return out.dump(2) + "\n";
}

std::string summary_text(const BuildResult& result, const BuildOptions& options) {
  if (result.fatal)
    return "构建失败，未写入任何文件 (build failed, nothing written): " + result.fatal->describe() + "\n";
  std::string out;
  size_t fallbacks = 0;
  for (const auto& p : result.published) fallbacks += p.fallback ? 1 : 0;
  out += "修订版本 (revision) " + result.revision + "\n";
  out += "已发布 (published) " + std::to_string(result.published.size()) + " 页";
  if (fallbacks) out += "（其中 " + std::to_string(fallbacks) + " 页保留上一审定版本 (fallback)）";
  out += "，未发布 (refused) " + std::to_string(result.refused.size()) + " 页\n";
  for (const auto& p : result.published)
    if (p.fallback) out += "  保留旧版 (fallback) " + p.path + " @ " + p.blob.substr(0, 10) + "\n";
  for (const auto& r : result.refused) {
    out += "  未发布 (refused) " + r.path + " @ " + r.blob.substr(0, 10) + "\n";
    for (const auto& x : r.reasons) out += "    " + x.rule + ": " + x.message + "\n";
  }
  if (!options.shard_state_path.empty()) {
    out += "分片 (shard) " + std::to_string(options.shard.index) + "/" +
           std::to_string(options.shard.count) + " 的判定已写入 (decisions written to) " +
           options.shard_state_path + "；请用 sanshen manifest merge 合并 (merge them)\n";
    return out;
  }
  if (result.up_to_date)
    out += "输入未变，站点无需重写 (up to date: nothing rewritten)\n";
  else
    out += "写入 (written) " + std::to_string(result.files_written) + " / " +
           std::to_string(result.outputs.size()) + " 个文件 (files)\n";
  out += "站点 (site): " + options.out_dir + "\n";
  out += "清单 (manifest): " + options.manifest_path + "\n";
  return out;
}

}  // namespace sanshen
