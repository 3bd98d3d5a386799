// Themes: Mustache page templates plus static assets (design §7). The template engine stays
// behind templates.cc; callers describe what to render with View, a project type.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace sanshen {

// A template value: text, flag, list or object. `{{name}}` escapes text; `{{{name}}}` does not
// and is reserved for HTML the project produced itself (rendered Markdown).
class View {
 public:
  using List = std::vector<View>;
  using Object = std::vector<std::pair<std::string, View>>;

  View() : kind_(Kind::kObject) {}
  View(std::string text) : kind_(Kind::kText), text_(std::move(text)) {}
  View(const char* text) : View(std::string(text)) {}
  View(bool flag) : kind_(flag ? Kind::kTrue : Kind::kFalse) {}
  View(List list) : kind_(Kind::kList), list_(std::move(list)) {}

  // Adds or replaces a member; the view becomes (or stays) an object.
  View& set(const std::string& key, View value);

  enum class Kind { kText, kTrue, kFalse, kList, kObject };
  Kind kind() const { return kind_; }
  const std::string& text() const { return text_; }
  const List& list() const { return list_; }
  const Object& object() const { return object_; }

 private:
  Kind kind_;
  std::string text_;
  List list_;
  Object object_;
};

struct ThemeFile {
  std::string path;  // relative to the theme root, '/'-separated, e.g. "templates/home.html"
  std::string content;
};

// A loaded theme: `templates/<name>.html` are page templates, `templates/partials/<name>.html`
// are inlined where `{{> name}}` appears (so every template is parsed exactly once, at load),
// and everything under `assets/` is copied to the site unchanged.
class Theme {
 public:
  // Renders page template `name` ("home", "section", "article"). Errors "theme.invalid".
  Result<std::string> render(const std::string& name, const View& view) const;
  // Files under assets/, sorted by path; paths keep the "assets/" prefix.
  const std::vector<ThemeFile>& assets() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
  friend Result<Theme> load_theme(std::vector<ThemeFile> files);
  friend std::string theme_digest(const Theme& theme);
};

// Errors "theme.invalid": unknown or cyclic partials, Mustache syntax errors.
Result<Theme> load_theme(std::vector<ThemeFile> files);

// The files of themes/gov/, embedded into the library at build time (cmake/embed_theme.cmake),
// so the binary works from any directory.
std::vector<ThemeFile> default_theme_files();
// "<path>\n<sha256 hex>\n" for each of those files in the same order, computed at build time:
// the cache key of every build includes it, a no-op's included.
std::string_view default_theme_listing();
Result<Theme> load_default_theme();

// SHA-256 over every theme file (paths and bytes), for the provenance manifest (design §8).
std::string theme_digest(const Theme& theme);

}  // namespace sanshen
