#include "core/site.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/feeds.h"
#include "core/parallel.h"
#include "core/search_index.h"

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

// Newest first; undated pages last; ties by section and slug so the order never depends on
// input order.
bool newer(const SitePage* a, const SitePage* b) {
  if (a->meta.date != b->meta.date) return a->meta.date > b->meta.date;
  if (a->section != b->section) return a->section < b->section;
  return a->slug < b->slug;
}

// "/" for "https://x.gov.cn/", "/qs/" for "https://x.gov.cn/qs/": where the site root is on
// its server, for the 404 page that the server shows at any depth.
std::string base_path(const std::string& base_url) {
  const std::size_t scheme = base_url.find("://");
  const std::size_t slash = scheme == std::string::npos ? std::string::npos : base_url.find('/', scheme + 3);
  return slash == std::string::npos ? "/" : base_url.substr(slash);
}

bool is_withdrawn(const PageMeta& m) { return m.validity == "失效" || m.validity == "废止"; }

// What a reader needs before opening an attachment: its kind, by extension.
std::string file_type(std::string_view name) {
  const std::size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {"pdf", "PDF"},   {"doc", "Word"},   {"docx", "Word"},  {"wps", "WPS"},    {"xls", "Excel"},
      {"xlsx", "Excel"}, {"et", "Excel"},  {"ppt", "PPT"},    {"pptx", "PPT"},   {"ofd", "OFD"},
      {"zip", "压缩包"}, {"rar", "压缩包"}, {"7z", "压缩包"},  {"jpg", "图片"},   {"jpeg", "图片"},
      {"png", "图片"},   {"gif", "图片"},   {"txt", "文本"},   {"csv", "CSV"},    {"mp4", "视频"}};
  for (const auto& [e, label] : kTypes) {
    if (ext == e) return std::string(label);
  }
  std::string upper = ext;
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return upper;
}

