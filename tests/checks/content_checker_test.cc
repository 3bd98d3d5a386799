#include "core/checks/content_checker.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "core/checks/rule_ids.h"
#include "core/front_matter.h"

namespace sanshen {
namespace {

std::unique_ptr<ContentChecker> make_checker(const std::map<std::string, std::string>& files = {},
                                             const std::map<std::string, Severity>& sev = {}) {
  auto checker = ContentChecker::create(files, sev);
  INFO((checker ? "" : checker.error().describe()));
  REQUIRE(checker);
  return std::move(*checker);
}

// `\n`, `\\` and `\u{HEX}` escapes of the fixture tables.
std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char next = s[++i];
    if (next == 'n') {
      out += '\n';
    } else if (next == 'u' && i + 1 < s.size() && s[i + 1] == '{') {
      const std::size_t close = s.find('}', i);
      const auto cp = static_cast<char32_t>(std::stoul(std::string(s.substr(i + 2, close - i - 2)), nullptr, 16));
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
      i = close;
    } else {
      out += next;
    }
  }
  return out;
}

// Line and code-point column of a byte offset.
std::pair<int, int> position_of(const std::string& text, std::size_t offset) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

struct FixtureCase {
  int line;
  bool hit;
  Severity severity;
  std::string expected;
  int col;  // 0: where `expected` first occurs in `input`
  std::string input;
};

struct Fixture {
  std::string rule;
  std::string kind;  // section kind for the cases, e.g. xxgk
  CheckerConfig config;
  std::vector<FixtureCase> cases;
};

Fixture read_fixture(const std::filesystem::path& path) {
  std::ifstream in(path);
  Fixture f;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string_view l = line;
    if (l.empty() || l.front() == '#') continue;
    if (l.starts_with("rule ")) {
      f.rule = l.substr(5);
    } else if (l.starts_with("kind ")) {
      f.kind = l.substr(5);
    } else if (l.starts_with("list ")) {
      f.config.rule_files["banned.txt"] += std::string(l.substr(5)) + "\n";
    } else if (l.starts_with("terms ")) {
      f.config.rule_files["terms.txt"] += std::string(l.substr(6)) + "\n";
    } else if (l.starts_with("leaders ")) {
      f.config.rule_files["leaders.toml"] += std::string(l.substr(8)) + "\n";
    } else if (l.starts_with("allow ")) {
      f.config.link_allow.emplace_back(l.substr(6));
    } else if (l.starts_with("deny ")) {
      f.config.link_deny.emplace_back(l.substr(5));
    } else if (l.starts_with("repost ")) {
      f.config.repost_sources.emplace_back(l.substr(7));
    } else if (l.starts_with("miss in: ")) {
      f.cases.push_back({line_no, false, Severity::kError, "", 0, unescape(l.substr(9))});
    } else if (l.starts_with("hit ") || l.starts_with("warn ")) {
      const bool warn = l.starts_with("warn ");
      const std::size_t in_at = l.find(" in: ");
      REQUIRE(in_at != std::string_view::npos);
      const std::size_t from = warn ? 5 : 4;
      std::string_view expected = l.substr(from, in_at - from);
      int col = 0;
      if (const std::size_t at = expected.rfind(" at "); at != std::string_view::npos) {
        col = std::stoi(std::string(expected.substr(at + 4)));
        expected = expected.substr(0, at);
      }
      f.cases.push_back({line_no, true, warn ? Severity::kWarning : Severity::kError,
                         unescape(expected), col, unescape(l.substr(in_at + 5))});
    } else {
      FAIL(path.string() << ":" << line_no << ": unknown fixture line");
    }
  }
  return f;
}

}  // namespace

