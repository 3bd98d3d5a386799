#include "core/page_status.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/json_forms.h"
#include "core/local_time.h"

namespace sanshen {
namespace {

using nlohmann::json;

std::string short_id(const std::string& id) { return id.substr(0, 10); }

// The longest prefix of `levels` that valid approvals of this blob already cover, with the same
// rules as a full chain (each level's commit descends from the previous one's; one person per
// level), so that "next level" is the level a new review would really add.
std::vector<const ReviewAttempt*> chain_prefix(const History& history,
                                               const std::vector<ReviewAttempt>& attempts,
                                               const std::vector<std::string>& levels) {
  std::vector<const ReviewAttempt*> chain, best;
  std::function<void(size_t)> search = [&](size_t i) {
    if (chain.size() > best.size()) best = chain;
    if (i == levels.size() || best.size() == levels.size()) return;
    for (const auto& a : attempts) {
      if (a.invalid || a.decision != Decision::kApprove || a.level != levels[i]) continue;
      if (std::any_of(chain.begin(), chain.end(),
                      [&](const ReviewAttempt* c) { return c->reviewer_id == a.reviewer_id; }))
        continue;
      if (!chain.empty() && !history.is_descendant(a.commit, chain.back()->commit)) continue;
      chain.push_back(&a);
      search(i + 1);
      chain.pop_back();
    }
  };
  search(0);
  return best;
}

bool matches_filter(const std::string& page, const std::string& filter) {
  std::string f = filter;
  while (f.size() > 1 && f.back() == '/') f.pop_back();
  return page == f || page.starts_with(f + "/");
}

PageState state_of(const BlobEvaluation& ev) {
  if (ev.approved) return PageState::kApproved;
  bool blocked = false;
  for (const auto& r : ev.reasons) {
    if (r.rule == "review.returned") return PageState::kReturned;
    blocked = blocked || !r.rule.starts_with("review.");
  }
  return blocked ? PageState::kBlocked : PageState::kPending;
}

Result<PageStatus> page_status(Gate& gate, const TreeEntry& entry) {
  auto decision = gate.decide(entry);
  if (!decision) return decision.error();
  const BlobEvaluation& cur = decision->current;
  PageStatus s;
  s.path = entry.path;
  s.section = decision->section;
  s.blob = cur.blob;
  s.title = cur.source.meta.title;
  s.page_class = cur.source.meta.page_class;
  s.topics = cur.source.meta.topics;
  s.state = state_of(cur);
  s.reasons = cur.reasons;
  s.findings = cur.findings;

  const auto& attempts = gate.ledger().attempts(entry.path, cur.blob);
  for (const auto& a : attempts) {
    if (a.invalid) s.invalid.push_back(a);
    else if (a.decision == Decision::kReturn) s.returns.push_back(a);
  }
  // A complete chain found by the gate is authoritative (the page may still be blocked by
  // checks or time rules); otherwise show how far the chain has got.
  std::vector<ReviewAttempt> done = cur.approvals;
  if (done.size() != cur.required_levels.size()) {
    done.clear();
    for (const ReviewAttempt* a : chain_prefix(gate.history(), attempts, cur.required_levels))
      done.push_back(*a);
  }
  std::set<std::string> used;
  for (size_t i = 0; i < cur.required_levels.size(); ++i) {
    LevelProgress p{cur.required_levels[i], std::nullopt};
    if (i < done.size()) {
      p.approval = done[i];
      used.insert(done[i].reviewer_id);
    }
    s.levels.push_back(std::move(p));
  }
  if (s.state != PageState::kReturned && done.size() < cur.required_levels.size()) {
    s.next_level = cur.required_levels[done.size()];
    for (const auto& r : gate.config().roster.reviewers) {
      if (r.status != ReviewerStatus::kActive || !r.holds_level(*s.next_level) ||
          !r.covers_section(s.section) || used.count(r.id))
        continue;
      s.next_reviewers.push_back({r.id, r.name, r.title});
    }
  }
  if (decision->live) {
    s.live = decision->live->blob == cur.blob ? LiveState::kCurrent : LiveState::kFallback;
    s.live_blob = decision->live->blob;
    s.live_approvals = decision->live->approvals;
  }
  return s;
}

// --- text -------------------------------------------------------------------------------------

std::string_view state_label(PageState s) {
  switch (s) {
    case PageState::kApproved: return "已通过 (approved)";
    case PageState::kPending: return "待审 (pending)";
    case PageState::kReturned: return "已退回 (returned)";
    case PageState::kBlocked: return "受阻 (blocked)";
  }
  return "";
}

std::string person(const ReviewAttempt& a) {
  if (a.reviewer_id.empty()) return "名册外密钥 (key not in roster)";
  return a.reviewer_name + "（" + a.reviewer_title + "，" + a.reviewer_id + "）";
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& x : items) out += (out.empty() ? "" : sep) + x;
  return out;
}

void review_lines(std::string& out, const std::string& mark, const std::string& label,
                  const ReviewAttempt& a) {
  out += "  " + mark + " " + label + "  " + person(a) + "  " + format_shanghai_time(a.time) +
         "  提交 " + short_id(a.commit) + "\n";
  if (!a.fingerprint.empty()) out += "        密钥 (key) " + a.fingerprint + "\n";
  if (!a.opinion.empty()) out += "        意见 (opinion)：" + a.opinion + "\n";
  for (const auto& w : a.waivers)
    out += "        豁免 (waiver) " + w.rule + " " + w.path +
           (w.line > 0 ? ":" + std::to_string(w.line) : "") + "\n";
}

void page_text(std::string& out, const PageStatus& s) {
  out += s.path + "\n";
  out += "  标题: " + (s.title.empty() ? std::string("（无法读取 unreadable）") : s.title) + "\n";
  out += "  状态: " + std::string(state_label(s.state));
  if (s.next_level) out += " · 下一级 (next): " + *s.next_level;
  out += "\n";
  std::vector<std::string> levels;
  for (const auto& l : s.levels) levels.push_back(l.level);
  out += "  版本 (blob) " + short_id(s.blob);
  if (!s.page_class.empty()) out += " · 类别 " + s.page_class;
  if (!s.topics.empty()) out += " · 专题 " + join(s.topics, "、");
  if (!levels.empty()) out += " · 审核链 " + join(levels, " → ");
  out += "\n";

  for (const auto& l : s.levels) {
    if (l.approval) {
      review_lines(out, "✓", l.level, *l.approval);
    } else if (s.next_level && l.level == *s.next_level) {
      out += "  ○ " + l.level + "  待审，可审核人 (may review): ";
      if (s.next_reviewers.empty()) {
        out += "名册中无人可审 (nobody in the roster holds this level for this section)";
      } else {
        std::vector<std::string> names;
        for (const auto& p : s.next_reviewers) names.push_back(p.name + "（" + p.title + "，" + p.id + "）");
        out += join(names, "、");
      }
      out += "\n";
    } else {
      out += "  · " + l.level + "  未审 (not yet)\n";
    }
  }
  for (const auto& a : s.returns) {
    review_lines(out, "↩", a.level + "退回", a);
    out += "        本版本不能再发布；请编辑修改后重新送审 (this version is blocked; edit and resubmit)\n";
  }
  std::set<std::pair<std::string, std::string>> shown;
  for (const auto& a : s.invalid) {
    const Reason& r = *a.invalid;
    shown.insert({r.rule, r.message});
    out += "  ✗ 无效审核 (invalid) " + (a.level.empty() ? std::string("?") : a.level) + "  " +
           (a.reviewer_id.empty() ? std::string("") : person(a) + "  ") +
           (a.time ? format_shanghai_time(a.time) + "  " : "") + "提交 " + short_id(a.commit) +
           "\n        " + r.rule + ": " + r.message + "\n";
  }
  // Missing levels and returns are shown above; what is left explains a refusal.
  for (const auto& r : s.reasons) {
    if (r.rule == "review.missing-level" || r.rule == "review.returned" ||
        r.rule == "checks.failed" || shown.count({r.rule, r.message}))
      continue;
    out += "  ! " + r.rule + ": " + r.message + "\n";
  }

  int errors = 0, warnings = 0;
  for (const auto& f : s.findings) (f.severity == Severity::kError ? errors : warnings)++;
  out += "  检查 (checks): " + std::string(errors ? "未通过" : "通过") + "，" +
         std::to_string(errors) + " 个错误，" + std::to_string(warnings) + " 个警告 (" +
         std::to_string(errors) + " errors, " + std::to_string(warnings) + " warnings)\n";
  for (const auto& f : s.findings)
    out += "        " + std::to_string(f.line) + ":" + std::to_string(f.col) + " " +
           std::string(severity_name(f.severity)) + " " + f.rule + ": " + f.message + "\n";

  switch (s.live) {
    case LiveState::kCurrent: out += "  线上 (live): 当前版本 (current)\n"; break;
    case LiveState::kFallback:
      out += "  线上 (live): 旧版本 " + short_id(s.live_blob);
      if (!s.live_approvals.empty())
        out += "（" + s.live_approvals.back().level + " " +
               format_shanghai_time(s.live_approvals.back().time) + "）";
      out += "，当前版本通过前继续显示 (fallback: the older approved version stays online)\n";
      break;
    case LiveState::kNone: out += "  线上 (live): 无，未发布 (none)\n"; break;
  }
  // What a reviewer runs next: the change since the live version, and the review command.
  if (s.live == LiveState::kFallback)
    out += "  查看改动 (changes since the live version): git diff " + short_id(s.live_blob) + " " +
           short_id(s.blob) + "\n";
  if (s.state == PageState::kPending && s.next_level)
    out += "  审核 (to review): sanshen review " + s.path + " --level " + *s.next_level + "\n";
}

// One line for a page that is live as it stands: nothing to do, but who signed it is kept.
void approved_line(std::string& out, const PageStatus& s) {
  out += "✓ " + s.path + "  " + s.title + "\n    " + short_id(s.blob);
  for (const auto& l : s.levels)
    if (l.approval) out += " · " + l.level + " " + l.approval->reviewer_name;
  if (!s.levels.empty() && s.levels.back().approval)
    out += " " + format_shanghai_time(s.levels.back().approval->time);
  out += "\n";
}

// --- JSON -------------------------------------------------------------------------------------

json review_json(const ReviewAttempt& a) {
  json waivers = json::array();
  for (const auto& w : a.waivers) waivers.push_back({{"rule", w.rule}, {"path", w.path}, {"line", w.line}});
  json reviewer = nullptr;
  if (!a.reviewer_id.empty())
    reviewer = {{"id", a.reviewer_id}, {"name", a.reviewer_name}, {"title", a.reviewer_title}};
  return {{"commit", a.commit},
          {"level", a.level},
          {"decision", a.decision == Decision::kApprove ? "approve" : "return"},
          {"reviewer", reviewer},
          {"fingerprint", a.fingerprint},
          {"time", a.time},
          {"time_local", a.time ? format_shanghai_time(a.time) : ""},
          {"opinion", a.opinion},
          {"waivers", waivers}};
}

json page_json(const PageStatus& s) {
  json levels = json::array();
  for (const auto& l : s.levels)
    levels.push_back({{"level", l.level},
                      {"done", l.approval.has_value()},
                      {"review", l.approval ? review_json(*l.approval) : json(nullptr)}});
  json next = json::array();
  for (const auto& p : s.next_reviewers) next.push_back({{"id", p.id}, {"name", p.name}, {"title", p.title}});
  json returns = json::array();
  for (const auto& a : s.returns) returns.push_back(review_json(a));
  json invalid = json::array();
  for (const auto& a : s.invalid) {
    json j = review_json(a);
    j["reason"] = reason_json(*a.invalid);
    invalid.push_back(std::move(j));
  }
  json reasons = json::array();
  for (const auto& r : s.reasons) reasons.push_back(reason_json(r));
  json findings = json::array();
  int errors = 0, warnings = 0;
  for (const auto& f : s.findings) {
    (f.severity == Severity::kError ? errors : warnings)++;
    json j = finding_json(f);
    // Status output ends up in CI logs and chat; personal data stays masked there.
    if (f.rule.starts_with("pii.")) j.erase("text");
    findings.push_back(std::move(j));
  }
  json live_levels = json::array();
  for (const auto& a : s.live_approvals) live_levels.push_back(review_json(a));
  return {{"path", s.path},
          {"section", s.section},
          {"title", s.title},
          {"class", s.page_class},
          {"topics", s.topics},
          {"blob", s.blob},
          {"state", page_state_id(s.state)},
          {"required_levels", [&] {
             json l = json::array();
             for (const auto& x : s.levels) l.push_back(x.level);
             return l;
           }()},
          {"levels", levels},
          {"next_level", s.next_level ? json(*s.next_level) : json(nullptr)},
          {"next_reviewers", next},
          {"returns", returns},
          {"invalid", invalid},
          {"reasons", reasons},
          {"checks", {{"errors", errors}, {"warnings", warnings}, {"findings", findings}}},
          {"live",
           {{"state", live_state_id(s.live)},
            {"blob", s.live_blob.empty() ? json(nullptr) : json(s.live_blob)},
            {"levels", live_levels}}}};
}

std::map<PageState, int> counts(const StatusReport& r) {
  std::map<PageState, int> n;
  for (const auto& p : r.pages) n[p.state]++;
  return n;
}

}  // namespace

