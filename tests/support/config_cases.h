// Table fixtures for the TOML config parsers: tests/cases/<kind>/*.toml, whose first line is
// `# expect: ok` or `# expect: error LINE:COL TEXT` (TEXT must appear in the message).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace sanshen::testing {

// The fixture files of tests/cases/<kind>/, sorted; REQUIREs at least `at_least` of them.
std::vector<std::string> config_case_files(const std::string& kind, size_t at_least);

// Checks a parse outcome (error == nullptr: it parsed) against the fixture's expect line.
void check_config_case(const std::string& file, const std::string& text, const Error* error,
                       const std::string& config_path);

}  // namespace sanshen::testing
