// Site identity `.sanshen/site.toml` (design §4/§7).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace sanshen {

// The national 我为政府网站找错 platform; a site may point `report_url` at its own entry there.
inline constexpr std::string_view kDefaultReportUrl = "https://zfwzzc.www.gov.cn/";

struct SiteConfig {
  std::string title;
  std::string base_url;   // e.g. "https://www.example.gov.cn/" (trailing slash normalized)
  std::string host;       // 主办单位
  std::string operator_;  // 承办单位 (`operator` in TOML)
  std::string contact;    // 联系方式
  std::string site_code;  // 网站标识码: 10 ASCII letters or digits
  std::string icp;        // ICP备案号, linked to the MIIT record site
  std::string police;     // 公安机关备案号
  std::string report_url = std::string(kDefaultReportUrl);  // 我为政府网站找错
  // 党政机关网站标识: the verification page the badge links to and the badge image, a path in the
  // site (ship it as a theme asset, e.g. `.sanshen/theme/assets/img/dzjg.png`). The footer shows
  // the badge only when both are set.
  std::string conac_url;
  std::string conac_image;
};

// Errors "config.invalid" with path:line:col. Required, because a government site may not go
// online without them (and sitemap.xml/RSS need absolute URLs): title, base_url, host,
// site_code, icp.
Result<SiteConfig> parse_site_config(std::string_view toml_text, const std::string& path);

}  // namespace sanshen
