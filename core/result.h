// Result<T>: a value or an Error. Core never throws across its API and never exits; callers
// decide what an error means (refusal, fatal, finding).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace sanshen {

struct Error {
  std::string rule;     // stable ASCII id, e.g. "config.invalid", "page.invalid"
  std::string message;  // Chinese-first human text
  std::string path;     // file the error is about, if any
  int line = 0;         // 1-based; 0 when unknown
  int col = 0;          // 1-based code points; 0 when unknown

  // "path:line:col: message [rule]" with the parts that are known.
  std::string describe() const;
};

Error make_error(std::string rule, std::string message, std::string path = {}, int line = 0,
                 int col = 0);

struct Unit {};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }
  Error& error() { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace sanshen
