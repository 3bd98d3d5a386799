#include "core/file_system.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace sanshen {
namespace {

namespace fs = std::filesystem;

class RealFileSystem final : public FileSystem {
 public:
  // One read into a buffer of the file's size (a stream would copy a large file several times).
  Result<std::string> read_file(const std::string& path) override {
    auto fail = [&](int err) {
      return make_error("io.read",
                        std::string("无法读取文件 (cannot read file): ") + std::strerror(err), path);
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      const int err = errno;
      ::close(fd);
      return fail(err);
    }
    std::string text;
    // The size is a hint: a file that grows or shrinks meanwhile is read to its end all the same.
    text.resize(st.st_size > 0 ? static_cast<std::size_t>(st.st_size) + 1 : 4096);
    std::size_t used = 0;
    for (;;) {
      if (used == text.size()) text.resize(text.size() * 2);
      const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const int err = errno;
        ::close(fd);
        return fail(err);
      }
      if (n == 0) break;
      used += static_cast<std::size_t>(n);
    }
    ::close(fd);
    text.resize(used);
    return text;
  }

  Result<std::shared_ptr<const FileBytes>> map_file(const std::string& path) override {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      struct stat st {};
      void* at = MAP_FAILED;
      if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        at = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                    MAP_PRIVATE | MAP_POPULATE, fd, 0);
      ::close(fd);
      if (at != MAP_FAILED)
        return std::shared_ptr<const FileBytes>(
            std::make_shared<MappedBytes>(at, static_cast<std::size_t>(st.st_size)));
    }
    // Empty files, special files and failed maps are read; a read names the error if any.
    auto text = read_file(path);
    if (!text) return text.error();
    return std::shared_ptr<const FileBytes>(std::make_shared<OwnedBytes>(std::move(*text)));
  }

  Status write_file(const std::string& path, const std::string& content) override {
    auto written = write(path, content, false);
    if (!written) return written.error();
    return ok_status();
  }

  Result<FileStamp> write_file_stamped(const std::string& path,
                                       const std::string& content) override {
    return write(path, content, true);
  }

  Result<std::unique_ptr<FileWriter>> open_for_writing(const std::string& path) override {
    auto fd = open_creating_parents(path);
    if (!fd) return fd.error();
    return std::unique_ptr<FileWriter>(std::make_unique<PosixFileWriter>(path, *fd));
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

  void remove_if_empty_dir(const std::string& path) override { ::rmdir(path.c_str()); }

  Status rename(const std::string& from, const std::string& to) override {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec)
      return make_error("io.write", "无法重命名 (cannot rename) to " + to + ": " + ec.message(),
                        from);
    return ok_status();
  }

  Status move_file(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) == 0) return ok_status();
    if (errno == ENOENT && ::access(from.c_str(), F_OK) == 0) {
      std::error_code ec;
      fs::create_directories(fs::path(to).parent_path(), ec);
      if (ec)
        return make_error("io.write", "无法创建目录 (cannot create directory): " + ec.message(),
                          to);
    }
    return rename(from, to);
  }

  Result<std::vector<std::string>> list_files(const std::string& dir) override {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file()) out.push_back(fs::relative(it->path(), dir).generic_string());
    }
    if (ec)
      return make_error("io.read", "无法列出目录 (cannot list directory): " + ec.message(), dir);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::optional<FileStamp> stamp(const std::string& path) override {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
    return stamp_of(st);
  }

 private:
  class MappedBytes final : public FileBytes {
   public:
    MappedBytes(void* at, std::size_t size) : at_(at), size_(size) {}
    ~MappedBytes() override { ::munmap(at_, size_); }
    MappedBytes(const MappedBytes&) = delete;
    MappedBytes& operator=(const MappedBytes&) = delete;
    std::string_view bytes() const override { return {static_cast<const char*>(at_), size_}; }

   private:
    void* at_;
    std::size_t size_;
  };

  class OwnedBytes final : public FileBytes {
   public:
    explicit OwnedBytes(std::string text) : text_(std::move(text)) {}
    std::string_view bytes() const override { return text_; }

   private:
    std::string text_;
  };

  static Error write_error(const std::string& path, int err) {
    return make_error("io.write",
                      std::string("无法写入文件 (cannot write file): ") + std::strerror(err), path);
  }

  // Plain POSIX calls: a site has tens of thousands of files, and creating the parent
  // directories only when the open fails saves a stat per path component per file.
  static Result<int> open_creating_parents(const std::string& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
      std::error_code ec;
      fs::path p(path);
      // Most often only the last directory is missing (a page's own `slug/`): one mkdir, where
      // create_directories would first stat each level.
      if (p.has_parent_path() && ::mkdir(p.parent_path().c_str(), 0755) != 0)
        fs::create_directories(p.parent_path(), ec);
      if (ec)
        return make_error("io.write", "无法创建目录 (cannot create directory): " + ec.message(),
                          path);
      fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    }
    if (fd < 0) return write_error(path, errno);
    return fd;
  }

  // 0 or the errno of the failed write.
  static int write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return n < 0 ? errno : EIO;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
  }

  // The stamp (when asked for) comes from the open descriptor after the last write.
  static Result<FileStamp> write(const std::string& path, const std::string& content,
                                 bool stamped) {
    auto fd = open_creating_parents(path);
    if (!fd) return fd.error();
    auto fail = [&](int err) {
      ::close(*fd);
      return write_error(path, err);
    };
    if (int err = write_all(*fd, content)) return fail(err);
    FileStamp stamp;
    if (stamped) {
      struct stat st {};
      if (::fstat(*fd, &st) != 0) return fail(errno);
      stamp = stamp_of(st);
    }
    if (::close(*fd) != 0) return write_error(path, errno);
    return stamp;
  }

  class PosixFileWriter final : public FileWriter {
   public:
    PosixFileWriter(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
    ~PosixFileWriter() override {
      if (fd_ >= 0) ::close(fd_);
    }
    Status write(std::string_view bytes) override {
      if (fd_ < 0) return write_error(path_, EBADF);
      if (int err = write_all(fd_, bytes)) return write_error(path_, err);
      return ok_status();
    }
    Status close() override {
      const int fd = fd_;
      fd_ = -1;
      if (fd < 0 || ::close(fd) != 0) return write_error(path_, fd < 0 ? EBADF : errno);
      return ok_status();
    }

   private:
    std::string path_;
    int fd_;
  };

  static FileStamp stamp_of(const struct stat& st) {
    return FileStamp{static_cast<std::uint64_t>(st.st_size),
                     std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec,
                     static_cast<std::uint64_t>(st.st_ino), S_ISDIR(st.st_mode)};
  }
};

}  // namespace

std::string without_trailing_slashes(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

FileSystem& real_file_system() {
  static RealFileSystem fs;
  return fs;
}

}  // namespace sanshen
