// File-system seam: build and check go through this so tests can observe or fail writes.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace sanshen {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> read_file(const std::string& path) = 0;
  // Creates parent directories as needed.
  virtual Status write_file(const std::string& path, const std::string& content) = 0;
  virtual bool exists(const std::string& path) = 0;
  virtual Status remove_all(const std::string& path) = 0;
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  // Relative paths of regular files under dir, sorted.
  virtual Result<std::vector<std::string>> list_files(const std::string& dir) = 0;
};

FileSystem& real_file_system();

}  // namespace sanshen
