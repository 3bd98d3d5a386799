// Site identity `.sanshen/site.toml` (design §4/§7).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace sanshen {

struct SiteConfig {
  std::string title;
  std::string base_url;   // e.g. "https://www.example.gov.cn/" (trailing slash normalized)
  std::string host;       // 主办单位
  std::string operator_;  // 承办单位 (`operator` in TOML)
  std::string contact;    // 联系方式
  std::string site_code;  // 网站标识码
  std::string icp;        // ICP备案号
  std::string police;     // 公安机关备案号
};

// Errors "config.invalid" with path:line:col; title and host are required.
Result<SiteConfig> parse_site_config(std::string_view toml_text, const std::string& path);

}  // namespace sanshen
