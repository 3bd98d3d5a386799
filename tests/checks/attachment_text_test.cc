#include "core/checks/attachment_text.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/checks/content_checker.h"

namespace sanshen {
namespace {

// Fixtures made by tests/cases/attachments/make_fixtures.py; 450103199001011238 is synthetic.
std::string fixture(std::string_view name) {
  std::ifstream in(std::filesystem::path(SANSHEN_SOURCE_DIR) / "tests/cases/attachments" /
                       std::string(name),
                   std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string text_of(std::string_view name) {
  auto text = extract_attachment_text(std::string("static/files/") + std::string(name), fixture(name));
  INFO((text ? "" : text.error().describe()));
  REQUIRE(text);
  REQUIRE(*text);
  return **text;
}

std::unique_ptr<ContentChecker> checker() {
  auto c = ContentChecker::create({{"banned.txt", "赌博\n"}}, std::map<std::string, Severity>{});
  REQUIRE(c);
  return std::move(*c);
}

bool has_rule(const std::vector<Finding>& findings, std::string_view rule) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.rule == rule && f.severity == Severity::kError; });
}

}  // namespace

TEST_CASE("docx text has one line per paragraph, table cells and headers included",
          "[checks][attachments]") {
  const std::string text = text_of("notice.docx");
  CHECK(text.find("关于公布补贴名单的通知\n请各单位认真落实。\n") != std::string::npos);
  CHECK(text.find("表格\t单元\n") != std::string::npos);
  CHECK(text.find("青禾县人民政府办公室") != std::string::npos);
}

TEST_CASE("xlsx text has one line per row with shared, inline and number cells",
          "[checks][attachments]") {
  CHECK(text_of("clean.xlsx") == "姓名\t村组\t金额\n王某\t一组\t1200\n李某\t二组\t800\n");
  CHECK(text_of("ids-as-number.xlsx").find("450103199001011238") != std::string::npos);
}

TEST_CASE("pdf text comes from every page", "[checks][attachments]") {
  const std::string text = text_of("clean.pdf");
  CHECK(text.find("Qinghe County notice") != std::string::npos);
  CHECK(text.find("2025-03-10") != std::string::npos);
}

TEST_CASE("txt and csv are read as UTF-8, or as GB18030 when they are not UTF-8",
          "[checks][attachments]") {
  CHECK(text_of("notice.txt") == "通知\n网上赌博危害大。\n");
  CHECK(text_of("ids.csv") == "姓名,身份证号\n王某,450103199001011238\n");
}

TEST_CASE("attachments of every type with an ID number are errors", "[checks][attachments]") {
  const auto c = checker();
  for (const char* name : {"ids.xlsx", "ids-as-number.xlsx", "ids.csv", "ids.pdf", "leak.docx"}) {
    INFO(name);
    CHECK(has_rule(c->check_attachment(std::string("static/") + name, fixture(name)), "pii.id-card"));
  }
  const auto leak = c->check_attachment("static/leak.docx", fixture("leak.docx"));
  CHECK(has_rule(leak, "secrecy.marker"));  // 内部资料 in the header
  CHECK(has_rule(c->check_attachment("static/notice.txt", fixture("notice.txt")), "words.banned"));
}

TEST_CASE("clean attachments have no findings", "[checks][attachments]") {
  const auto c = checker();
  for (const char* name : {"clean.xlsx", "clean.pdf", "notice.docx"}) {
    INFO(name);
    CHECK(c->check_attachment(std::string("static/") + name, fixture(name)).empty());
  }
}

TEST_CASE("damaged and old binary Office attachments are page.invalid errors",
          "[checks][attachments]") {
  const auto c = checker();
  for (const char* name : {"broken.docx", "old.xls"}) {
    INFO(name);
    const auto findings = c->check_attachment(std::string("static/") + name, fixture(name));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "page.invalid");
    CHECK(findings[0].severity == Severity::kError);
  }
  CHECK(c->check_attachment("static/ids.pdf", "%PDF-1.4 garbage")[0].rule == "page.invalid");
}

TEST_CASE("attachments without text are not checked", "[checks][attachments]") {
  auto text = extract_attachment_text("static/a.png", "\x89PNG 450103199001011238");
  REQUIRE(text);
  CHECK_FALSE(*text);
  CHECK(checker()->check_attachment("static/a.png", "450103199001011238").empty());
}

TEST_CASE("a page's attachments are its front matter list and its /static/ links",
          "[checks][attachments]") {
  PageSource page;
  page.meta.attachments = {"static/files/a.xlsx", "/static/files/b.pdf"};
  page.body = "见[名单](/static/files/c.docx?v=2)和<a href=\"static/d.csv\">表</a>，"
              "[外链](https://www.gov.cn/x.pdf)、[上级](../static/e.pdf)、[重复](/static/files/a.xlsx)";
  CHECK(linked_attachments(page) ==
        std::vector<std::string>{"static/files/a.xlsx", "static/files/b.pdf",
                                 "static/files/c.docx", "static/d.csv"});
}

}  // namespace sanshen
