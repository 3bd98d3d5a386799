// The only file that includes md4c.
#include "core/markdown.h"

#include <md4c-html.h>

namespace sanshen {
namespace {

void append_output(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  static_cast<std::string*>(userdata)->append(text, size);
}

}  // namespace

Result<std::string> render_markdown(std::string_view md) {
  std::string html;
  html.reserve(md.size() + md.size() / 4);
  // MD_FLAG_NOHTML makes md4c treat raw HTML blocks and spans as text, so they come out escaped.
  const unsigned parser_flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
  if (md_html(md.data(), static_cast<MD_SIZE>(md.size()), append_output, &html, parser_flags,
              MD_HTML_FLAG_SKIP_UTF8_BOM) != 0) {
    return make_error("markdown.render", "Markdown 渲染失败 (Markdown rendering failed)");
  }
  return html;
}

}  // namespace sanshen
