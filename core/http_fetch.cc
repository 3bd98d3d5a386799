#include "core/http_fetch.h"

#include <curl/curl.h>

#include "core/shared_library.h"

namespace sanshen {
namespace {

// libcurl is opened on first use (core/shared_library.h): only `verify --base-url` needs it.
struct Curl {
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_reset) easy_reset = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
};

Result<Curl> load_curl() {
  auto lib = SharedLibrary::open("libcurl.so.4");
  if (!lib) return lib.error();
  Curl c;
  const SharedLibrary& l = **lib;
  for (const Status& bound :
       {l.bind(c.global_init, "curl_global_init"), l.bind(c.easy_init, "curl_easy_init"),
        l.bind(c.easy_cleanup, "curl_easy_cleanup"), l.bind(c.easy_reset, "curl_easy_reset"),
        l.bind(c.easy_setopt, "curl_easy_setopt"), l.bind(c.easy_perform, "curl_easy_perform"),
        l.bind(c.easy_strerror, "curl_easy_strerror"), l.bind(c.easy_getinfo, "curl_easy_getinfo")})
    if (!bound) return bound.error();
  // Once per process, before any handle (libcurl's rule); the static makes it so.
  if (c.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
    return make_error("config.invalid", "无法初始化 libcurl (curl_global_init failed)");
  return c;
}

const Result<Curl>& curl() {
  static const Result<Curl> api = load_curl();
  return api;
}

// A deployed file larger than this is not a page of ours; stop reading.
constexpr curl_off_t kMaxBodyBytes = 512L * 1024 * 1024;

size_t append_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

}  // namespace

struct HttpClient::Impl {
  CURL* curl = nullptr;
};

HttpClient::HttpClient() : impl_(std::make_unique<Impl>()) {
  if (curl()) impl_->curl = curl()->easy_init();
}

HttpClient::~HttpClient() {
  if (impl_->curl) curl()->easy_cleanup(impl_->curl);
}

Result<HttpResponse> HttpClient::get(const std::string& url) {
  if (!curl()) {
    Error e = curl().error();
    e.rule = "verify.fetch";
    e.path = url;
    return e;
  }
  const Curl& api = *curl();
  CURL* c = impl_->curl;
  if (!c) return make_error("verify.fetch", "无法初始化 HTTP 客户端 (cannot initialise libcurl)", url);
  HttpResponse response;
  // One handle for every request keeps the connection alive across a site's files.
  api.easy_reset(c);
  api.easy_setopt(c, CURLOPT_URL, url.c_str());
  api.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  api.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  api.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  api.easy_setopt(c, CURLOPT_TIMEOUT, 120L);
  api.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, kMaxBodyBytes);
  api.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  // Compare the bytes the server stores, not a transformed copy.
  api.easy_setopt(c, CURLOPT_HTTP_CONTENT_DECODING, 0L);
  api.easy_setopt(c, CURLOPT_USERAGENT, "sanshen-verify/" SANSHEN_VERSION);
  api.easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
  api.easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  CURLcode rc = api.easy_perform(c);
  if (rc != CURLE_OK)
    return make_error("verify.fetch",
                      std::string("无法获取 (fetch failed): ") + api.easy_strerror(rc), url);
  api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

std::string url_path_escape(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : path) {
    bool keep = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/';
    if (keep) {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

}  // namespace sanshen
