// links.denied and links.external (design §5): where a page's links go, against the policy's
// `[links] allow` and `deny` domain lists.
#pragma once

#include <string>
#include <vector>

#include "core/checks/check.h"

namespace sanshen {

// A URL found in text: its byte range in the text it was found in and its host.
struct FoundLink {
  TextSpan span;
  std::string url;
  std::string host;  // lowercase, no port; empty for relative and non-web links
};

// Absolute links in Markdown or HTML text: Markdown link and image targets `](…)`, autolinks
// `<https://…>`, HTML `href=`/`src=` attribute values, and bare `http://`, `https://`, `//host`
// and `www.` URLs (Markdown turns bare URLs into links too, and spam often stands as bare text).
// Relative links, `mailto:` and `tel:` are not returned.
std::vector<FoundLink> find_links(std::string_view text);

// The lowercase host of an absolute URL (`https://Www.Example.com:8080/x` → `www.example.com`),
// or "" for a relative one.
std::string url_host(std::string_view url);

// A domain covers itself and its subdomains: `gov.cn` covers `www.gov.cn`, not `notgov.cn`.
bool domain_covers(std::string_view domain, std::string_view host);

// links.denied: a host covered by a deny entry (error). links.external: a host covered by no
// allow entry (warning); with an empty allow list every absolute link is external. Links are
// read from the normalized text, so full-width URLs count.
class LinkTargets final : public Check {
 public:
  LinkTargets(std::vector<std::string> allow, std::vector<std::string> deny);

  std::vector<std::string_view> rules() const override;
  void run(const CheckText& text, std::span<const LiteralMatch> matches,
           std::vector<RuleHit>& out) const override;

 private:
  std::vector<std::string> allow_;
  std::vector<std::string> deny_;
};

}  // namespace sanshen
