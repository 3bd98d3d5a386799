#include "core/checks/links.h"

#include <algorithm>

#include "core/checks/byte_set.h"

namespace sanshen {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_caseless(std::string_view s, std::size_t pos, std::string_view prefix) {
  if (pos + prefix.size() > s.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[pos + i]) != prefix[i]) return false;
  return true;
}

// Characters that can be part of a bare URL. Non-ASCII ends it: in Chinese text a URL is
// followed directly by the next word.
bool url_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("-._~:/?#[]@!$&'*+,;=%").find(c) != std::string_view::npos;
}

bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.';
}

// The bytes the forms find_links looks for start with.
constexpr ByteSet kLinkStart("]<hHsSwW");

std::size_t url_end(std::string_view t, std::size_t pos) {
  std::size_t e = pos;
  while (e < t.size() && url_char(t[e])) ++e;
  // Sentence punctuation after a URL is not part of it.
  while (e > pos && std::string_view(".,;:!?'").find(t[e - 1]) != std::string_view::npos) --e;
  return e;
}

}  // namespace

std::string url_host(std::string_view url) {
  std::size_t p = 0;
  if (starts_with_caseless(url, 0, "http://")) {
    p = 7;
  } else if (starts_with_caseless(url, 0, "https://")) {
    p = 8;
  } else if (url.starts_with("//")) {
    p = 2;
  } else if (starts_with_caseless(url, 0, "www.")) {
    p = 0;
  } else {
    return "";
  }
  const std::size_t at = url.find('@', p);  // user info: `http://gov.cn@evil.com/`
  const std::size_t slash = url.find_first_of("/?#", p);
  if (at != std::string_view::npos && (slash == std::string_view::npos || at < slash)) p = at + 1;
  std::string host;
  while (p < url.size() && host_char(url[p])) host += lower(url[p++]);
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

bool domain_covers(std::string_view domain, std::string_view host) {
  if (domain.empty() || host.size() < domain.size()) return false;
  if (host.size() == domain.size()) return host == domain;
  return host.ends_with(domain) && host[host.size() - domain.size() - 1] == '.';
}

std::vector<FoundLink> find_links(std::string_view t) {
  std::vector<FoundLink> out;
  auto add = [&](std::size_t b, std::size_t e) {
    if (e <= b) return;
    std::string url(t.substr(b, e - b));
    std::string host = url_host(url);
    if (host.empty() || host.find('.') == std::string::npos) return;
    for (const FoundLink& f : out)
      if (f.span.begin <= b && e <= f.span.end) return;  // inside a link already found
    out.push_back({{b, e}, std::move(url), std::move(host)});
  };
  for (std::size_t i = kLinkStart.next(t, 0); i < t.size(); i = kLinkStart.next(t, i + 1)) {
    const char c = t[i];
    if (c == ']' && i + 1 < t.size() && t[i + 1] == '(') {  // Markdown link or image target
      std::size_t b = i + 2;
      while (b < t.size() && t[b] == ' ') ++b;
      if (b < t.size() && t[b] == '<') ++b;
      std::size_t e = b;
      while (e < t.size() && t[e] != ')' && t[e] != ' ' && t[e] != '>' && t[e] != '\n') ++e;
      add(b, e);
    } else if (c == '<' && (starts_with_caseless(t, i + 1, "http") || t.substr(i + 1).starts_with("//"))) {
      const std::size_t e = t.find_first_of("> \n", i + 1);
      add(i + 1, e == std::string_view::npos ? t.size() : e);
    } else if ((c == 'h' || c == 'H' || c == 's' || c == 'S') &&
               (starts_with_caseless(t, i, "href") || starts_with_caseless(t, i, "src")) &&
               (i == 0 || !host_char(t[i - 1]))) {
      std::size_t p = i + (lower(c) == 'h' ? 4 : 3);
      while (p < t.size() && t[p] == ' ') ++p;
      if (p >= t.size() || t[p] != '=') continue;
      ++p;
      while (p < t.size() && t[p] == ' ') ++p;
      const char quote = p < t.size() && (t[p] == '"' || t[p] == '\'') ? t[p] : 0;
      if (quote != 0) ++p;
      std::size_t e = p;
      while (e < t.size() && (quote != 0 ? t[e] != quote : (t[e] != ' ' && t[e] != '>')) &&
             t[e] != '\n')
        ++e;
      add(p, e);
    } else if ((starts_with_caseless(t, i, "http://") || starts_with_caseless(t, i, "https://") ||
                starts_with_caseless(t, i, "www.")) &&
               (i == 0 || !host_char(t[i - 1]))) {
      add(i, url_end(t, i));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const FoundLink& a, const FoundLink& b) { return a.span.begin < b.span.begin; });
  return out;
}

LinkTargets::LinkTargets(std::vector<std::string> allow, std::vector<std::string> deny)
    : allow_(std::move(allow)), deny_(std::move(deny)) {}

std::vector<std::string_view> LinkTargets::rules() const {
  return {"links.denied", "links.external"};
}

void LinkTargets::run(const CheckText& text, std::span<const LiteralMatch>,
                      std::vector<RuleHit>& out) const {
  for (const FoundLink& link : find_links(text.normalized.text())) {
    const TextSpan span = text.normalized.original_span(link.span);
    auto covered_by = [&](const std::vector<std::string>& list) {
      return std::any_of(list.begin(), list.end(),
                         [&](const std::string& d) { return domain_covers(d, link.host); });
    };
    if (covered_by(deny_))
      out.push_back({"links.denied", span,
                     "链接到禁止的域名 " + link.host + " (link to a denied domain)"});
    else if (!covered_by(allow_))
      out.push_back({"links.external", span,
                     "链接到白名单以外的域名 " + link.host + "，请确认其可靠 (external link)"});
  }
}

}  // namespace sanshen
