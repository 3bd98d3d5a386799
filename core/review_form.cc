#include "core/review_form.h"

#include <algorithm>

#include "core/local_time.h"
#include "core/templates.h"

namespace sanshen {
namespace {

// The form is the project's own document, not part of a site theme, so its template lives here.
constexpr const char* kFormTemplate = R"(<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>网站信息发布审签表 — {{title}}</title>
<style>
@page { size: A4; margin: 16mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; color: #000; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 18pt; text-align: center; letter-spacing: 2pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 2mm; vertical-align: top; text-align: left; }
th { background: #f2f2f2; white-space: nowrap; }
.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
.counted { font-weight: bold; }
.bad { color: #a00; }
.verdict { font-size: 13pt; font-weight: bold; }
footer { margin-top: 6mm; font-size: 8.5pt; color: #333; }
</style>
</head>
<body>
<h1>{{site_title}}<br>网站信息发布审签表</h1>
<table class="meta">
<tr><th>标题</th><td colspan="3">{{title}}</td></tr>
<tr><th>栏目</th><td>{{section}}</td><th>类别</th><td>{{page_class}}</td></tr>
<tr><th>专题</th><td>{{topics}}</td><th>显示日期</th><td>{{date}}</td></tr>
<tr><th>拟稿人</th><td>{{drafter}}</td><th>拟稿时间</th><td>{{drafted_at}}</td></tr>
{{#source}}<tr><th>来源</th><td colspan="3">{{source}}</td></tr>
{{/source}}<tr><th>文件</th><td colspan="3" class="mono">{{path}}<br>blob {{blob}}</td></tr>
</table>
<h2>审核签批</h2>
<table class="levels">
<tr><th>审核环节</th><th>审核人</th><th>意见</th><th>时间（北京时间）</th><th>签名密钥</th><th>签名与效力</th></tr>
{{#levels}}{{#reviews}}<tr{{#counted}} class="counted"{{/counted}}><td>{{level}}</td><td>{{name}}{{#title}}<br>{{title}}{{/title}}{{#reviewer}}<br><span class="mono">{{reviewer}}</span>{{/reviewer}}</td><td>{{decision}}{{#opinion}}：{{opinion}}{{/opinion}}</td><td>{{time}}</td><td class="mono">{{key}}<br>commit {{commit}}</td><td{{^valid}} class="bad"{{/valid}}>{{status}}</td></tr>
{{/reviews}}{{^reviews}}<tr><td>{{level}}</td><td colspan="5">尚未审核 (not yet reviewed)</td></tr>
{{/reviews}}{{/levels}}</table>
<h2>内容检查（错敏检测）</h2>
{{#findings}}<table class="findings">
<tr><th>位置</th><th>级别</th><th>规则</th><th>说明</th></tr>
{{#items}}<tr><td class="mono">{{where}}</td><td>{{severity}}</td><td class="mono">{{rule}}</td><td>{{message}}</td></tr>
{{/items}}</table>
{{/findings}}{{^findings}}<p>{{checks_note}}</p>
{{/findings}}<h2>结论</h2>
<p class="verdict">{{verdict}}</p>
{{#has_reasons}}<ul>
{{#reasons}}<li><span class="mono">{{rule}}</span> {{message}}</li>
{{/reasons}}</ul>
{{/has_reasons}}{{#live_note}}<p>{{live_note}}</p>
{{/live_note}}<footer>修订版本 (revision) <span class="mono">{{revision}}</span>{{#insecure}}；未指定信任起点，治理链未验证 (no introduction: governance not verified){{/insecure}}<br>
由 sanshen {{version}} 依据 git 中经签名验证的审核提交生成；拟稿人取自页面 author 字段或首次提交的作者（未经签名验证）。</footer>
</body>
</html>
)";

std::string short_id(const std::string& id) { return id.substr(0, 12); }

// Mustache treats "" as true; optional text is `false` when empty so `{{#x}}` hides it.
View optional_text(const std::string& s) { return s.empty() ? View(false) : View(s); }

View review_view(const ReviewAttempt& a, bool counted) {
  View v;
  v.set("level", a.level.empty() ? "（未注明）" : a.level);
  v.set("name", a.reviewer_name.empty() ? "（名册中无此密钥 unknown key）" : a.reviewer_name);
  v.set("title", optional_text(a.reviewer_title));
  v.set("reviewer", optional_text(a.reviewer_id));
  v.set("decision", a.decision == Decision::kReturn ? "退回" : "同意");
  v.set("opinion", optional_text(a.opinion));
  v.set("time", format_shanghai_time(a.time));
  v.set("key", a.fingerprint.empty() ? "—" : a.fingerprint);
  v.set("commit", short_id(a.commit));
  v.set("counted", counted);
  v.set("valid", !a.invalid.has_value());
  if (a.invalid)
    v.set("status", "无效 (invalid) " + a.invalid->rule + "：" + a.invalid->message);
  else if (counted)
    v.set("status", "签名有效，计入审核链 (valid, counted)");
  else
    v.set("status", "签名有效 (valid)");
  return v;
}

// The 拟稿人 written on the page, else the author of the commit that first added the file (git
// authorship is not signed, and the form says so).
struct Drafter {
  std::string name, time;
};

Result<Drafter> drafter_of(Gate& gate, const std::string& path, const PageMeta& meta) {
  Drafter d;
  d.name = meta.author;
  const auto& commits = gate.history().commits();
  for (auto it = commits.rbegin(); it != commits.rend(); ++it) {
    auto blob = gate.repo().blob_at(it->id, path);
    if (!blob) return blob.error();
    if (!*blob) continue;
    if (d.name.empty()) d.name = it->object.author.name;
    d.time = format_shanghai_time(it->object.author.time);
    break;
  }
  return d;
}

std::string section_title(const GateConfig& config, const std::string& id) {
  for (const auto& s : config.sections)
    if (s.id == id) return s.meta.title + "（" + id + "）";
  return id;
}

}  // namespace

Result<std::string> review_form(Gate& gate, const std::string& path) {
  const auto& pages = gate.pages();
  auto entry = std::find_if(pages.begin(), pages.end(), [&](const TreeEntry& e) { return e.path == path; });
  if (entry == pages.end())
    return make_error("config.invalid",
                      "该修订版本中没有此页面 (no such page at revision " + short_id(gate.revision()) + ")",
                      path);
  auto decision = gate.decide(*entry);
  if (!decision) return decision.error();
  const BlobEvaluation& ev = decision->current;
  const PageMeta& meta = ev.source.meta;
  auto drafter = drafter_of(gate, path, meta);
  if (!drafter) return drafter.error();

  View view;
  view.set("site_title", gate.config().site.title);
  view.set("title", meta.title.empty() ? path : meta.title);
  view.set("section", section_title(gate.config(), decision->section));
  view.set("page_class", meta.page_class);
  std::string topics;
  for (const auto& t : meta.topics) topics += (topics.empty() ? "" : "、") + t;
  view.set("topics", topics.empty() ? "—" : topics);
  view.set("date", meta.date.empty() ? "—" : meta.date);
  view.set("drafter", drafter->name.empty() ? "—" : drafter->name);
  view.set("drafted_at", drafter->time.empty() ? "—" : drafter->time);
  view.set("source", optional_text(meta.source));
  view.set("path", path);
  view.set("blob", ev.blob);

  // One group per required level, then any review naming another level, so every attempt on
  // this blob appears once.
  const auto& attempts = gate.ledger().attempts(path, ev.blob);
  auto counted = [&](const ReviewAttempt& a) {
    return std::any_of(ev.approvals.begin(), ev.approvals.end(),
                       [&](const ReviewAttempt& c) { return c.commit == a.commit && c.level == a.level; });
  };
  View::List levels;
  std::vector<bool> shown(attempts.size(), false);
  for (const auto& level : ev.required_levels) {
    View::List reviews;
    for (size_t i = 0; i < attempts.size(); ++i) {
      if (attempts[i].level != level) continue;
      shown[i] = true;
      reviews.push_back(review_view(attempts[i], counted(attempts[i])));
    }
    View group;
    group.set("level", level);
    group.set("reviews", View(std::move(reviews)));
    levels.push_back(std::move(group));
  }
  for (size_t i = 0; i < attempts.size(); ++i) {
    if (shown[i]) continue;
    View group;
    group.set("level", attempts[i].level);
    group.set("reviews", View(View::List{review_view(attempts[i], false)}));
    levels.push_back(std::move(group));
  }
  view.set("levels", View(std::move(levels)));

  View::List items;
  for (const auto& f : ev.findings) {
    View item;
    item.set("where", f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.col));
    item.set("severity", f.severity == Severity::kError ? "错误 (error)" : "提示 (warning)");
    item.set("rule", f.rule);
    // The message masks personal numbers; the matched text is left out of a printed form.
    item.set("message", f.message);
    items.push_back(std::move(item));
  }
  if (!items.empty()) {
    View findings;
    findings.set("items", View(std::move(items)));
    view.set("findings", View(View::List{std::move(findings)}));
  } else {
    view.set("findings", false);
  }
  bool checked = ev.approved || !ev.source.meta.title.empty();
  view.set("checks_note", checked ? "未发现问题 (no findings)" : "未检查：页面无法读取 (not checked: page unreadable)");

  view.set("verdict", ev.approved ? "审核完成，准予发布 (approved for publication)"
                                  : "未完成审核或未通过，不予发布 (not approved)");
  View::List reasons;
  for (const auto& r : ev.reasons) {
    View item;
    item.set("rule", r.rule);
    item.set("message", r.message);
    reasons.push_back(std::move(item));
  }
  view.set("has_reasons", !reasons.empty());
  view.set("reasons", View(std::move(reasons)));
  std::string live_note;
  if (decision->live && decision->live->blob != ev.blob)
    live_note = "线上保留此前审定的版本 blob " + decision->live->blob +
                " (an older approved version stays published)";
  view.set("live_note", optional_text(live_note));
  view.set("revision", gate.revision());
  view.set("insecure", gate.trust().everything);
  view.set("version", SANSHEN_VERSION);

  auto theme = load_theme({{"templates/form.html", kFormTemplate}});
  if (!theme) return theme.error();
  return theme->render("form", view);
}

}  // namespace sanshen
