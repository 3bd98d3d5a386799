#include "core/checks/attachment_text.h"

#include <algorithm>
#include <array>

#include "core/pdf_text.h"
#include "core/unicode_text.h"
#include "core/xml_text.h"
#include "core/zip_archive.h"

namespace sanshen {
namespace {

// Uncompressed size limit of one OOXML part; real documents are far below it.
constexpr std::size_t kMaxPartBytes = 64 * 1024 * 1024;

std::string extension_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  std::string ext(path.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

Result<std::string> docx_text(std::string_view bytes) {
  auto zip = ZipArchive::open(bytes);
  if (!zip) return zip.error();
  std::vector<std::string> parts = {"word/document.xml"};
  for (const std::string& name : zip->names())
    if (name.starts_with("word/") && name.ends_with(".xml") &&
        (name.starts_with("word/header") || name.starts_with("word/footer") ||
         name == "word/footnotes.xml" || name == "word/endnotes.xml"))
      parts.push_back(name);
  std::string out;
  for (const std::string& part : parts) {
    auto xml = zip->read(part, kMaxPartBytes);
    if (!xml) return xml.error();
    if (!*xml) {
      if (part == parts.front())
        return make_error("page.invalid", "不是有效的 .docx 文件：缺少 word/document.xml");
      continue;
    }
    auto text = wordprocessing_text(**xml);
    if (!text) return text.error();
    out += *text;
  }
  return out;
}

Result<std::string> xlsx_text(std::string_view bytes) {
  auto zip = ZipArchive::open(bytes);
  if (!zip) return zip.error();
  std::vector<std::string> shared;
  auto shared_xml = zip->read("xl/sharedStrings.xml", kMaxPartBytes);
  if (!shared_xml) return shared_xml.error();
  if (*shared_xml) {
    auto parsed = spreadsheet_shared_strings(**shared_xml);
    if (!parsed) return parsed.error();
    shared = std::move(*parsed);
  }
  std::vector<std::string> sheets;
  for (const std::string& name : zip->names())
    if (name.starts_with("xl/worksheets/") && name.ends_with(".xml") &&
        name.find('/', 14) == std::string::npos)
      sheets.push_back(name);
  if (sheets.empty())
    return make_error("page.invalid", "不是有效的 .xlsx 文件：没有工作表 (no worksheet)");
  std::sort(sheets.begin(), sheets.end());
  std::string out;
  for (const std::string& sheet : sheets) {
    auto xml = zip->read(sheet, kMaxPartBytes);
    if (!xml) return xml.error();
    auto text = worksheet_text(**xml, shared);
    if (!text) return text.error();
    out += *text;
  }
  return out;
}

std::string strip_target(std::string target) {
  const std::size_t cut = target.find_first_of("?#");
  if (cut != std::string::npos) target.erase(cut);
  // The same convention as the build's static references: `/static/…` or `static/…`.
  if (target.starts_with("/")) target.erase(0, 1);
  if (!target.starts_with("static/") || target.find("..") != std::string::npos) return "";
  return target;
}

}  // namespace

Result<std::optional<std::string>> extract_attachment_text(std::string_view path,
                                                           std::string_view bytes) {
  const std::string ext = extension_of(path);
  if (ext == "txt" || ext == "csv" || ext == "md" || ext == "htm" || ext == "html") {
    if (!find_invalid_utf8(bytes)) return std::optional<std::string>(std::string(bytes));
    return std::optional<std::string>(gb18030_to_utf8(bytes));
  }
  if (ext == "docx") {
    auto text = docx_text(bytes);
    if (!text) return text.error();
    return std::optional<std::string>(std::move(*text));
  }
  if (ext == "xlsx") {
    auto text = xlsx_text(bytes);
    if (!text) return text.error();
    return std::optional<std::string>(std::move(*text));
  }
  if (ext == "pdf") {
    auto text = pdf_text(bytes);
    if (!text) return text.error();
    return std::optional<std::string>(std::move(*text));
  }
  static constexpr std::array<std::string_view, 6> kUnreadable = {"doc", "xls", "ppt",
                                                                  "wps", "et",  "dps"};
  if (std::find(kUnreadable.begin(), kUnreadable.end(), ext) != kUnreadable.end())
    return make_error("page.invalid", "无法检查旧版 Office 格式 ." + ext +
                                          " 的内容，请另存为 .docx/.xlsx/.pdf (old binary Office format)");
  return std::optional<std::string>();
}

std::vector<std::string> linked_attachments(const PageSource& page) {
  std::vector<std::string> out;
  auto add = [&](std::string path) {
    if (!path.empty() && std::find(out.begin(), out.end(), path) == out.end())
      out.push_back(std::move(path));
  };
  for (const std::string& a : page.meta.attachments) add(strip_target(a));
  const std::string_view t = page.body;
  // Markdown `](target)` and HTML href/src values; other forms cannot link a local file.
  for (std::size_t i = t.find("]("); i != std::string_view::npos; i = t.find("](", i + 2)) {
    std::size_t b = i + 2;
    if (b < t.size() && t[b] == '<') ++b;
    std::size_t e = b;
    while (e < t.size() && t[e] != ')' && t[e] != ' ' && t[e] != '>' && t[e] != '\n') ++e;
    add(strip_target(std::string(t.substr(b, e - b))));
  }
  for (std::string_view attr : {"href=\"", "src=\"", "href='", "src='"}) {
    for (std::size_t i = t.find(attr); i != std::string_view::npos; i = t.find(attr, i + 1)) {
      const std::size_t b = i + attr.size();
      const std::size_t e = t.find(attr.back(), b);
      if (e == std::string_view::npos) break;
      add(strip_target(std::string(t.substr(b, e - b))));
    }
  }
  return out;
}

}  // namespace sanshen
