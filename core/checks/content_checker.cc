#include "core/checks/content_checker.h"

#include <algorithm>
#include <tuple>

#include "core/checks/attachment_text.h"
#include "core/checks/banned_words.h"
#include "core/checks/canonical_terms.h"
#include "core/checks/check.h"
#include "core/checks/html_content.h"
#include "core/checks/leaders.h"
#include "core/checks/links.h"
#include "core/checks/page_meta.h"
#include "core/checks/pattern_cache.h"
#include "core/checks/personal_numbers.h"
#include "core/checks/rule_ids.h"
#include "core/checks/secrecy_marker.h"
#include "core/checks/typos.h"
#include "core/checks/word_list.h"
#include "core/hash.h"
#include "core/policy.h"
#include "core/unicode_text.h"

namespace sanshen {
namespace {

// Part of the digest: changes to built-in matching must invalidate caches keyed by it.
constexpr std::string_view kEngineVersion = "sanshen-content-checks 2";

bool is_word_list(const std::string& path) {
  return path.ends_with(".txt") && path != "terms.txt";
}

void add_list(std::string& data, const char* name, const std::vector<std::string>& items) {
  for (const std::string& item : items) data += std::string(name) + " " + item + "\n";
}

std::string digest_of(const CheckerConfig& c, const std::vector<std::string>& repost_sources) {
  // Lengths make the encoding unambiguous whatever the files contain.
  std::string data(kEngineVersion);
  data += '\n';
  for (const auto& [path, content] : c.rule_files)
    data += "file " + std::to_string(path.size()) + " " + path + " " +
            std::to_string(content.size()) + "\n" + content + "\n";
  for (const auto& [rule, level] : c.severity)
    data += "severity " + rule + " " + std::string(severity_name(level)) + "\n";
  add_list(data, "allow", c.link_allow);
  add_list(data, "deny", c.link_deny);
  add_list(data, "repost", repost_sources);
  return sha256_hex(data);
}

}  // namespace

ContentChecker::ContentChecker(std::vector<std::unique_ptr<Check>> checks, PatternSet patterns,
                               std::vector<std::vector<LiteralOwner>> owners,
                               std::map<std::string, Severity> severity, std::string digest,
                               bool from_cache)
    : checks_(std::move(checks)),
      patterns_(std::move(patterns)),
      owners_(std::move(owners)),
      severity_(std::move(severity)),
      digest_(std::move(digest)),
      patterns_from_cache_(from_cache) {}

ContentChecker::~ContentChecker() = default;

Result<std::unique_ptr<ContentChecker>> ContentChecker::create(
    const std::map<std::string, std::string>& rule_files,
    const std::map<std::string, Severity>& severity) {
  CheckerConfig config;
  config.rule_files = rule_files;
  config.severity = severity;
  return create(config);
}

Result<std::unique_ptr<ContentChecker>> ContentChecker::create(
    const std::map<std::string, std::string>& rule_files, const Policy& policy,
    std::string cache_dir) {
  CheckerConfig config;
  config.rule_files = rule_files;
  config.severity = policy.severity;
  config.link_allow = policy.link_allow;
  config.link_deny = policy.link_deny;
  config.repost_sources = policy.repost_sources;
  config.cache_dir = std::move(cache_dir);
  return create(config);
}

Result<std::unique_ptr<ContentChecker>> ContentChecker::create(const CheckerConfig& config) {
  std::vector<WordEntry> words;
  std::vector<CanonicalTerm> terms;
  std::vector<LeaderEntry> leaders;
  for (const auto& [path, content] : config.rule_files) {
    if (path == "terms.txt") {
      auto parsed = parse_terms(content);
      if (!parsed) return parsed.error();
      terms = std::move(*parsed);
    } else if (path == "leaders.toml") {
      auto parsed = parse_leaders(content);
      if (!parsed) return parsed.error();
      leaders = std::move(*parsed);
    } else if (is_word_list(path)) {
      auto entries = parse_word_list(content, path);
      if (!entries) return entries.error();
      for (WordEntry& e : *entries) words.push_back(std::move(e));
    }
  }
  const std::vector<std::string> repost_sources =
      config.repost_sources.empty()
          ? std::vector<std::string>{"people.com.cn", "news.cn", "xinhuanet.com", "www.gov.cn"}
          : config.repost_sources;

  std::vector<std::unique_ptr<Check>> all;
  all.push_back(std::make_unique<BannedWords>(std::move(words)));
  all.push_back(std::make_unique<SecrecyMarkers>());
  all.push_back(std::make_unique<PersonalNumbers>());
  all.push_back(std::make_unique<CanonicalTerms>(std::move(terms)));
  all.push_back(std::make_unique<LeaderTitles>(std::move(leaders)));
  all.push_back(std::make_unique<LinkTargets>(config.link_allow, config.link_deny));
  all.push_back(std::make_unique<HtmlContent>());
  all.push_back(std::make_unique<PageMetadata>(repost_sources));
  all.push_back(std::make_unique<Typos>());

  std::vector<std::unique_ptr<Check>> checks;
  std::map<std::string, Severity> effective;
  for (auto& check : all) {
    bool runs = false;
    for (std::string_view id : check->rules()) {
      const RuleInfo* info = find_rule(id);
      const std::string rule(id);
      auto it = config.severity.find(rule);
      const Severity level = it != config.severity.end() ? it->second
                             : info != nullptr           ? info->default_severity
                                                         : Severity::kError;
      effective[rule] = level;
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
  bool from_cache = false;
  auto patterns = cached_pattern_set(literals, config.cache_dir, from_cache);
  if (!patterns) return patterns.error();

  return std::unique_ptr<ContentChecker>(new ContentChecker(
      std::move(checks), std::move(*patterns), std::move(owners), std::move(effective),
      digest_of(config, repost_sources), from_cache));
}

std::vector<Finding> ContentChecker::check(std::string_view path, std::string_view text) const {
  CheckInput input;
  input.path = path;
  input.text = text;
  return check(input);
}

std::vector<Finding> ContentChecker::check(const CheckInput& input) const {
  const std::string_view text = input.text;
  std::vector<Finding> findings;
  const LineIndex lines(text);
  if (auto bad = find_invalid_utf8(text)) {
    const TextPosition pos = lines.position(*bad);
    findings.push_back({std::string(input.path), pos.line, pos.col, Severity::kError,
                        "page.invalid", "文件不是有效的 UTF-8 编码 (invalid UTF-8)", ""});
  }

  const NormalizedText normalized = normalize(text);
  const CheckText check_text{text, normalized, input.meta, input.section_kind};

  std::vector<std::vector<LiteralMatch>> per_check(checks_.size());
  for (const LiteralMatch& m : patterns_.scan(normalized.text()))
    for (const LiteralOwner& owner : owners_[m.literal])
      per_check[owner.check].push_back({owner.literal, m.begin, m.end});

  std::vector<RuleHit> hits;
  for (std::size_t c = 0; c < checks_.size(); ++c) checks_[c]->run(check_text, per_check[c], hits);

  for (RuleHit& hit : hits) {
    const auto rule = severity_.find(hit.rule);
    Severity level = rule == severity_.end() ? Severity::kError : rule->second;
    if (level == Severity::kOff) continue;
    if (hit.at_most_warning) level = Severity::kWarning;
    const TextPosition pos = lines.position(hit.original.begin);
    findings.push_back({std::string(input.path), pos.line, pos.col, level, std::move(hit.rule),
                        std::move(hit.message),
                        std::string(text.substr(hit.original.begin,
                                                hit.original.end - hit.original.begin))});
  }
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.line, a.col, a.rule, a.message) < std::tie(b.line, b.col, b.rule, b.message);
  });
  return findings;
}

std::vector<Finding> ContentChecker::check_attachment(std::string_view path,
                                                      std::string_view bytes) const {
  auto extracted = extract_attachment_text(path, bytes);
  if (!extracted) {
    return {{std::string(path), 1, 1, Severity::kError, "page.invalid",
             "附件无法读取，内容未经检查 (attachment unreadable): " + extracted.error().message,
             ""}};
  }
  if (!*extracted) return {};
  CheckInput input;
  input.path = path;
  input.text = **extracted;
  return check(input);
}

std::vector<std::string> ContentChecker::rule_ids() const {
  std::vector<std::string> ids;
  for (const auto& [rule, level] : severity_)
    if (level != Severity::kOff) ids.push_back(rule);
  return ids;
}

std::string ContentChecker::rules_digest() const { return digest_; }

}  // namespace sanshen
