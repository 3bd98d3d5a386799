#include "core/build_state.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/json_forms.h"
#include "core/json_splice.h"

namespace sanshen {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "sanshen-build-state/1";
constexpr int kMaxShards = 4096;

json finding_state(const Finding& f) {
  return {f.path, f.line, f.col, std::string(severity_name(f.severity)), f.rule, f.message, f.text};
}

Finding finding_of(const json& j) {
  Finding f;
  f.path = j.at(0).get<std::string>();
  f.line = j.at(1).get<int>();
  f.col = j.at(2).get<int>();
  auto severity = parse_severity(j.at(3).get<std::string>());
  if (!severity) throw std::invalid_argument("unknown severity");
  f.severity = *severity;
  f.rule = j.at(4).get<std::string>();
  f.message = j.at(5).get<std::string>();
  f.text = j.at(6).get<std::string>();
  return f;
}

json findings_state(const std::vector<Finding>& findings) {
  json out = json::array();
  for (const auto& f : findings) out.push_back(finding_state(f));
  return out;
}

std::vector<Finding> findings_of(const json& j) {
  std::vector<Finding> out;
  for (const auto& f : j) out.push_back(finding_of(f));
  return out;
}

json reasons_state(const std::vector<Reason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons) out.push_back({r.rule, r.message});
  return out;
}

std::vector<Reason> reasons_of(const json& j) {
  std::vector<Reason> out;
  for (const auto& r : j) out.push_back({r.at(0).get<std::string>(), r.at(1).get<std::string>()});
  return out;
}

json review_state(const ReviewAttempt& a) {
  json waivers = json::array();
  for (const auto& w : a.waivers) waivers.push_back({w.rule, w.path, w.line});
  json invalid = a.invalid ? json{a.invalid->rule, a.invalid->message} : json(nullptr);
  return {{"commit", a.commit},        {"time", a.time},
          {"level", a.level},          {"return", a.decision == Decision::kReturn},
          {"opinion", a.opinion},      {"waivers", waivers},
          {"reviewer", a.reviewer_id}, {"name", a.reviewer_name},
          {"title", a.reviewer_title}, {"key", a.fingerprint},
          {"invalid", invalid}};
}

ReviewAttempt review_of(const json& j) {
  ReviewAttempt a;
  a.commit = j.at("commit").get<std::string>();
  a.time = j.at("time").get<int64_t>();
  a.level = j.at("level").get<std::string>();
  a.decision = j.at("return").get<bool>() ? Decision::kReturn : Decision::kApprove;
  a.opinion = j.at("opinion").get<std::string>();
  for (const auto& w : j.at("waivers"))
    a.waivers.push_back(
        {w.at(0).get<std::string>(), w.at(1).get<std::string>(), w.at(2).get<int>()});
  a.reviewer_id = j.at("reviewer").get<std::string>();
  a.reviewer_name = j.at("name").get<std::string>();
  a.reviewer_title = j.at("title").get<std::string>();
  a.fingerprint = j.at("key").get<std::string>();
  if (const json& inv = j.at("invalid"); !inv.is_null())
    a.invalid = Reason{inv.at(0).get<std::string>(), inv.at(1).get<std::string>()};
  return a;
}

json published_state(const PublishedPage& p) {
  json approvals = json::array();
  for (const auto& a : p.approvals) approvals.push_back(review_state(a));
  return {{"path", p.path},         {"blob", p.blob},
          {"outputs", p.outputs},   {"fallback", p.fallback},
          {"approvals", approvals}, {"warnings", findings_state(p.warnings)}};
}

// The result with placeholders for its two long arrays (published pages and outputs).
json result_state(const BuildResult& r, const JsonSplice& splice) {
  json refused = json::array();
  for (const auto& x : r.refused)
    refused.push_back({{"path", x.path},
                       {"blob", x.blob},
                       {"reasons", reasons_state(x.reasons)},
                       {"findings", findings_state(x.findings)}});
  return {{"revision", r.revision},
          {"published", splice.placeholder("published")},
          {"refused", refused},
          {"outputs", splice.placeholder("outputs")},
          {"checks_run", r.checks_run},
          {"rules_digest", r.rules_digest},
          {"theme_digest", r.theme_digest},
          {"signatures_verified", r.signatures_verified},
          {"signatures_cached", r.signatures_cached}};
}