std::string_view page_state_id(PageState s) {
  switch (s) {
    case PageState::kApproved: return "approved";
    case PageState::kPending: return "pending";
    case PageState::kReturned: return "returned";
    case PageState::kBlocked: return "blocked";
  }
  return "";
}

std::string_view live_state_id(LiveState s) {
  switch (s) {
    case LiveState::kCurrent: return "current";
    case LiveState::kFallback: return "fallback";
    case LiveState::kNone: return "none";
  }
  return "";
}

Result<StatusReport> collect_status(Gate& gate, const std::vector<std::string>& paths) {
  StatusReport report;
  report.revision = gate.revision();
  std::vector<bool> used(paths.size(), false);
  for (const auto& entry : gate.pages()) {
    bool wanted = paths.empty();
    for (size_t i = 0; i < paths.size(); ++i) {
      if (!matches_filter(entry.path, paths[i])) continue;
      wanted = true;
      used[i] = true;
    }
    if (!wanted) continue;
    auto s = page_status(gate, entry);
    if (!s) return s.error();
    report.pages.push_back(std::move(*s));
  }
  for (size_t i = 0; i < paths.size(); ++i)
    if (!used[i])
      return make_error("page.invalid",
                        "修订版本 " + short_id(gate.revision()) +
                            " 中没有此页面或目录 (no page at this path in the revision)",
                        paths[i]);
  return report;
}

