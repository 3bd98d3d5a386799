#include "core/checks/content_checker.h"

#include <algorithm>
#include <tuple>

#include "core/checks/banned_words.h"
#include "core/checks/check.h"
#include "core/checks/personal_numbers.h"
#include "core/checks/secrecy_marker.h"
#include "core/checks/word_list.h"
#include "core/hash.h"
#include "core/unicode_text.h"

namespace sanshen {
namespace {

// Part of the digest: changes to built-in matching must invalidate caches keyed by it.
constexpr std::string_view kEngineVersion = "sanshen-content-checks 1";

bool is_word_list(const std::string& path) {
  return path.ends_with(".txt") && path != "terms.txt";
}

std::string digest_of(const std::map<std::string, std::string>& rule_files,
                      const std::map<std::string, Severity>& severity) {
  // Lengths make the encoding unambiguous whatever the files contain.
  std::string data(kEngineVersion);
  data += '\n';
  for (const auto& [path, content] : rule_files)
    data += "file " + std::to_string(path.size()) + " " + path + " " +
            std::to_string(content.size()) + "\n" + content + "\n";
  for (const auto& [rule, level] : severity)
    data += "severity " + rule + " " + std::string(severity_name(level)) + "\n";
  return sha256_hex(data);
}

}  // namespace

ContentChecker::ContentChecker(std::vector<std::unique_ptr<Check>> checks, PatternSet patterns,
                               std::vector<std::vector<LiteralOwner>> owners,
                               std::map<std::string, Severity> severity, std::string digest)
    : checks_(std::move(checks)),
      patterns_(std::move(patterns)),
      owners_(std::move(owners)),
      severity_(std::move(severity)),
      digest_(std::move(digest)) {}

ContentChecker::~ContentChecker() = default;

Result<std::unique_ptr<ContentChecker>> ContentChecker::create(
    const std::map<std::string, std::string>& rule_files,
    const std::map<std::string, Severity>& severity) {
  std::vector<WordEntry> words;
  for (const auto& [path, content] : rule_files) {
    if (!is_word_list(path)) continue;
    auto entries = parse_word_list(content, path);
    if (!entries) return entries.error();
    for (WordEntry& e : *entries) words.push_back(std::move(e));
  }

  std::vector<std::unique_ptr<Check>> all;
  all.push_back(std::make_unique<BannedWords>(std::move(words)));
  all.push_back(std::make_unique<SecrecyMarkers>());
  all.push_back(std::make_unique<PersonalNumbers>());

  std::vector<std::unique_ptr<Check>> checks;
  std::map<std::string, Severity> effective;
  for (auto& check : all) {
    bool runs = false;
    for (const RuleSpec& rule : check->rules()) {
      auto it = severity.find(rule.id);
      const Severity level = it == severity.end() ? rule.default_severity : it->second;
      effective[rule.id] = level;
      runs = runs || level != Severity::kOff;
    }
    if (runs) checks.push_back(std::move(check));
  }

  // One database for every check; a literal two checks share (say `秘密` as a banned word and
  // as a marker) is compiled once and its matches go to both.
  std::vector<Literal> literals;
  std::vector<std::vector<LiteralOwner>> owners;
  std::map<std::pair<std::string, bool>, std::size_t> index;
  for (std::size_t c = 0; c < checks.size(); ++c) {
    const std::vector<Literal> own = checks[c]->literals();
    for (std::size_t l = 0; l < own.size(); ++l) {
      auto [it, inserted] = index.emplace(std::pair(own[l].text, own[l].caseless), literals.size());
      if (inserted) {
        literals.push_back(own[l]);
        owners.emplace_back();
      }
      owners[it->second].push_back({c, l});
    }
  }
  auto patterns = PatternSet::compile(literals);
  if (!patterns) return patterns.error();

  return std::unique_ptr<ContentChecker>(
      new ContentChecker(std::move(checks), std::move(*patterns), std::move(owners),
                         std::move(effective), digest_of(rule_files, severity)));
}

std::vector<Finding> ContentChecker::check(std::string_view path, std::string_view text) const {
  std::vector<Finding> findings;
  const LineIndex lines(text);
  if (auto bad = find_invalid_utf8(text)) {
    const TextPosition pos = lines.position(*bad);
    findings.push_back({std::string(path), pos.line, pos.col, Severity::kError, "page.invalid",
                        "文件不是有效的 UTF-8 编码 (invalid UTF-8)", ""});
  }

  const NormalizedText normalized = normalize(text);
  const CheckText input{text, normalized};

  std::vector<std::vector<LiteralMatch>> per_check(checks_.size());
  for (const LiteralMatch& m : patterns_.scan(normalized.text()))
    for (const LiteralOwner& owner : owners_[m.literal])
      per_check[owner.check].push_back({owner.literal, m.begin, m.end});

  std::vector<RuleHit> hits;
  for (std::size_t c = 0; c < checks_.size(); ++c) checks_[c]->run(input, per_check[c], hits);

  for (RuleHit& hit : hits) {
    const auto rule = severity_.find(hit.rule);
    const Severity level = rule == severity_.end() ? Severity::kError : rule->second;
    if (level == Severity::kOff) continue;
    const TextPosition pos = lines.position(hit.original.begin);
    findings.push_back({std::string(path), pos.line, pos.col, level, std::move(hit.rule),
                        std::move(hit.message),
                        std::string(text.substr(hit.original.begin,
                                                hit.original.end - hit.original.begin))});
  }
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.line, a.col, a.rule, a.message) < std::tie(b.line, b.col, b.rule, b.message);
  });
  return findings;
}

std::vector<std::string> ContentChecker::rule_ids() const {
  std::vector<std::string> ids;
  for (const auto& [rule, level] : severity_)
    if (level != Severity::kOff) ids.push_back(rule);
  return ids;
}

std::string ContentChecker::rules_digest() const { return digest_; }

}  // namespace sanshen