TEST_CASE("every fixture table case hits or passes as the table says", "[checks]") {
  const std::filesystem::path dir = std::filesystem::path(SANSHEN_SOURCE_DIR) / "tests/cases/checks";
  int tables = 0;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    if (file.path().extension() != ".txt") continue;
    ++tables;
    const Fixture f = read_fixture(file.path());
    REQUIRE_FALSE(f.rule.empty());
    auto created = ContentChecker::create(f.config);
    INFO((created ? "" : created.error().describe()));
    REQUIRE(created);
    const auto& checker = *created;
    for (const FixtureCase& c : f.cases) {
      INFO(file.path().filename().string() << ":" << c.line << ": " << c.input);
      // Inputs that start with front matter are pages: their metadata goes to the checker.
      std::optional<PageSource> page;
      if (c.input.starts_with("---\n")) {
        auto parsed = parse_page(c.input, "content/s/p.md");
        INFO((parsed ? "" : parsed.error().describe()));
        REQUIRE(parsed);
        page = std::move(*parsed);
      }
      CheckInput input;
      input.path = "p.md";
      input.text = c.input;
      input.meta = page ? &page->meta : nullptr;
      input.section_kind = f.kind;
      std::vector<Finding> found;
      for (Finding& finding : checker->check(input))
        if (finding.rule == f.rule) found.push_back(std::move(finding));
      for (const Finding& finding : found) UNSCOPED_INFO(finding.describe());
      if (!c.hit) {
        CHECK(found.empty());
        continue;
      }
      CHECK(found.size() == 1);
      if (found.size() != 1) continue;
      CHECK(found[0].text == c.expected);
      std::pair<int, int> want{1, c.col};
      if (c.col == 0) {
        const std::size_t at = c.input.find(c.expected);
        REQUIRE(at != std::string::npos);
        want = position_of(c.input, at);
      }
      CHECK(std::pair(found[0].line, found[0].col) == want);
      CHECK(found[0].severity == c.severity);
    }
  }
  CHECK(tables >= 15);
}

TEST_CASE("a finding after CJK text and a zero-width character reports the original column",
          "[checks]") {
  const auto checker = make_checker({{"banned.txt", "赌博\n"}});
  // Line 2: 前(1) 文(2) U+200B(3) 赌(4); the zero-width character is removed before matching.
  const auto findings = checker->check("content/a.md", "标题\n前文\u200b赌博，身份证４５０１０２２００００２２９１２３４");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].path == "content/a.md");
  CHECK(findings[0].rule == "words.banned");
  CHECK(findings[0].line == 2);
  CHECK(findings[0].col == 4);
  CHECK(findings[0].text == "赌博");
  CHECK(findings[1].rule == "pii.id-card");
  CHECK(findings[1].line == 2);
  CHECK(findings[1].col == 10);
  CHECK(findings[1].text == "４５０１０２２００００２２９１２３４");
}

TEST_CASE("messages about personal numbers mask the middle of the number", "[checks]") {
  const auto checker = make_checker();
  // Synthetic numbers: check characters computed for the test (GB 11643, Luhn).
  const auto findings = checker->check("a.md", "450102200002291234\n6222 0212 3456 7890 128");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message.find("4501**********1234") != std::string::npos);
  CHECK(findings[0].message.find("450102200002291234") == std::string::npos);
  CHECK(findings[1].rule == "pii.bank-card");
  CHECK(findings[1].message.find("6222***********0128") != std::string::npos);
}

TEST_CASE("findings come sorted by line and column", "[checks]") {
  const auto checker = make_checker({{"banned.txt", "赌博\n"}});
  const auto findings = checker->check("a.md", "内部资料 赌博\n赌博 机密★\n");
  REQUIRE(findings.size() == 4);
  CHECK(std::pair(findings[0].line, findings[0].col) == std::pair(1, 1));
  CHECK(std::pair(findings[1].line, findings[1].col) == std::pair(1, 6));
  CHECK(std::pair(findings[2].line, findings[2].col) == std::pair(2, 1));
  CHECK(std::pair(findings[3].line, findings[3].col) == std::pair(2, 4));
}

TEST_CASE("severity overrides change a rule's level and off drops its findings", "[checks]") {
  const auto checker = make_checker({{"banned.txt", "赌博\n"}},
                                    {{"words.banned", Severity::kWarning},
                                     {"secrecy.marker", Severity::kOff},
                                     {"pii.mobile", Severity::kError}});
  const auto findings = checker->check("a.md", "赌博 机密★");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::kWarning);
  const auto ids = checker->rule_ids();
  CHECK(std::find(ids.begin(), ids.end(), "secrecy.marker") == ids.end());
  CHECK(std::find(ids.begin(), ids.end(), "words.banned") != ids.end());
}