std::string status_text(const StatusReport& report, bool detail_all) {
  auto n = counts(report);
  std::string out = "修订版本 (revision) " + short_id(report.revision) + "：共 " +
                    std::to_string(report.pages.size()) + " 个页面，已通过 " +
                    std::to_string(n[PageState::kApproved]) + "，待审 " +
                    std::to_string(n[PageState::kPending]) + "，已退回 " +
                    std::to_string(n[PageState::kReturned]) + "，受阻 " +
                    std::to_string(n[PageState::kBlocked]) + " (" +
                    std::to_string(report.pages.size()) + " pages)\n";
  bool listed = false;
  for (const auto& p : report.pages) {
    if (!detail_all && p.state == PageState::kApproved && p.live == LiveState::kCurrent) continue;
    out += "\n";
    page_text(out, p);
  }
  for (const auto& p : report.pages) {
    if (detail_all || p.state != PageState::kApproved || p.live != LiveState::kCurrent) continue;
    if (!listed) out += "\n已通过并已上线 (approved and live):\n";
    listed = true;
    approved_line(out, p);
  }
  return out;
}

std::string status_json(const StatusReport& report) {
  auto n = counts(report);
  json pages = json::array();
  for (const auto& p : report.pages) pages.push_back(page_json(p));
  json summary = json::object();
  for (PageState s : {PageState::kApproved, PageState::kPending, PageState::kReturned, PageState::kBlocked})
    summary[std::string(page_state_id(s))] = n[s];
  return json{{"revision", report.revision}, {"summary", summary}, {"pages", pages}}.dump(2) + "\n";
}

}  // namespace sanshen
