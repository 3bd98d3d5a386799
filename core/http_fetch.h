// HTTP GET (libcurl adapter) for `verify --base-url`: fetches exactly the URLs it is given, never
// follows redirects, and speaks only http and https.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"

namespace sanshen {

struct HttpResponse {
  long status = 0;
  std::string body;
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Any HTTP status is a response; error "verify.fetch" only when no response arrived
  // (connection refused, timeout, TLS failure, body larger than the limit).
  Result<HttpResponse> get(const std::string& url);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Percent-encodes every byte of a site path except unreserved characters and '/'.
std::string url_path_escape(const std::string& path);

}  // namespace sanshen
