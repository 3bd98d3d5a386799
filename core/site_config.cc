#include "core/site_config.h"

#include "core/toml_file.h"

namespace sanshen {

Result<SiteConfig> parse_site_config(std::string_view toml_text, const std::string& path) {
  auto root = parse_toml(toml_text, path);
  if (!root) return root.error();
  if (auto known = root->check_keys(
          {"title", "base_url", "host", "operator", "contact", "site_code", "icp", "police"});
      !known) {
    return known.error();
  }

  SiteConfig site;
  const std::pair<const char*, std::string*> fields[] = {
      {"title", &site.title},     {"base_url", &site.base_url},
      {"host", &site.host},       {"operator", &site.operator_},
      {"contact", &site.contact}, {"site_code", &site.site_code},
      {"icp", &site.icp},         {"police", &site.police}};
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
  if (!site.base_url.empty()) {
    // Sitemaps and RSS need absolute URLs.
    if (!site.base_url.starts_with("https://") && !site.base_url.starts_with("http://")) {
      return root->error_at("base_url",
                            "base_url 应以 https:// 或 http:// 开头 (must be an absolute URL)");
    }
    if (!site.base_url.ends_with('/')) site.base_url += '/';
  }
  return site;
}

}  // namespace sanshen
