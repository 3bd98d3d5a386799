#include "core/pdf_text.h"

#include "core/executable_dir.h"
#include "core/modules/pdf_reader.h"
#include "core/shared_library.h"

namespace sanshen {
namespace {

struct PdfModule {
  PdfTextFunction text = nullptr;
};

Result<PdfModule> load_pdf_module() {
  auto path = beside_executable(kPdfModuleFile);
  if (!path) return path.error();
  auto lib = SharedLibrary::open(*path);
  if (!lib) return lib.error();
  PdfModule module;
  if (auto bound = (*lib)->bind(module.text, kPdfTextSymbol); !bound) return bound.error();
  return module;
}

}  // namespace

Result<std::string> pdf_text(std::string_view bytes) {
  static const Result<PdfModule> module = load_pdf_module();
  if (!module) {
    // An attachment that cannot be read is not published: the page is refused, saying why.
    return make_error("page.invalid",
                      "无法检查 PDF 附件 (cannot check PDF attachment): " + module.error().message);
  }
  std::string out;
  const PdfReadStatus status = module->text(bytes.data(), bytes.size(), &out);
  if (status == PdfReadStatus::kOk) return out;
  if (status == PdfReadStatus::kLocked)
    return make_error("page.invalid", "PDF 文件有密码保护，无法检查 (password-protected PDF)");
  return make_error("page.invalid", "不是有效的 PDF 文件 (not a readable PDF)");
}

}  // namespace sanshen
