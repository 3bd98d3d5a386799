// Libraries that only some inputs need, opened on first use instead of at start-up. Linked
// normally, poppler (PDF attachments) and libcurl (`verify --base-url`) bring ~50 libraries
// whose loading and symbol binding cost every command, a no-op rebuild included, ~17 ms.
// The only dlopen user in the project.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace sanshen {

class SharedLibrary {
 public:
  // `name` is a soname ("libcurl.so.4", searched as the dynamic loader searches) or a path.
  // Opened once per process and never closed; a failure is remembered too. Thread-safe.
  // Errors "config.invalid" naming the library and the loader's reason.
  static Result<const SharedLibrary*> open(const std::string& name);

  // Fills `fn` with the function called `name`. The pointer's type comes from the library's
  // own header (decltype), so a call through it is type-checked. Errors "config.invalid"
  // naming the library and the function when it has none (fn is then nullptr).
  template <class Fn>
  Status bind(Fn*& fn, const char* name) const {
    fn = reinterpret_cast<Fn*>(symbol(name));
    if (!fn) return missing(name);
    return ok_status();
  }

  SharedLibrary(std::string name, void* handle) : name_(std::move(name)), handle_(handle) {}

 private:
  void* symbol(const char* name) const;
  Error missing(const char* name) const;

  std::string name_;
  void* handle_;
};

}  // namespace sanshen
