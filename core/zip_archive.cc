#include "core/zip_archive.h"

#include <zip.h>

namespace sanshen {

struct ZipArchive::Impl {
  std::string bytes;  // libzip reads from this buffer for the archive's lifetime
  zip_t* archive = nullptr;
  ~Impl() {
    if (archive != nullptr) zip_discard(archive);
  }
};

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::open(std::string_view bytes) {
  auto impl = std::make_unique<Impl>();
  impl->bytes = bytes;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source =
      zip_source_buffer_create(impl->bytes.data(), impl->bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return make_error("page.invalid", "ZIP 数据无法读取 (unreadable ZIP data)");
  }
  impl->archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (impl->archive == nullptr) {
    zip_source_free(source);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return make_error("page.invalid", "不是有效的 ZIP 文件 (not a valid ZIP archive): " + reason);
  }
  zip_error_fini(&error);
  return ZipArchive(std::move(impl));
}

std::vector<std::string> ZipArchive::names() const {
  std::vector<std::string> out;
  const zip_int64_t count = zip_get_num_entries(impl_->archive, 0);
  for (zip_int64_t i = 0; i < count; ++i)
    if (const char* name = zip_get_name(impl_->archive, static_cast<zip_uint64_t>(i), 0))
      out.emplace_back(name);
  return out;
}

Result<std::optional<std::string>> ZipArchive::read(std::string_view name,
                                                    std::size_t max_bytes) const {
  const std::string key(name);
  const zip_int64_t index = zip_name_locate(impl_->archive, key.c_str(), 0);
  if (index < 0) return std::optional<std::string>();
  zip_stat_t st;
  if (zip_stat_index(impl_->archive, static_cast<zip_uint64_t>(index), 0, &st) != 0)
    return make_error("page.invalid", "ZIP 成员无法读取 (unreadable member) " + key);
  if ((st.valid & ZIP_STAT_SIZE) == 0 || st.size > max_bytes)
    return make_error("page.invalid", "ZIP 成员过大 (member too large) " + key);
  zip_file_t* file = zip_fopen_index(impl_->archive, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr)
    return make_error("page.invalid", "ZIP 成员无法读取 (unreadable member) " + key);
  std::string out(static_cast<std::size_t>(st.size), '\0');
  // The declared size bounds the read; a member that inflates to more is damaged anyway.
  const zip_int64_t got = zip_fread(file, out.data(), out.size());
  zip_fclose(file);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size)
    return make_error("page.invalid", "ZIP 成员数据损坏 (damaged member) " + key);
  return std::optional<std::string>(std::move(out));
}

}  // namespace sanshen
