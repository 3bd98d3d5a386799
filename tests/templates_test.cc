#include "core/templates.h"

#include <catch2/catch.hpp>

#include "core/hash.h"

using namespace sanshen;

namespace {

Theme load(std::vector<ThemeFile> files) {
  auto theme = load_theme(std::move(files));
  REQUIRE(theme.ok());
  return std::move(theme).value();
}

}  // namespace

TEST_CASE("a view renders text escaped with {{ }} and raw with {{{ }}}", "[templates]") {
  Theme theme = load({{"templates/page.html", "<h1>{{title}}</h1>{{{body}}}"}});
  View view;
  view.set("title", "<script>\"&'");
  view.set("body", "<p>正文</p>");
  auto html = theme.render("page", view);
  REQUIRE(html.ok());
  CHECK(*html == "<h1>&lt;script&gt;&quot;&amp;&apos;</h1><p>正文</p>");
}

TEST_CASE("lists, flags and nested objects drive sections", "[templates]") {
  Theme theme = load(
      {{"templates/page.html",
        "{{#items}}[{{name}}]{{/items}}{{#flag}}yes{{/flag}}{{^off}}no{{/off}}{{site.title}}"}});
  View a, b, site;
  a.set("name", "甲");
  b.set("name", "乙");
  site.set("title", "县政府");
  View view;
  view.set("items", View::List{a, b});
  view.set("flag", true);
  view.set("off", false);
  view.set("site", site);
  auto html = theme.render("page", view);
  REQUIRE(html.ok());
  CHECK(*html == "[甲][乙]yesno县政府");
}

TEST_CASE("names inside a section fall back to the outer views, dotted ones as a whole path",
          "[templates]") {
  Theme theme = load({{"templates/page.html",
                       "{{#items}}<{{.}}|{{site.title}}|{{page.title}}>{{/items}}"
                       "{{#page}}{{site.title}}/{{title}}{{/page}}{{page.missing}}{{site.}}"}});
  View site, page;
  site.set("title", "县 & 乡");
  page.set("title", "a<b>c");
  View view;
  view.set("items", View::List{View("x\"y"), View("z")});
  view.set("site", site);
  view.set("page", page);
  auto html = theme.render("page", view);
  REQUIRE(html.ok());
  CHECK(*html ==
        "<x&quot;y|县 &amp; 乡|a&lt;b&gt;c><z|县 &amp; 乡|a&lt;b&gt;c>"
        "县 &amp; 乡/a&lt;b&gt;c");
}

TEST_CASE("partials are inlined at load, including nested ones", "[templates]") {
  Theme theme = load({{"templates/page.html", "<{{> outer}}>"},
                      {"templates/partials/outer.html", "o{{>inner}}o"},
                      {"templates/partials/inner.html", "{{x}}"}});
  View view;
  view.set("x", "i");
  auto html = theme.render("page", view);
  REQUIRE(html.ok());
  CHECK(*html == "<oio>");
}

TEST_CASE("a theme with an unknown or cyclic partial or bad syntax is refused", "[templates]") {
  auto unknown = load_theme({{"templates/page.html", "{{> missing}}"}});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().rule == "theme.invalid");
  CHECK(unknown.error().path == "templates/page.html");

  auto cyclic =
      load_theme({{"templates/page.html", "{{> a}}"}, {"templates/partials/a.html", "{{> a}}"}});
  REQUIRE_FALSE(cyclic.ok());
  CHECK(cyclic.error().rule == "theme.invalid");

  auto syntax = load_theme({{"templates/page.html", "{{#open}}never closed"}});
  REQUIRE_FALSE(syntax.ok());
  CHECK(syntax.error().rule == "theme.invalid");
}

TEST_CASE("rendering a template the theme does not have is an error", "[templates]") {
  Theme theme = load({{"templates/page.html", "x"}});
  auto html = theme.render("nope", View());
  REQUIRE_FALSE(html.ok());
  CHECK(html.error().rule == "theme.invalid");
}

TEST_CASE("the embedded default theme loads with its page templates, css and scripts",
          "[templates]") {
  auto theme = load_default_theme();
  REQUIRE(theme.ok());
  std::vector<std::string> assets;
  for (const auto& asset : theme->assets()) assets.push_back(asset.path);
  CHECK(assets == std::vector<std::string>{"assets/css/gov.css", "assets/css/print.css",
                                           "assets/js/gov.js", "assets/js/search.js"});
  for (const char* name : {"home", "section", "article", "sitemap", "search", "404"}) {
    INFO(name);
    CHECK(theme->render(name, View()).ok());
  }
}

TEST_CASE("the theme digest is stable and changes with any file", "[templates]") {
  auto a = load_theme({{"templates/page.html", "x"}, {"assets/a.css", "body{}"}});
  auto b = load_theme({{"assets/a.css", "body{}"}, {"templates/page.html", "x"}});
  auto c = load_theme({{"templates/page.html", "x"}, {"assets/a.css", "body{ }"}});
  REQUIRE((a.ok() && b.ok() && c.ok()));
  CHECK(theme_digest(*a).size() == 64);
  CHECK(theme_digest(*a) == theme_digest(*b));
  CHECK(theme_digest(*a) != theme_digest(*c));
  auto gov = load_default_theme();
  REQUIRE(gov.ok());
  CHECK(theme_digest(*gov).size() == 64);
}

TEST_CASE("the built-in theme's listing names every embedded file with its sha256", "[templates]") {
  std::string expected;
  for (const auto& f : default_theme_files())
    expected += f.path + "\n" + sha256_hex(f.content) + "\n";
  CHECK_FALSE(default_theme_files().empty());
  CHECK(default_theme_listing() == expected);
}
