#include "core/review_chain.h"

#include <algorithm>
#include <functional>
#include <set>

#include "core/commit_object.h"
#include "core/signature.h"
#include "core/tree_lookup.h"

namespace sanshen {
namespace {

std::string short_id(const std::string& id) { return id.substr(0, 10); }

Reason reason(std::string rule, std::string message) {
  return Reason{std::move(rule), std::move(message)};
}

// Review-Page lines of a message whose trailers do not parse, so the pages it tried to approve
// can say why it did not count.
std::vector<ReviewedPage> pages_named_loosely(std::string_view message) {
  std::vector<ReviewedPage> out;
  size_t pos = 0;
  while (pos < message.size()) {
    size_t end = message.find('\n', pos);
    if (end == std::string_view::npos) end = message.size();
    std::string_view line = message.substr(pos, end - pos);
    const std::string_view key = "Review-Page:";
    if (line.substr(0, key.size()) == key) {
      std::string_view rest = line.substr(key.size());
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      size_t sp = rest.find(' ');
      if (sp != std::string_view::npos) {
        std::string_view blob = rest.substr(sp + 1);
        while (!blob.empty() && (blob.back() == ' ' || blob.back() == '\r')) blob.remove_suffix(1);
        out.push_back({std::string(rest.substr(0, sp)), std::string(blob)});
      }
    }
    pos = end + 1;
  }
  return out;
}

std::string level_list(const std::vector<std::string>& levels) {
  std::string out;
  for (const auto& l : levels) out += (out.empty() ? "" : "、") + l;
  return out;
}

}  // namespace

std::vector<std::string> review_page_paths(std::string_view message) {
  std::vector<std::string> out;
  for (auto& page : pages_named_loosely(message)) out.push_back(std::move(page.path));
  return out;
}

std::string section_of(const std::string& path) {
  const std::string prefix = "content/";
  if (path.compare(0, prefix.size(), prefix) != 0) return "";
  size_t slash = path.find('/', prefix.size());
  if (slash == std::string::npos) return "";
  return path.substr(prefix.size(), slash - prefix.size());
}

Result<ReviewLedger> ReviewLedger::collect(Repository& repo, const History& history,
                                           const TrustRegion& trust, const Policy& policy,
                                           const Roster& build_roster, SignatureCache& signatures,
                                           RosterCache& rosters, const PageFilter& keep_page) {
  ReviewLedger ledger;
  const std::vector<std::string> known_levels = policy.known_levels();
  TreeLookup tree_lookup(repo);
  for (const HistoryCommit& hc : history.commits()) {
    const std::string& id = hc.id;
    const CommitObject* commit = &hc.object;
    // A malformed object's message cannot be trusted to say anything; it is not a review.
    if (hc.malformed) continue;
    auto trailers = parse_review_trailers(commit->message, known_levels);
    if (trailers && !*trailers) continue;  // not a review commit

    ReviewAttempt base;
    base.commit = id;
    base.time = commit->committer.time;
    std::vector<ReviewedPage> pages;
    if (!trailers) {
      const Error& e = trailers.error();
      base.invalid =
          reason("review.trailer-syntax",
                 "审核提交 " + short_id(id) + " 的尾注格式错误 (malformed review trailers) at " +
                     std::to_string(e.line) + ":" + std::to_string(e.col) + ": " + e.message);
      pages = pages_named_loosely(commit->message);
    } else {
      const ReviewTrailers& t = **trailers;
      base.level = t.level;
      base.decision = t.decision;
      base.opinion = t.opinion;
      base.waivers = t.waivers;
      pages = t.pages;
    }
    if (keep_page) {
      std::erase_if(pages, [&](const ReviewedPage& p) { return !keep_page(p.path); });
      if (pages.empty()) continue;
    }
    ++ledger.review_commits_;
    if (!base.invalid && !trust.contains(id)) {
      base.invalid =
          reason("review.not-authorized",
                 "审核提交 " + short_id(id) +
                     " 不在信任起点之后 (review is not a descendant of the introduction)");
    }

    // Signature and identity: the key, verified over the raw object, looked up in the roster of
    // every parent. Author and committer names are never consulted.
    const Reviewer* signer = nullptr;
    if (!base.invalid) {
      if (!hc.is_signed) {
        base.invalid = reason("review.unsigned", "审核提交 " + short_id(id) + " 未签名 (unsigned)");
      } else if (auto sig = signatures.verify(hc); !sig) {
        base.invalid =
            reason("review.bad-signature", "审核提交 " + short_id(id) +
                                               " 签名无效 (bad signature): " + sig.error().message);
      } else {
        base.fingerprint = sig->fingerprint;
        if (const Reviewer* later = build_roster.find_by_fingerprint(sig->fingerprint);
            later && later->status == ReviewerStatus::kRevoked) {
          base.invalid = reason("review.revoked-key",
                                "审核提交 " + short_id(id) + " 的密钥 " + sig->fingerprint +
                                    " 已被吊销 (key revoked; all its signatures are void)");
        }
        if (commit->parents.empty() && !base.invalid) {
          base.invalid =
              reason("review.unknown-key",
                     "审核提交 " + short_id(id) +
                         " 没有父提交，无名册可依 (root commit has no roster to authorize it)");
        }
        for (const std::string& parent : commit->parents) {
          if (base.invalid) break;
          auto roster = rosters.at(parent);
          const Reviewer* r = roster ? (*roster)->find_by_fingerprint(sig->fingerprint) : nullptr;
          if (!r) {
            base.invalid =
                reason("review.unknown-key",
                       "审核提交 " + short_id(id) + " 的签名密钥 " + sig->fingerprint +
                           " 不在父提交 " + short_id(parent) + " 的名册中 (key not in roster)" +
                           (roster ? "" : ": " + roster.error().message));
          } else if (r->status == ReviewerStatus::kRevoked) {
            base.invalid =
                reason("review.revoked-key", "审核提交 " + short_id(id) + " 的密钥属于已吊销的 " +
                                                 r->id + " (key revoked)");
          } else if (r->status == ReviewerStatus::kRetired) {
            base.invalid =
                reason("review.not-authorized", "审核提交 " + short_id(id) + " 的签名人 " + r->id +
                                                    " 已退出，不能再审核 (reviewer retired)");
          } else if (!base.level.empty() && !r->holds_level(base.level)) {
            base.invalid = reason("review.not-authorized",
                                  "审核人 " + r->id + "（" + r->name + "）无" + base.level +
                                      "权限 (level not held), commit " + short_id(id));
          } else if (signer && signer->id != r->id) {
            base.invalid =
                reason("review.unknown-key", "审核提交 " + short_id(id) +
                                                 " 的密钥在各父提交名册中属于不同的人 (key maps to "
                                                 "different people in merge parents)");
          } else {
            signer = r;
          }
        }
        if (signer && !base.invalid) {
          base.reviewer_id = signer->id;
          base.reviewer_name = signer->name;
          base.reviewer_title = signer->title;
        }
      }
    }

    for (const ReviewedPage& page : pages) {
      ReviewAttempt attempt = base;
      if (!attempt.invalid && signer) {
        // Section coverage must hold in every parent's roster; signer is the same person in all.
        for (const std::string& parent : commit->parents) {
          auto roster = rosters.at(parent);
          const Reviewer* r =
              roster ? (*roster)->find_by_fingerprint(attempt.fingerprint) : nullptr;
          if (!r || !r->covers_section(section_of(page.path))) {
            attempt.invalid =
                reason("review.not-authorized",
                       "审核人 " + signer->id + " 无权审核栏目 " + section_of(page.path) +
                           " (section not covered), commit " + short_id(id));
            break;
          }
        }
      }
      if (!attempt.invalid) {
        auto found = tree_lookup.at(commit->tree, page.path);
        if (!found) return found.error();
        const std::optional<std::string>* actual = &*found;
        if (!*actual || **actual != page.blob) {
          attempt.invalid =
              reason("review.blob-mismatch",
                     "审核提交 " + short_id(id) + " 声明的内容 " + short_id(page.blob) +
                         " 与该提交中 " + page.path + " 的实际内容 " +
                         (*actual ? short_id(**actual) : std::string("（不存在）")) +
                         " 不一致 (reviewed blob differs from the commit's tree)");
        }
      }
      ledger.add(page.path, page.blob, attempt);
    }
  }
  return ledger;
}

uint32_t ReviewLedger::text_id(const std::string& text) {
  auto [it, added] = text_ids_.try_emplace(text, static_cast<uint32_t>(texts_.size()));
  if (added) texts_.push_back(text);
  return it->second;
}

void ReviewLedger::add(const std::string& path, const std::string& blob,
                       const ReviewAttempt& attempt) {
  StoredAttempt s;
  // Review commits come from the history, whose ids are git's.
  s.commit = *object_key(attempt.commit);
  s.decision = attempt.decision;
  s.time = attempt.time;
  s.level = text_id(attempt.level);
  s.opinion = text_id(attempt.opinion);
  s.reviewer_id = text_id(attempt.reviewer_id);
  s.reviewer_name = text_id(attempt.reviewer_name);
  s.reviewer_title = text_id(attempt.reviewer_title);
  s.fingerprint = text_id(attempt.fingerprint);
  if (!attempt.waivers.empty()) {
    waivers_.push_back(attempt.waivers);
    s.waivers = static_cast<uint32_t>(waivers_.size());
  }
  if (attempt.invalid) {
    invalid_.push_back(*attempt.invalid);
    s.invalid = static_cast<uint32_t>(invalid_.size());
  }
  auto& blobs = by_page_[path];
  auto it = std::find_if(blobs.begin(), blobs.end(),
                         [&](const BlobAttempts& b) { return b.blob == blob; });
  if (it == blobs.end()) it = blobs.insert(blobs.end(), BlobAttempts{blob, {}});
  it->attempts.push_back(s);
}

ReviewAttempt ReviewLedger::expand(const StoredAttempt& s) const {
  ReviewAttempt a;
  a.commit = object_hex(s.commit);
  a.time = s.time;
  a.level = texts_[s.level];
  a.decision = s.decision;
  a.opinion = texts_[s.opinion];
  if (s.waivers) a.waivers = waivers_[s.waivers - 1];
  a.reviewer_id = texts_[s.reviewer_id];
  a.reviewer_name = texts_[s.reviewer_name];
  a.reviewer_title = texts_[s.reviewer_title];
  a.fingerprint = texts_[s.fingerprint];
  if (s.invalid) a.invalid = invalid_[s.invalid - 1];
  return a;
}

std::vector<ReviewAttempt> ReviewLedger::attempts(const std::string& path,
                                                  const std::string& blob) const {
  std::vector<ReviewAttempt> out;
  auto page = by_page_.find(path);
  if (page == by_page_.end()) return out;
  for (const BlobAttempts& b : page->second) {
    if (b.blob != blob) continue;
    out.reserve(b.attempts.size());
    for (const StoredAttempt& s : b.attempts) out.push_back(expand(s));
  }
  return out;
}

std::vector<std::string> ReviewLedger::reviewed_blobs(const std::string& path) const {
  std::vector<std::string> out;
  if (auto page = by_page_.find(path); page != by_page_.end())
    for (const BlobAttempts& b : page->second) out.push_back(b.blob);
  std::sort(out.begin(), out.end());
  return out;
}

ChainVerdict evaluate_chain(const ReviewLedger& ledger, const History& history,
                            const std::string& path, const std::string& blob,
                            const std::vector<std::string>& required_levels) {
  ChainVerdict verdict;
  const auto& attempts = ledger.attempts(path, blob);

  std::set<std::string> seen;
  auto add_reason = [&](const Reason& r) {
    if (seen.insert(r.rule + "\n" + r.message).second) verdict.reasons.push_back(r);
  };

  for (const auto& a : attempts) {
    if (!a.invalid && a.decision == Decision::kReturn) {
      add_reason(reason("review.returned", a.level + "退回 (returned) by " + a.reviewer_id + "（" +
                                               a.reviewer_name + "）, commit " +
                                               short_id(a.commit) +
                                               (a.opinion.empty() ? "" : "：" + a.opinion)));
    }
  }

  std::vector<std::vector<const ReviewAttempt*>> candidates(required_levels.size());
  bool missing = false;
  for (size_t i = 0; i < required_levels.size(); ++i) {
    for (const auto& a : attempts) {
      if (a.level != required_levels[i] && !(a.invalid && a.level.empty())) continue;
      if (a.invalid) {
        add_reason(*a.invalid);
      } else if (a.decision == Decision::kApprove) {
        candidates[i].push_back(&a);
      }
    }
    if (candidates[i].empty()) {
      missing = true;
      add_reason(reason("review.missing-level",
                        "缺少有效的" + required_levels[i] + " (missing valid " +
                            required_levels[i] +
                            " approval); 需要 (required): " + level_list(required_levels)));
    }
  }
  // Invalid attempts alone never refuse a blob that has a full valid chain; a return or a
  // missing level does.
  bool returned = std::any_of(verdict.reasons.begin(), verdict.reasons.end(),
                              [](const Reason& r) { return r.rule == "review.returned"; });
  if (missing || returned) return verdict;

  // Search for a chain: level i+1's commit descends from level i's, one person per level.
  auto is_after = [&](const ReviewAttempt* next, const ReviewAttempt* prev) {
    return history.is_descendant(next->commit, prev->commit);
  };
  std::vector<const ReviewAttempt*> chain;
  std::function<bool(size_t, bool)> search = [&](size_t i, bool distinct) -> bool {
    if (i == candidates.size()) return true;
    for (const ReviewAttempt* a : candidates[i]) {
      if (i > 0 && !is_after(a, chain.back())) continue;
      if (distinct && std::any_of(chain.begin(), chain.end(), [&](const ReviewAttempt* c) {
            return c->reviewer_id == a->reviewer_id;
          }))
        continue;
      chain.push_back(a);
      if (search(i + 1, distinct)) return true;
      chain.pop_back();
    }
    return false;
  };
  if (search(0, true)) {
    verdict.approved = true;
    verdict.reasons.clear();
    for (const ReviewAttempt* a : chain) verdict.approvals.push_back(*a);
    return verdict;
  }
  chain.clear();
  if (search(0, false)) {
    for (size_t i = 1; i < chain.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (chain[i]->reviewer_id == chain[j]->reviewer_id)
          add_reason(reason("review.same-person",
                            "同一人不能审核同一内容的两个级别 (one person approved two levels): " +
                                chain[i]->reviewer_id + " 同时审核了" + chain[j]->level + "和" +
                                chain[i]->level));
  } else {
    add_reason(reason("review.order",
                      "审核顺序不符 (review order): 每一级的审核提交必须是上一级审核提交的后代 (" +
                          level_list(required_levels) + ")"));
  }
  return verdict;
}

}  // namespace sanshen
