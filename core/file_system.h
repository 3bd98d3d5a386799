// File-system seam: build and check go through this so tests can observe or fail writes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sanshen {

// What an incremental build compares to tell whether a file it wrote is still the one it wrote
// (the make/ninja rule): a change of size, modification time or inode means "rewrite it". A
// directory's modification time changes when an entry is added or removed in it.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  bool is_dir = false;

  bool operator==(const FileStamp&) const = default;
};

// A file written in pieces, for an output too large to hold whole. Its bytes are complete only
// once close() has succeeded; a writer dropped unclosed leaves a partial file behind.
class FileWriter {
 public:
  virtual ~FileWriter() = default;
  virtual Status write(std::string_view bytes) = 0;
  virtual Status close() = 0;
};

// A file's bytes, read-only, for as long as the object lives.
class FileBytes {
 public:
  virtual ~FileBytes() = default;
  virtual std::string_view bytes() const = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> read_file(const std::string& path) = 0;
  // The same bytes mapped instead of copied where the system can: a build cache of megabytes
  // read into fresh heap costs a page fault per 4 KiB, ≈ 10 µs each on a virtual machine (a
  // tenth of a no-op rebuild). Like git's packfiles, a mapped file must not be truncated by
  // another program while it is in use.
  virtual Result<std::shared_ptr<const FileBytes>> map_file(const std::string& path) = 0;
  // Creates parent directories as needed.
  virtual Status write_file(const std::string& path, const std::string& content) = 0;
  // The same, returning the file's stamp as written: a build records its outputs' stamps while
  // it writes them instead of looking each one up again afterwards.
  virtual Result<FileStamp> write_file_stamped(const std::string& path,
                                               const std::string& content) = 0;
  // Creates (or truncates) the file, and its parent directories as needed.
  virtual Result<std::unique_ptr<FileWriter>> open_for_writing(const std::string& path) = 0;
  virtual bool exists(const std::string& path) = 0;
  virtual Status remove_all(const std::string& path) = 0;
  // Removes `path` when it is an empty directory; anything else is left alone.
  virtual void remove_if_empty_dir(const std::string& path) = 0;
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  // The same, creating the parent directories of `to` as needed.
  virtual Status move_file(const std::string& from, const std::string& to) = 0;
  // Relative paths of regular files under dir, sorted.
  virtual Result<std::vector<std::string>> list_files(const std::string& dir) = 0;
  // nullopt when the path does not exist (symbolic links are not followed).
  virtual std::optional<FileStamp> stamp(const std::string& path) = 0;
};

FileSystem& real_file_system();

// `dir` without trailing slashes ("public/" and "public" name one output directory).
std::string without_trailing_slashes(std::string dir);

}  // namespace sanshen
