#include "core/file_system.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sanshen {
namespace {

namespace fs = std::filesystem;

class RealFileSystem final : public FileSystem {
 public:
  Result<std::string> read_file(const std::string& path) override {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error("io.read", "无法读取文件 (cannot read file)", path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  Status write_file(const std::string& path, const std::string& content) override {
    std::error_code ec;
    fs::path p(path);
    if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
    if (ec) return make_error("io.write", "无法创建目录 (cannot create directory): " + ec.message(), path);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) return make_error("io.write", "无法写入文件 (cannot write file)", path);
    return ok_status();
  }

  bool exists(const std::string& path) override {
    std::error_code ec;
    return fs::exists(path, ec);
  }

  Status remove_all(const std::string& path) override {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec) return make_error("io.write", "无法删除 (cannot remove): " + ec.message(), path);
    return ok_status();
  }

  Status rename(const std::string& from, const std::string& to) override {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) return make_error("io.write", "无法重命名 (cannot rename) to " + to + ": " + ec.message(), from);
    return ok_status();
  }

  Result<std::vector<std::string>> list_files(const std::string& dir) override {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file()) out.push_back(fs::relative(it->path(), dir).generic_string());
    }
    if (ec) return make_error("io.read", "无法列出目录 (cannot list directory): " + ec.message(), dir);
    std::sort(out.begin(), out.end());
    return out;
  }
};

}  // namespace

FileSystem& real_file_system() {
  static RealFileSystem fs;
  return fs;
}

}  // namespace sanshen
