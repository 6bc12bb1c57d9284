// Plain-text tables as the CLI prints them (and spinesim's Python tables return them): numbers in a printf format
// ("n/a" when not finite, never "-0") and aligned columns under a dashed rule.
#pragma once

#include <string>
#include <vector>

namespace spinesim {

// `v` in printf `format` (one double conversion); "n/a" when not finite; "-0" (any sign on zero digits) unsigned.
std::string table_number(double v, const char* format = "%.0f");

// The rows as aligned columns, the first left-aligned, the others right-aligned, two spaces apart (widths in bytes),
// trailing spaces removed, a line of '-' under the first row; every line newline-ended.
std::string table_text(const std::vector<std::vector<std::string>>& rows);

}  // namespace spinesim