BuildResult result_of(const json& j) {
  BuildResult r;
  r.revision = j.at("revision").get<std::string>();
  for (const auto& p : j.at("published")) {
    PublishedPage page;
    page.path = p.at("path").get<std::string>();
    page.blob = p.at("blob").get<std::string>();
    page.outputs = p.at("outputs").get<std::vector<std::string>>();
    page.fallback = p.at("fallback").get<bool>();
    for (const auto& a : p.at("approvals")) page.approvals.push_back(review_of(a));
    page.warnings = findings_of(p.at("warnings"));
    r.published.push_back(std::move(page));
  }
  for (const auto& x : j.at("refused"))
    r.refused.push_back({x.at("path").get<std::string>(), x.at("blob").get<std::string>(),
                         reasons_of(x.at("reasons")), findings_of(x.at("findings"))});
  for (const auto& o : j.at("outputs"))
    r.outputs.push_back({o.at(0).get<std::string>(), o.at(1).get<std::string>()});
  r.checks_run = j.at("checks_run").get<std::vector<std::string>>();
  r.rules_digest = j.at("rules_digest").get<std::string>();
  r.theme_digest = j.at("theme_digest").get<std::string>();
  r.signatures_verified = j.at("signatures_verified").get<std::size_t>();
  r.signatures_cached = j.at("signatures_cached").get<std::size_t>();
  return r;
}

}  // namespace

Result<ShardSpec> parse_shard(std::string_view text) {
  auto bad = [&] {
    return make_error(
        "config.invalid",
        "--shard 应为 i/n，1 ≤ i ≤ n (must be i/n with 1 ≤ i ≤ n): " + std::string(text));
  };
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return bad();
  ShardSpec s;
  auto number = [](std::string_view part, int& out) {
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && end == part.data() + part.size() && !part.empty();
  };
  if (!number(text.substr(0, slash), s.index) || !number(text.substr(slash + 1), s.count))
    return bad();
  if (s.count < 1 || s.count > kMaxShards || s.index < 1 || s.index > s.count) return bad();
  return s;
}

std::string shard_text(const ShardSpec& shard) {
  return std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

bool in_shard(std::string_view path, const ShardSpec& shard) {
  if (shard.count == 1) return true;
  // FNV-1a: fixed by this code, unlike std::hash, so every machine of a CI matrix agrees.
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : path) h = (h ^ c) * 1099511628211ull;
  return static_cast<int>(h % static_cast<std::uint64_t>(shard.count)) == shard.index - 1;
}

BuildState state_of(const BuildOptions& options, const ShardSpec& shard, BuildResult result) {
  BuildState s;
  s.shard = shard;
  s.repository = options.repo_path;
  s.introduction = options.introduction;
  s.insecure_no_introduction = options.insecure_no_introduction;
  s.strict = options.strict;
  s.build_time = options.build_time;
  s.now = options.now;
  s.result = std::move(result);
  s.result.fatal.reset();
  return s;
}

std::string build_state_json(const BuildState& s, int jobs) {
  const JsonSplice splice;
  json j = {{"format", kFormat},
            {"shard", shard_text(s.shard)},
            {"repository", s.repository},
            {"introduction", s.introduction},
            {"insecure_no_introduction", s.insecure_no_introduction},
            {"strict", s.strict},
            {"build_time", s.build_time},
            {"now", s.now},
            {"result", result_state(s.result, splice)}};
  const BuildResult& r = s.result;
  // Keys print sorted: result.outputs before result.published.
  return splice.splice(j.dump(),
                       {{"outputs",
                         [&](TextOut& out) {
                           append_json_array(out, r.outputs.size(), -1, jobs, [&](std::size_t i) {
                             return json{r.outputs[i].path, r.outputs[i].sha256};
                           });
                         }},
                        {"published",
                         [&](TextOut& out) {
                           append_json_array(out, r.published.size(), -1, jobs, [&](std::size_t i) {
                             return published_state(r.published[i]);
                           });
                         }}},
                       r.outputs.size() * 100 + r.published.size() * 600) +
         "\n";
}

Result<BuildState> parse_build_state(std::string_view text, const std::string& path) {
  auto invalid = [&](const std::string& why) {
    return make_error("shard.invalid", "构建状态文件无效 (invalid build state): " + why, path);
  };
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return invalid("不是 JSON 对象 (not a JSON object)");
  if (j.value("format", "") != kFormat)
    return invalid(std::string("format 应为 (must be) ") + kFormat);
  try {
    BuildState s;
    auto shard = parse_shard(j.at("shard").get<std::string>());
    if (!shard) return invalid(shard.error().message);
    s.shard = *shard;
    s.repository = j.at("repository").get<std::string>();
    s.introduction = j.at("introduction").get<std::string>();
    s.insecure_no_introduction = j.at("insecure_no_introduction").get<bool>();
    s.strict = j.at("strict").get<bool>();
    s.build_time = j.at("build_time").get<int64_t>();
    s.now = j.at("now").get<int64_t>();
    s.result = result_of(j.at("result"));
    return s;
  } catch (const std::exception& e) {
    return invalid(e.what());
  }
}

}  // namespace sanshen
