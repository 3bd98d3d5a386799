#include "core/site.h"

#include <algorithm>
#include <unordered_map>

namespace sanshen {
namespace {

constexpr const char* kRule = "site.invalid";

bool is_segment(const std::string& s) {
  return !s.empty() && s != "." && s != ".." && s.find_first_of("/\\") == std::string::npos;
}

// Percent-encodes everything but unreserved characters (and '/' between segments), so Chinese
// or spaced file names still give valid hrefs.
std::string encode_path(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// Output file path and its pretty URL (relative to the site root) of each kind of page.
std::string list_path(const std::string& section, std::size_t n) {
  return n == 1 ? section + "/index.html" : section + "/page/" + std::to_string(n) + "/index.html";
}
std::string article_path(const std::string& section, const std::string& slug) {
  return section + "/" + slug + "/index.html";
}
std::string url_of(const std::string& output_path) {
  constexpr std::string_view kIndex = "index.html";
  std::string_view dir = output_path;
  if (dir.ends_with(kIndex)) dir.remove_suffix(kIndex.size());
  return encode_path(dir);
}

// "../" per directory level, so links work wherever the site is mounted (and from file://).
std::string root_of(const std::string& output_path) {
  std::string root;
  for (const char c : output_path) {
    if (c == '/') root += "../";
  }
  return root;
}

std::string href(const std::string& root, const std::string& url) {
  const std::string out = root + url;
  return out.empty() ? "./" : out;
}

bool is_web_url(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

// "content/zcjd/x.md", "zcjd/x.md" and "/zcjd/x/" all name the page zcjd/x.
std::string page_key(std::string_view ref) {
  while (ref.starts_with('/')) ref.remove_prefix(1);
  if (ref.starts_with("content/")) ref.remove_prefix(8);
  while (ref.ends_with('/')) ref.remove_suffix(1);
  if (ref.ends_with(".md")) ref.remove_suffix(3);
  return std::string(ref);
}

void set_if(View& view, const std::string& key, const std::string& value) {
  if (!value.empty()) view.set(key, value);
}

// Newest first; undated pages last; ties by slug so the order never depends on input order.
bool newer(const SitePage* a, const SitePage* b) {
  if (a->meta.date != b->meta.date) return a->meta.date > b->meta.date;
  return a->slug < b->slug;
}

class SiteRenderer {
 public:
  SiteRenderer(const SiteInput& input, const Theme& theme) : input_(input), theme_(theme) {}

  Result<SiteOutput> run() {
    if (auto st = index(); !st) return st.error();
    if (auto st = render_home(); !st) return st.error();
    for (const SiteSection* section : sections_) {
      if (auto st = render_section(*section); !st) return st.error();
      for (const SitePage* page : pages_by_section_[section->id]) {
        if (auto st = render_article(*section, *page); !st) return st.error();
      }
    }
    for (const auto& asset : theme_.assets()) {
      if (auto st = add(asset.path, asset.content); !st) return st.error();
    }
    for (auto& [path, content] : files_) output_.files.push_back({path, std::move(content)});
    return std::move(output_);
  }

 private:
  Status index() {
    for (const auto& section : input_.sections) {
      if (!is_segment(section.id)) {
        return make_error(kRule, "栏目目录名无效 (bad section id): " + section.id);
      }
      sections_.push_back(&section);
    }
    std::sort(sections_.begin(), sections_.end(), [](const SiteSection* a, const SiteSection* b) {
      return a->meta.order != b->meta.order ? a->meta.order < b->meta.order : a->id < b->id;
    });
    for (const auto& page : input_.pages) {
      const bool known = std::any_of(sections_.begin(), sections_.end(),
                                     [&](const SiteSection* s) { return s->id == page.section; });
      if (!known) {
        return make_error(kRule, "页面所在栏目缺少 _index.md (section has no _index.md): " + page.section,
                          page.source_path);
      }
      if (!is_segment(page.slug)) {
        return make_error(kRule, "页面文件名无效 (bad page slug): " + page.slug, page.source_path);
      }
      pages_by_section_[page.section].push_back(&page);
      by_key_.emplace(page_key(page.section + "/" + page.slug), &page);
    }
    for (auto& [id, pages] : pages_by_section_) std::sort(pages.begin(), pages.end(), newer);
    return ok_status();
  }

  // What every page shares: site identity, navigation, links back to the root.
  View base_view(const std::string& output_path, const std::string& title,
                 const std::string& current_section) const {
    const std::string root = root_of(output_path);
    View view;
    view.set("root", root);
    view.set("home_url", href(root, ""));
    view.set("page_title", title.empty() ? input_.config.title : title + " - " + input_.config.title);
    if (!input_.config.base_url.empty()) {
      std::string base = input_.config.base_url;
      if (!base.ends_with('/')) base += '/';
      view.set("canonical", base + url_of(output_path));
    }
    view.set("is_home", output_path == "index.html");

    View site;
    site.set("title", input_.config.title);
    set_if(site, "host", input_.config.host);
    set_if(site, "operator", input_.config.operator_);
    set_if(site, "contact", input_.config.contact);
    set_if(site, "site_code", input_.config.site_code);
    set_if(site, "icp", input_.config.icp);
    set_if(site, "police", input_.config.police);
    set_if(site, "build_time", input_.build_time);
    view.set("site", std::move(site));

    View::List nav;
    for (const SiteSection* section : sections_) {
      View item;
      item.set("title", section->meta.title);
      item.set("url", href(root, url_of(list_path(section->id, 1))));
      item.set("current", section->id == current_section);
      nav.push_back(std::move(item));
    }
    view.set("nav", std::move(nav));
    return view;
  }

  View item_view(const SitePage& page, const std::string& root) const {
    View item;
    item.set("title", page.meta.title);
    item.set("url", href(root, url_of(article_path(page.section, page.slug))));
    if (!page.meta.date.empty()) {
      item.set("date", page.meta.date);
      item.set("day", page.meta.date.substr(0, 10));
    }
    set_if(item, "doc_no", page.meta.doc_no);
    return item;
  }

  void set_items(View& view, const std::vector<const SitePage*>& pages, std::size_t begin,
                 std::size_t end, const std::string& root) const {
    View::List items;
    for (std::size_t i = begin; i < end && i < pages.size(); ++i) items.push_back(item_view(*pages[i], root));
    view.set("has_items", !items.empty());
    view.set("items", std::move(items));
  }

  static View crumb(const std::string& title, const std::string& url) {
    View c;
    c.set("title", title);
    c.set("url", url);
    c.set("current", url.empty());
    return c;
  }

  Status render_home() {
    const std::string path = "index.html";
    View view = base_view(path, "", "");
    View::List panels;
    for (const SiteSection* section : sections_) {
      View panel;
      panel.set("anchor", "section-" + std::to_string(panels.size() + 1));
      panel.set("title", section->meta.title);
      panel.set("url", href("", url_of(list_path(section->id, 1))));
      set_items(panel, pages_by_section_[section->id], 0, kItemsPerHomeSection, "");
      panels.push_back(std::move(panel));
    }
    view.set("sections", std::move(panels));
    return emit(path, "home", view);
  }

  Status render_section(const SiteSection& section) {
    const auto& pages = pages_by_section_[section.id];
    const std::size_t count = std::max<std::size_t>(1, (pages.size() + kItemsPerListPage - 1) / kItemsPerListPage);
    for (std::size_t n = 1; n <= count; ++n) {
      const std::string path = list_path(section.id, n);
      const std::string root = root_of(path);
      const std::string first_url = href(root, url_of(list_path(section.id, 1)));
      const std::string numbered = n == 1 ? "" : "（第 " + std::to_string(n) + " 页）";
      View view = base_view(path, section.meta.title + numbered, section.id);
      View s;
      s.set("title", section.meta.title);
      s.set("url", first_url);
      s.set("is_xxgk", section.meta.kind == "xxgk");
      view.set("section", std::move(s));
      View::List crumbs{crumb("首页", href(root, "")), crumb(section.meta.title, n == 1 ? "" : first_url)};
      if (n > 1) crumbs.push_back(crumb("第 " + std::to_string(n) + " 页", ""));
      view.set("breadcrumbs", std::move(crumbs));
      set_items(view, pages, (n - 1) * kItemsPerListPage, n * kItemsPerListPage, root);
      if (count > 1) view.set("pagination", pagination(section.id, n, count, root));
      if (auto st = emit(path, "section", view); !st) return st;
    }
    return ok_status();
  }

  // First, last and two either side of the current page, with gaps marked; long sections
  // would otherwise put hundreds of links on every list page.
  static View pagination(const std::string& section, std::size_t n, std::size_t count,
                         const std::string& root) {
    auto url = [&](std::size_t k) { return href(root, url_of(list_path(section, k))); };
    View p;
    p.set("page_number", std::to_string(n));
    p.set("page_count", std::to_string(count));
    if (n > 1) p.set("prev_url", url(n - 1));
    if (n < count) p.set("next_url", url(n + 1));
    View::List pages;
    std::size_t last_shown = 0;
    for (std::size_t k = 1; k <= count; ++k) {
      const bool shown = k == 1 || k == count || (k + 2 >= n && k <= n + 2);
      if (!shown) continue;
      if (k > last_shown + 1) {
        View gap;
        gap.set("gap", true);
        pages.push_back(std::move(gap));
      }
      View page;
      page.set("gap", false);
      page.set("number", std::to_string(k));
      page.set("url", url(k));
      page.set("is_current", k == n);
      pages.push_back(std::move(page));
      last_shown = k;
    }
    p.set("pages", std::move(pages));
    return p;
  }

  Status render_article(const SiteSection& section, const SitePage& page) {
    const std::string path = article_path(page.section, page.slug);
    const std::string root = root_of(path);
    const PageMeta& m = page.meta;
    View view = base_view(path, m.title, section.id);
    view.set("breadcrumbs", View::List{crumb("首页", href(root, "")),
                                       crumb(section.meta.title, href(root, url_of(list_path(section.id, 1)))),
                                       crumb(m.title, "")});
    View a;
    a.set("title", m.title);
    set_if(a, "date", m.date);
    set_if(a, "source", m.source);
    set_if(a, "author", m.author);
    if (is_web_url(m.repost_of)) {
      a.set("repost_url", m.repost_of);
    } else {
      set_if(a, "repost_text", m.repost_of);
    }
    a.set("body", page.body_html);
    if (section.meta.kind == "xxgk") {
      View d;
      d.set("index_no", m.index_no);
      d.set("subject", m.subject);
      d.set("issuer", m.issuer);
      d.set("written", m.written);
      d.set("doc_no", m.doc_no);
      d.set("date", m.date.substr(0, 10));
      d.set("validity", m.validity);
      a.set("disclosure", std::move(d));
    }
    View::List attachments;
    for (const auto& ref : m.attachments) {
      std::string_view target = ref;
      // Site-relative paths and web URLs only: a `javascript:` or other scheme is never a link.
      const bool web = is_web_url(target);
      if (!web && target.find(':') != std::string_view::npos) continue;
      while (!web && target.starts_with('/')) target.remove_prefix(1);
      View item;
      item.set("name", std::string(target.substr(target.find_last_of('/') + 1)));
      item.set("url", web ? std::string(target) : root + encode_path(target));
      attachments.push_back(std::move(item));
    }
    a.set("has_attachments", !attachments.empty());
    a.set("attachments", std::move(attachments));
    View::List related;
    for (const auto& ref : m.related) {
      const auto it = by_key_.find(page_key(ref));
      if (it == by_key_.end()) continue;  // not published in this build
      related.push_back(item_view(*it->second, root));
    }
    a.set("has_related", !related.empty());
    a.set("related", std::move(related));
    view.set("page", std::move(a));
    output_.page_outputs[page.source_path].push_back(path);
    return emit(path, "article", view);
  }

  Status emit(const std::string& path, const std::string& template_name, const View& view) {
    auto html = theme_.render(template_name, view);
    if (!html) return html.error();
    return add(path, std::move(*html));
  }

  Status add(const std::string& path, std::string content) {
    if (!files_.emplace(path, std::move(content)).second) {
      return make_error(kRule, "两个页面输出到同一路径 (two outputs at one path): " + path);
    }
    return ok_status();
  }

  const SiteInput& input_;
  const Theme& theme_;
  std::vector<const SiteSection*> sections_;
  std::map<std::string, std::vector<const SitePage*>> pages_by_section_;
  std::unordered_map<std::string, const SitePage*> by_key_;
  std::map<std::string, std::string> files_;  // sorted by path
  SiteOutput output_;
};

}  // namespace

Result<SiteOutput> render_site(const SiteInput& input, const Theme& theme) {
  return SiteRenderer(input, theme).run();
}

}  // namespace sanshen
