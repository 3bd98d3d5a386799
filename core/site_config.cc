#include "core/site_config.h"

#include <algorithm>

#include "core/toml_file.h"

namespace sanshen {
namespace {

bool is_web_url(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

bool is_site_code(std::string_view s) {
  return s.size() == 10 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
         });
}

// A path inside the site: no scheme, no "..", no leading '/', so it resolves from every page.
bool is_site_path(std::string_view s) {
  return !s.empty() && s.front() != '/' && s.find(':') == std::string_view::npos &&
         s.find("..") == std::string_view::npos && s.find('\\') == std::string_view::npos;
}

}  // namespace

Result<SiteConfig> parse_site_config(std::string_view toml_text, const std::string& path) {
  auto root = parse_toml(toml_text, path);
  if (!root) return root.error();
  if (auto known = root->check_keys({"title", "base_url", "host", "operator", "contact", "site_code",
                                     "icp", "police", "report_url", "conac_url", "conac_image"});
      !known) {
    return known.error();
  }

  SiteConfig site;
  const std::pair<const char*, std::string*> fields[] = {
      {"title", &site.title},           {"base_url", &site.base_url},
      {"host", &site.host},             {"operator", &site.operator_},
      {"contact", &site.contact},       {"site_code", &site.site_code},
      {"icp", &site.icp},               {"police", &site.police},
      {"report_url", &site.report_url}, {"conac_url", &site.conac_url},
      {"conac_image", &site.conac_image}};
  for (const auto& [key, target] : fields) {
    auto value = root->string(key);
    if (!value) return value.error();
    if (*value) *target = (*value)->value;
  }

  if (site.title.empty()) {
    return root->error_at("title", "缺少网站名称 (title is required)");
  }
  if (site.host.empty()) {
    return root->error_at("host", "缺少主办单位 (host is required)");
  }
  if (site.base_url.empty()) {
    return root->error_at("base_url", "缺少网站地址 (base_url is required for sitemap.xml and RSS)");
  }
  if (!is_web_url(site.base_url)) {
    return root->error_at("base_url",
                          "base_url 应以 https:// 或 http:// 开头 (must be an absolute URL)");
  }
  if (!site.base_url.ends_with('/')) site.base_url += '/';
  if (site.site_code.empty()) {
    return root->error_at("site_code", "缺少网站标识码 (site_code is required)");
  }
  if (!is_site_code(site.site_code)) {
    return root->error_at("site_code", "网站标识码应为 10 位字母或数字 (site_code must be 10 letters or digits)");
  }
  if (site.icp.empty()) {
    return root->error_at("icp", "缺少 ICP 备案号 (icp is required)");
  }
  const std::pair<const char*, const std::string*> urls[] = {{"report_url", &site.report_url},
                                                             {"conac_url", &site.conac_url}};
  for (const auto& [key, value] : urls) {
    if (!value->empty() && !is_web_url(*value)) {
      return root->error_at(key, std::string(key) + " 应以 https:// 或 http:// 开头 (must be an absolute URL)");
    }
  }
  if (site.report_url.empty()) site.report_url = std::string(kDefaultReportUrl);
  if (!site.conac_image.empty() && !is_site_path(site.conac_image)) {
    return root->error_at("conac_image",
                          "conac_image 应为站内相对路径 (must be a relative path inside the site)");
  }
  return site;
}

}  // namespace sanshen
