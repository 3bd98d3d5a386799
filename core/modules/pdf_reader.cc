// The poppler adapter, built as the module sanshen-pdf.so (see core/pdf_text.h for why).
#include "core/modules/pdf_reader.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>

namespace {

// poppler reports problems on stderr by default; core never prints.
void quiet(const std::string&, void*) {}

}  // namespace

extern "C" __attribute__((visibility("default"))) sanshen::PdfReadStatus sanshen_pdf_text_v1(
    const char* data, std::size_t size, std::string* text) {
  using sanshen::PdfReadStatus;
  static const bool silenced = [] {
    poppler::set_debug_error_function(quiet, nullptr);
    return true;
  }();
  (void)silenced;
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(data, static_cast<int>(size)));
  if (!doc) return PdfReadStatus::kNotPdf;
  if (doc->is_locked()) return PdfReadStatus::kLocked;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    const poppler::byte_array utf8 =
        page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    text->append(utf8.begin(), utf8.end());
    *text += '\n';
  }
  return PdfReadStatus::kOk;
}
