// The entry point of sanshen-pdf.so, the module that holds poppler (core/pdf_text.cc opens it
// on first use). Shared by the module and its one caller, built together: the std::string
// crossing the boundary is the same type on both sides.
#pragma once

#include <cstddef>
#include <string>

namespace sanshen {

enum class PdfReadStatus : int { kOk = 0, kNotPdf = 1, kLocked = 2 };

// The text of every page in reading order (poppler's physical layout), a line break after each.
using PdfTextFunction = PdfReadStatus (*)(const char* data, std::size_t size, std::string* text);
inline constexpr const char* kPdfModuleFile = "sanshen-pdf.so";
inline constexpr const char* kPdfTextSymbol = "sanshen_pdf_text_v1";

}  // namespace sanshen
