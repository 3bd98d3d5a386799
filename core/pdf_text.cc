#include "core/pdf_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>

namespace sanshen {
namespace {

// poppler reports problems on stderr by default; core never prints.
void quiet(const std::string&, void*) {}

}  // namespace

Result<std::string> pdf_text(std::string_view bytes) {
  static const bool silenced = [] {
    poppler::set_debug_error_function(quiet, nullptr);
    return true;
  }();
  (void)silenced;
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return make_error("page.invalid", "不是有效的 PDF 文件 (not a readable PDF)");
  if (doc->is_locked())
    return make_error("page.invalid", "PDF 文件有密码保护，无法检查 (password-protected PDF)");
  std::string out;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    const poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    out.append(utf8.begin(), utf8.end());
    out += '\n';
  }
  return out;
}

}  // namespace sanshen
