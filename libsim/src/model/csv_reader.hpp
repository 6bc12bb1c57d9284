// Minimal reader for the comma-separated data tables in data/ ('#' comment lines, one header line).
#pragma once

#include <string>
#include <vector>

namespace spinesim::detail {

struct CsvTable {
    std::string file;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<int> line_numbers;  // 1-based line of each row in the file

    int column(const std::string& name) const;  // throws InputError if missing
    double number(std::size_t row, int column) const;  // throws InputError naming file:line, field and value
    const std::string& text(std::size_t row, int column) const;
};

CsvTable read_csv(const std::string& path);

std::vector<std::string> split(const std::string& text, char separator);
std::string trim(const std::string& text);
// Parses a finite double; throws InputError(file, field, text) otherwise.
double parse_number(const std::string& text, const std::string& file, const std::string& field);

}  // namespace spinesim::detail
