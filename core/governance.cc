#include "core/governance.h"

#include <algorithm>

namespace sanshen {
namespace {

std::string short_id(const std::string& id) { return id.substr(0, 10); }

Error unauthorized(const std::string& commit, const std::string& why) {
  return make_error("governance.unauthorized",
                    "提交 " + commit + " 修改了 .sanshen/，但" + why +
                        " (a change to .sanshen/ needs the signature of an admin in force in each parent)");
}

// Why the signer of `commit` is not an active admin in `parent`'s roster, or "" when they are.
std::string admin_problem(RosterCache& rosters, const std::string& parent,
                          const std::string& fingerprint) {
  auto roster = rosters.at(parent);
  if (!roster) return roster.error().message;
  const Reviewer* r = (*roster)->find_by_fingerprint(fingerprint);
  if (!r) return "签名密钥 " + fingerprint + " 不在父提交 " + short_id(parent) + " 的名册中";
  if (!r->is_admin()) return r->id + " 在父提交 " + short_id(parent) + " 的名册中不是管理员";
  if (r->status != ReviewerStatus::kActive)
    return "管理员 " + r->id + " 在父提交 " + short_id(parent) + " 的名册中已不在任";
  return "";
}

}  // namespace

Result<TrustRegion> check_governance(Repository& repo, const History& history,
                                     const std::string& introduction, SignatureCache& signatures,
                                     RosterCache& rosters) {
  TrustRegion region;
  if (introduction.empty()) {
    region.everything = true;
    return region;
  }
  auto fail = [&](const std::string& why) {
    return make_error("governance.introduction", "信任起点无效 (introduction " + introduction + "): " + why);
  };
  size_t colon = introduction.find(':');
  if (colon == std::string::npos) return fail("格式应为 <提交>:<指纹> (expected <commit>:<fingerprint>)");
  const std::string fingerprint = introduction.substr(colon + 1);
  auto resolved = repo.resolve_commit(introduction.substr(0, colon));
  if (!resolved) return fail("找不到该提交 (commit not found)");
  const HistoryCommit* intro = history.find(*resolved);
  if (!intro) return fail("构建历史中不含该提交 (the history being built does not contain it)");
  if (intro->malformed) return fail(intro->malformed->message);
  if (!intro->is_signed) return fail("该提交未签名 (commit unsigned)");
  auto sig = signatures.verify(*intro);
  if (!sig) return fail(sig.error().message);
  if (sig->fingerprint != fingerprint)
    return fail("签名密钥为 " + sig->fingerprint + "，不是给定的密钥 (signed by another key)");
  auto roster = rosters.at(intro->id);
  if (!roster) return fail(roster.error().message);
  const Reviewer* admin = (*roster)->find_by_fingerprint(fingerprint);
  if (!admin || !admin->is_admin() || admin->status != ReviewerStatus::kActive)
    return fail("该密钥不是该提交名册中的在任管理员 (key is not an active admin in that roster)");
  region.introduction_commit = intro->id;

  // Parents come before children when walking the list backwards.
  const auto& commits = history.commits();
  for (auto it = commits.rbegin(); it != commits.rend(); ++it) {
    const HistoryCommit& c = *it;
    if (c.id == intro->id) {
      region.commits.insert(c.id);
      continue;
    }
    std::vector<const std::string*> trusted_parents;
    for (const auto& p : c.object.parents)
      if (region.commits.count(p)) trusted_parents.push_back(&p);
    if (trusted_parents.empty()) continue;  // before the introduction or beside it: not trusted
    region.commits.insert(c.id);

    auto own = rosters.settings_dir(c.object.tree);
    if (!own) return own.error();
    bool unchanged = false;
    for (const std::string* p : trusted_parents) {
      const HistoryCommit* parent = history.find(*p);
      auto theirs = rosters.settings_dir(parent->object.tree);
      if (!theirs) return theirs.error();
      unchanged = unchanged || *theirs == *own;
    }
    if (unchanged) continue;

    if (c.malformed) return unauthorized(c.id, "该提交对象格式错误：" + c.malformed->message);
    if (!c.is_signed) return unauthorized(c.id, "该提交未签名 (unsigned)");
    auto signer = signatures.verify(c);
    if (!signer) return unauthorized(c.id, "签名无效：" + signer.error().message);
    for (const std::string* p : trusted_parents) {
      std::string problem = admin_problem(rosters, *p, signer->fingerprint);
      if (!problem.empty()) return unauthorized(c.id, problem);
    }
  }
  return region;
}

}  // namespace sanshen