TEST_CASE("every rule of design 5 but the gate's time.backdated runs by default", "[checks]") {
  std::vector<std::string> expected;
  for (const RuleInfo& r : kRules)
    if (r.id != "time.backdated") expected.emplace_back(r.id);
  std::sort(expected.begin(), expected.end());
  CHECK(make_checker()->rule_ids() == expected);
}

TEST_CASE("every txt rule file except terms.txt is a banned word list", "[checks]") {
  const auto checker = make_checker({{"political.txt", "反动标语\n"},
                                     {"gambling.txt", "赌博\n"},
                                     {"terms.txt", "中华人民共和国\n"},
                                     {"leaders.toml", "[[leader]]\nname = \"孙立\"\ntitle = \"县长\"\n"}});
  const auto findings = checker->check("a.md", "反动标语 赌博 中华人民共和国");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message.find("political.txt:1") != std::string::npos);
  CHECK(findings[1].message.find("gambling.txt:1") != std::string::npos);
}

TEST_CASE("a literal two rules share is reported under both", "[checks]") {
  const auto checker = make_checker({{"banned.txt", "秘密\n"}});
  const auto findings = checker->check("a.md", "秘密★1年");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].rule == "secrecy.marker");
  CHECK(findings[0].text == "秘密★1年");
  CHECK(findings[1].rule == "words.banned");
  CHECK(findings[1].text == "秘密");
}

TEST_CASE("entries for the same word in several lists share their allow contexts", "[checks]") {
  const auto checker = make_checker({{"a.txt", "口交\n"}, {"b.txt", "口交|路口交通\n"}});
  CHECK(checker->check("a.md", "路口交通管制").empty());
  CHECK(checker->check("a.md", "口交").size() == 1);
}

TEST_CASE("empty text has no findings", "[checks]") {
  CHECK(make_checker({{"banned.txt", "赌博\n"}})->check("a.md", "").empty());
}

TEST_CASE("a bad rule file is config.invalid with its path and line", "[checks]") {
  auto checker = ContentChecker::create({{"banned.txt", "# ok\n赌博\n口交|出口贸易\n"}},
                                       std::map<std::string, Severity>{});
  REQUIRE_FALSE(checker);
  CHECK(checker.error().rule == "config.invalid");
  CHECK(checker.error().path == ".sanshen/rules/banned.txt");
  CHECK(checker.error().line == 3);
}

TEST_CASE("the rules digest changes with rule files and severities only", "[checks]") {
  const std::map<std::string, std::string> files{{"banned.txt", "赌博\n"}};
  const std::string base = make_checker(files)->rules_digest();
  CHECK(base.size() == 64);
  CHECK(make_checker(files)->rules_digest() == base);
  CHECK(make_checker({{"banned.txt", "赌博\n六合彩\n"}})->rules_digest() != base);
  CHECK(make_checker(files, {{"pii.mobile", Severity::kError}})->rules_digest() != base);
  CHECK(make_checker({{"terms.txt", ""}, {"banned.txt", "赌博\n"}})->rules_digest() != base);
}

TEST_CASE("invalid UTF-8 is reported where it starts and the rest is still checked",
          "[checks]") {
  const auto checker = make_checker({{"banned.txt", "赌博\n"}});
  const auto findings = checker->check("a.md", "第一行\n好\xff赌博");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].rule == "page.invalid");
  CHECK(std::pair(findings[0].line, findings[0].col) == std::pair(2, 2));
  CHECK(findings[1].rule == "words.banned");
  CHECK(std::pair(findings[1].line, findings[1].col) == std::pair(2, 3));
}

TEST_CASE("one checker is safe to use from several threads at once", "[checks]") {
  const auto checker = make_checker({{"banned.txt", "赌博\n"}});
  std::vector<std::thread> threads;
  std::atomic<int> total{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) total += static_cast<int>(checker->check("a.md", "网上赌博").size());
    });
  for (auto& th : threads) th.join();
  CHECK(total == 800);
}

}  // namespace sanshen
