#include "core/executable_dir.h"

#include <unistd.h>

#include <climits>

namespace sanshen {

Result<std::string> beside_executable(std::string_view file) {
  char buf[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  const std::string exe = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
  const auto slash = exe.rfind('/');
  if (exe.empty() || exe[0] != '/' || slash == std::string::npos)
    return make_error(
        "config.invalid",
        "无法确定程序所在目录 (cannot locate the running executable via /proc/self/exe)");
  return exe.substr(0, slash + 1) + std::string(file);
}

}  // namespace sanshen