// "980 B", "12 KB" (rounded up, so a small file never shows 0 KB), "1.5 MB".
std::string file_size(std::uint64_t bytes) {
  constexpr std::uint64_t kKiB = 1024, kMiB = 1024 * 1024;
  if (bytes < kKiB) return std::to_string(bytes) + " B";
  if (bytes < kMiB) return std::to_string((bytes + kKiB - 1) / kKiB) + " KB";
  const std::uint64_t tenths = (bytes * 10 + kMiB / 2) / kMiB;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

constexpr std::size_t kHeadlineChars = 90;
constexpr std::size_t kFeedDescriptionChars = 200;

class SiteRenderer {
 public:
  SiteRenderer(const SiteInput& input, const Theme& theme, const OutputSink& sink, int jobs)
      : input_(input), theme_(theme), sink_(sink), jobs_(jobs) {}

  Result<PageOutputs> run() {
    if (auto st = index(); !st) return st.error();
    if (auto st = render_home(); !st) return st.error();
    for (const SiteSection* section : sections_) {
      if (auto st = render_section(*section); !st) return st.error();
      if (auto st = render_articles(*section, pages_by_section_[section->id]); !st) return st.error();
    }
    if (auto st = render_sitemap_page(); !st) return st.error();
    if (auto st = render_search_page(); !st) return st.error();
    if (auto st = render_not_found(); !st) return st.error();
    if (auto st = render_feeds(); !st) return st.error();
    for (const auto& asset : theme_.assets()) {
      if (auto st = add(asset.path, asset.content); !st) return st.error();
    }
    return std::move(page_outputs_);
  }

 private:
  Status index() {
    for (const auto& section : input_.sections) {
      if (!is_segment(section.id)) {
        return make_error(kRule, "栏目目录名无效 (bad section id): " + section.id);
      }
      sections_.push_back(&section);
      section_by_id_.emplace(section.id, &section);
    }
    std::sort(sections_.begin(), sections_.end(), [](const SiteSection* a, const SiteSection* b) {
      return a->meta.order != b->meta.order ? a->meta.order < b->meta.order : a->id < b->id;
    });
    for (const auto& page : input_.pages) {
      if (!section_by_id_.count(page.section)) {
        return make_error(kRule, "页面所在栏目缺少 _index.md (section has no _index.md): " + page.section,
                          page.source_path);
      }
      if (!is_segment(page.slug)) {
        return make_error(kRule, "页面文件名无效 (bad page slug): " + page.slug, page.source_path);
      }
      pages_by_section_[page.section].push_back(&page);
      all_pages_.push_back(&page);
      by_key_.emplace(page_key(page.section + "/" + page.slug), &page);
    }
    for (auto& [id, pages] : pages_by_section_) std::sort(pages.begin(), pages.end(), newer);
    std::sort(all_pages_.begin(), all_pages_.end(), newer);
    // `related` links both ways: a 政策解读 naming its 政策文件 is listed on the 政策文件 too,
    // so the pair stays linked even when only one side was edited.
    for (const SitePage* page : all_pages_) {
      for (const auto& ref : page->meta.related) {
        const auto it = by_key_.find(page_key(ref));
        if (it != by_key_.end() && it->second != page) related_back_[it->second].push_back(page);
      }
    }
    return ok_status();
  }

  // What every page shares: site identity, navigation, links back to the root.
  View base_view(const std::string& output_path, const std::string& title,
                 const std::string& current_section) const {
    return base_view_at(output_path, root_of(output_path), title, current_section);
  }

  View base_view_at(const std::string& output_path, const std::string& root, const std::string& title,
                    const std::string& current_section) const {
    const SiteConfig& config = input_.config;
    View view;
    view.set("root", root);
    view.set("home_url", href(root, ""));
    view.set("sitemap_url", href(root, "sitemap/"));
    view.set("search_url", href(root, "search/"));
    view.set("feed_url", href(root, "rss.xml"));
    view.set("page_title", title.empty() ? config.title : title + " - " + config.title);
    view.set("canonical", config.base_url + url_of(output_path));
    view.set("is_home", output_path == "index.html");

    View site;
    site.set("title", config.title);
    site.set("domain", std::string(std::string_view(config.base_url).substr(config.base_url.find("://") + 3)));
    set_if(site, "host", config.host);
    set_if(site, "operator", config.operator_);
    set_if(site, "contact", config.contact);
    set_if(site, "site_code", config.site_code);
    set_if(site, "icp", config.icp);
    set_if(site, "police", config.police);
    site.set("report_url", config.report_url);
    if (!config.conac_url.empty() && !config.conac_image.empty()) {
      View conac;
      conac.set("url", config.conac_url);
      conac.set("image", root + encode_path(config.conac_image));
      site.set("conac", std::move(conac));
    }
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
    if (const auto it = section_by_id_.find(current_section); it != section_by_id_.end()) {
      view.set("column_name", it->second->meta.title);
    }
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
    if (is_withdrawn(page.meta)) item.set("withdrawn", page.meta.validity);
    item.set("section", section_by_id_.at(page.section)->meta.title);
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

  // Section links for the side column of list and article pages.
  View::List side_nav(const std::string& root, const std::string& current) const {
    View::List items;
    for (const SiteSection* section : sections_) {
      View item;
      item.set("title", section->meta.title);
      item.set("url", href(root, url_of(list_path(section->id, 1))));
      item.set("current", section->id == current);
      items.push_back(std::move(item));
    }
    return items;
  }

  Status render_home() {
    const std::string path = "index.html";
    View view = base_view(path, "", "");
    View::List panels;
    bool has_headline = false;
    for (const SiteSection* section : sections_) {
      const auto& pages = pages_by_section_[section->id];
      // The newest item of the first section with any is the 头条 above the panels.
      if (!has_headline && !pages.empty()) {
        View headline = item_view(*pages.front(), "");
        headline.set("excerpt", excerpt(html_to_text(pages.front()->body_html), kHeadlineChars));
        view.set("headline", std::move(headline));
        has_headline = true;
      }
      View panel;
      panel.set("anchor", "section-" + std::to_string(panels.size() + 1));
      panel.set("title", section->meta.title);
      panel.set("url", href("", url_of(list_path(section->id, 1))));
      panel.set("is_xxgk", section->meta.kind == "xxgk");
      set_items(panel, pages, 0, kItemsPerHomeSection, "");
      panels.push_back(std::move(panel));
    }
    view.set("sections", std::move(panels));
    return emit(path, "home", view);
  }

  Status render_section(const SiteSection& section) {
    const auto& pages = pages_by_section_[section.id];
    const std::size_t count = std::max<std::size_t>(1, (pages.size() + kItemsPerListPage - 1) / kItemsPerListPage);
    return render_batched(
        count, [&](std::size_t i) { return list_html(section, pages, i + 1, count); },
        [&](std::size_t i, std::string html) { return add(list_path(section.id, i + 1), std::move(html)); });
  }

  Result<std::string> list_html(const SiteSection& section, const std::vector<const SitePage*>& pages,
                                std::size_t n, std::size_t count) const {
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
    view.set("side_nav", side_nav(root, section.id));
    View::List crumbs{crumb("首页", href(root, "")), crumb(section.meta.title, n == 1 ? "" : first_url)};
    if (n > 1) crumbs.push_back(crumb("第 " + std::to_string(n) + " 页", ""));
    view.set("breadcrumbs", std::move(crumbs));
    set_items(view, pages, (n - 1) * kItemsPerListPage, n * kItemsPerListPage, root);
    if (count > 1) view.set("pagination", pagination(section.id, n, count, root));
    return theme_.render("section", view);
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

  View::List attachments(const PageMeta& m, const std::string& root) const {
    View::List list;
    for (const auto& ref : m.attachments) {
      std::string_view target = ref;
      // Site-relative paths and web URLs only: a `javascript:` or other scheme is never a link.
      const bool web = is_web_url(target);
      if (!web && target.find(':') != std::string_view::npos) continue;
      while (!web && target.starts_with('/')) target.remove_prefix(1);
      const std::string name(target.substr(target.find_last_of('/') + 1));
      View item;
      item.set("name", name);
      item.set("url", web ? std::string(target) : root + encode_path(target));
      set_if(item, "type", file_type(name));
      if (const auto size = input_.static_sizes.find(std::string(target)); !web && size != input_.static_sizes.end()) {
        item.set("size", file_size(size->second));
      }
      list.push_back(std::move(item));
    }
    return list;
  }

  View::List related(const SitePage& page, const std::string& root) const {
    std::vector<const SitePage*> pages;
    for (const auto& ref : page.meta.related) {
      const auto it = by_key_.find(page_key(ref));
      if (it != by_key_.end() && it->second != &page) pages.push_back(it->second);  // else unpublished
    }
    if (const auto back = related_back_.find(&page); back != related_back_.end()) {
      pages.insert(pages.end(), back->second.begin(), back->second.end());
    }
    View::List list;
    std::set<const SitePage*> seen;
    for (const SitePage* p : pages) {
      if (seen.insert(p).second) list.push_back(item_view(*p, root));
    }
    return list;
  }

  // List and article pages are most of a site and independent of each other: rendered on
  // jobs_ threads, a batch at a time (so memory stays bounded), then handed to `emit` in order.
  template <typename Render, typename Emit>
  Status render_batched(std::size_t count, Render render, Emit emit) {
    constexpr std::size_t kBatch = 256;
    std::vector<Result<std::string>> html(std::min(kBatch, count), std::string());
    for (std::size_t begin = 0; begin < count; begin += kBatch) {
      const std::size_t n = std::min(kBatch, count - begin);
      parallel_for(n, jobs_, [&](std::size_t i, int) { html[i] = render(begin + i); });
      for (std::size_t i = 0; i < n; ++i) {
        if (!html[i]) return html[i].error();
        if (auto st = emit(begin + i, std::move(*html[i])); !st) return st;
      }
    }
    return ok_status();
  }

  Status render_articles(const SiteSection& section, const std::vector<const SitePage*>& pages) {
    return render_batched(
        pages.size(), [&](std::size_t i) { return article_html(section, *pages[i]); },
        [&](std::size_t i, std::string html) {
          const SitePage& page = *pages[i];
          const std::string path = article_path(page.section, page.slug);
          page_outputs_[page.source_path].push_back(path);
          lastmod_[path] = page.meta.date;
          return add(path, std::move(html));
        });
  }

  Result<std::string> article_html(const SiteSection& section, const SitePage& page) const {
    const std::string path = article_path(page.section, page.slug);
    const std::string root = root_of(path);
    const PageMeta& m = page.meta;
    View view = base_view(path, m.title, section.id);
    view.set("side_nav", side_nav(root, section.id));
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
    if (is_withdrawn(m)) a.set("withdrawn", m.validity);
    if (section.meta.kind == "xxgk") {
      View d;
      d.set("index_no", m.index_no);
      d.set("subject", m.subject);
      d.set("issuer", m.issuer);
      d.set("written", m.written);
      d.set("doc_no", m.doc_no);
      d.set("date", m.date.substr(0, 10));
      d.set("validity", m.validity);
      d.set("withdrawn", is_withdrawn(m));
      a.set("disclosure", std::move(d));
    }
    View::List files = attachments(m, root);
    a.set("has_attachments", !files.empty());
    a.set("attachments", std::move(files));
    View::List links = related(page, root);
    a.set("has_related", !links.empty());
    a.set("related", std::move(links));
    view.set("page", std::move(a));
    return theme_.render("article", view);
  }

  Status render_sitemap_page() {
    const std::string path = "sitemap/index.html";
    const std::string root = root_of(path);
    View view = base_view(path, "网站地图", "");
    view.set("breadcrumbs", View::List{crumb("首页", href(root, "")), crumb("网站地图", "")});
    View::List sections;
    for (const SiteSection* section : sections_) {
      const auto& pages = pages_by_section_[section->id];
      const std::size_t count = std::max<std::size_t>(1, (pages.size() + kItemsPerListPage - 1) / kItemsPerListPage);
      View s;
      s.set("title", section->meta.title);
      s.set("url", href(root, url_of(list_path(section->id, 1))));
      s.set("count", std::to_string(pages.size()));
      View::List list_pages;
      for (std::size_t n = 2; n <= count; ++n) {
        View p;
        p.set("number", std::to_string(n));
        p.set("url", href(root, url_of(list_path(section->id, n))));
        list_pages.push_back(std::move(p));
      }
      s.set("has_more_pages", !list_pages.empty());
      s.set("list_pages", std::move(list_pages));
      set_items(s, pages, 0, kItemsPerHomeSection, root);
      sections.push_back(std::move(s));
    }
    view.set("sections", std::move(sections));
    return emit(path, "sitemap", view);
  }

  Status render_search_page() {
    const std::string path = "search/index.html";
    const std::string root = root_of(path);
    View view = base_view(path, "站内搜索", "");
    view.set("is_search", true);
    view.set("breadcrumbs", View::List{crumb("首页", href(root, "")), crumb("站内搜索", "")});
    if (auto st = emit(path, "search", view); !st) return st;

    SearchIndexBuilder index;
    constexpr std::size_t kBatch = 1024;
    std::vector<SearchDocument> docs;
    for (std::size_t begin = 0; begin < all_pages_.size(); begin += kBatch) {
      docs.resize(std::min(kBatch, all_pages_.size() - begin));
      parallel_for(docs.size(), jobs_, [&](std::size_t i, int) {
        const SitePage& page = *all_pages_[begin + i];
        const PageMeta& m = page.meta;
        std::string text;
        for (const std::string* field : {&m.doc_no, &m.index_no, &m.issuer, &m.source}) text += *field + "\n";
        text += html_to_text(page.body_html);
        docs[i] = {url_of(article_path(page.section, page.slug)), m.title,
                   section_by_id_.at(page.section)->meta.title, m.date, std::move(text)};
      });
      index.add(docs, jobs_);
    }
    // A script, not JSON fetched at run time, so search works from file:// as well.
    std::string script = "window.SANSHEN_SEARCH_INDEX = ";
    index.append_json(script);
    script += ";\n";
    return add("search/index.js", std::move(script));
  }

  Status render_not_found() {
    View view = base_view_at("404.html", base_path(input_.config.base_url), "页面不存在", "");
    view.set("canonical", false);  // shown at URLs that do not exist
    return emit("404.html", "404", view);
  }

  Status render_feeds() {
    const SiteConfig& config = input_.config;
    std::vector<SitemapEntry> entries;
    for (const auto& path : paths_) {
      if (!path.ends_with(".html") || path == "404.html") continue;
      const auto date = lastmod_.find(path);
      entries.push_back({config.base_url + url_of(path), date == lastmod_.end() ? "" : date->second});
    }
    if (auto st = add("sitemap.xml", sitemap_xml(entries)); !st) return st;

    Feed feed;
    feed.title = config.title;
    feed.site_url = config.base_url;
    feed.feed_url = config.base_url + "rss.xml";
    feed.description = config.title + "最新信息";
    feed.build_time = input_.build_time;
    for (std::size_t i = 0; i < all_pages_.size() && i < kItemsInFeed; ++i) {
      const SitePage& page = *all_pages_[i];
      feed.items.push_back({page.meta.title, config.base_url + url_of(article_path(page.section, page.slug)),
                            page.meta.date, section_by_id_.at(page.section)->meta.title,
                            excerpt(html_to_text(page.body_html), kFeedDescriptionChars)});
    }
    return add("rss.xml", rss_xml(feed));
  }

  Status emit(const std::string& path, const std::string& template_name, const View& view) {
    auto html = theme_.render(template_name, view);
    if (!html) return html.error();
    return add(path, std::move(*html));
  }

  Status add(const std::string& path, std::string content) {
    if (!paths_.insert(path).second) {
      return make_error(kRule, "两个页面输出到同一路径 (two outputs at one path): " + path);
    }
    return sink_(path, std::move(content));
  }

  const SiteInput& input_;
  const Theme& theme_;
  std::vector<const SiteSection*> sections_;
  std::unordered_map<std::string, const SiteSection*> section_by_id_;
  std::map<std::string, std::vector<const SitePage*>> pages_by_section_;
  std::vector<const SitePage*> all_pages_;  // newest first
  std::unordered_map<std::string, const SitePage*> by_key_;
  std::unordered_map<const SitePage*, std::vector<const SitePage*>> related_back_;
  std::map<std::string, std::string> lastmod_;  // article output path -> front matter date
  const OutputSink& sink_;
  const int jobs_;
  std::set<std::string> paths_;  // every output so far, sorted
  PageOutputs page_outputs_;
};

}  // namespace

Result<PageOutputs> render_site(const SiteInput& input, const Theme& theme, const OutputSink& sink, int jobs) {
  return SiteRenderer(input, theme, sink, jobs).run();
}

Result<SiteOutput> render_site(const SiteInput& input, const Theme& theme) {
  std::map<std::string, std::string> files;
  auto page_outputs = render_site(input, theme, [&](const std::string& path, std::string content) {
    files.emplace(path, std::move(content));
    return ok_status();
  });
  if (!page_outputs) return page_outputs.error();
  SiteOutput out;
  for (auto& [path, content] : files) out.files.push_back({path, std::move(content)});
  out.page_outputs = std::move(*page_outputs);
  return out;
}

}  // namespace sanshen
