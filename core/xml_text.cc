#include "core/xml_text.h"

#include <pugixml.hpp>

#include <cstdlib>

namespace sanshen {
namespace {

Result<pugi::xml_document> parse(std::string_view xml) {
  pugi::xml_document doc;
  // Entities and CDATA as text; no DTD processing exists in pugixml, so no entity expansion
  // attacks either.
  const pugi::xml_parse_result r =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r)
    return make_error("page.invalid", std::string("XML 格式错误 (malformed XML): ") + r.description());
  return doc;
}

// The local name of a namespaced element (`w:t` -> `t`): prefixes differ between producers.
std::string_view local(const pugi::xml_node& n) {
  const std::string_view name = n.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

void runs_text(const pugi::xml_node& node, std::string& out) {
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = local(child);
    if (name == "t") {
      out += child.text().get();
    } else if (name == "tab") {
      out += '\t';
    } else if (name == "br" || name == "cr") {
      out += '\n';
    } else if (name == "p") {
      runs_text(child, out);
      out += '\n';
    } else if (name != "instrText" && name != "delText" && name != "rPh") {
      // Field codes, deleted text and phonetic hints are not what the reader sees.
      runs_text(child, out);
    }
  }
}

}  // namespace

Result<std::string> wordprocessing_text(std::string_view xml) {
  auto doc = parse(xml);
  if (!doc) return doc.error();
  std::string out;
  runs_text(*doc, out);
  return out;
}

Result<std::vector<std::string>> spreadsheet_shared_strings(std::string_view xml) {
  auto doc = parse(xml);
  if (!doc) return doc.error();
  std::vector<std::string> out;
  const pugi::xml_node sst = doc->document_element();
  for (const pugi::xml_node& si : sst.children()) {
    if (local(si) != "si") continue;
    std::string text;
    runs_text(si, text);
    out.push_back(std::move(text));
  }
  return out;
}

Result<std::string> worksheet_text(std::string_view xml, const std::vector<std::string>& shared) {
  auto doc = parse(xml);
  if (!doc) return doc.error();
  std::string out;
  for (const pugi::xml_node& sheet_child : doc->document_element().children()) {
    if (local(sheet_child) != "sheetData") continue;
    for (const pugi::xml_node& row : sheet_child.children()) {
      if (local(row) != "row") continue;
      bool first = true;
      for (const pugi::xml_node& cell : row.children()) {
        if (local(cell) != "c") continue;
        if (!first) out += '\t';
        first = false;
        const std::string_view type = cell.attribute("t").value();
        if (type == "inlineStr") {
          for (const pugi::xml_node& is : cell.children())
            if (local(is) == "is") runs_text(is, out);
          continue;
        }
        std::string value;
        for (const pugi::xml_node& v : cell.children())
          if (local(v) == "v") value = v.text().get();
        if (type == "s") {
          char* end = nullptr;
          const unsigned long index = std::strtoul(value.c_str(), &end, 10);
          if (end != value.c_str() && index < shared.size()) out += shared[index];
        } else {
          out += value;
        }
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace sanshen
