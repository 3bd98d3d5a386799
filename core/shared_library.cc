#include "core/shared_library.h"

#include <dlfcn.h>

#include <map>
#include <memory>
#include <mutex>

namespace sanshen {

Result<const SharedLibrary*> SharedLibrary::open(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, Result<std::unique_ptr<SharedLibrary>>> opened;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = opened.find(name);
  if (it == opened.end()) {
    void* handle = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle) {
      it = opened.emplace(name, std::make_unique<SharedLibrary>(name, handle)).first;
    } else {
      const char* why = dlerror();
      it = opened
               .emplace(name, make_error("config.invalid", "无法加载程序库 (cannot load library) " +
                                                               name + ": " +
                                                               (why ? why : "unknown error")))
               .first;
    }
  }
  if (!it->second) return it->second.error();
  return static_cast<const SharedLibrary*>(it->second->get());
}

void* SharedLibrary::symbol(const char* name) const { return dlsym(handle_, name); }

Error SharedLibrary::missing(const char* name) const {
  return make_error("config.invalid", name_ + " 缺少函数 (lacks function) " + std::string(name));
}

}  // namespace sanshen
