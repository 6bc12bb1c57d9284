#include "model/csv_reader.hpp"

#include "spinesim/error.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace spinesim::detail {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream stream(text);
    while (std::getline(stream, part, separator)) parts.push_back(trim(part));
    if (!text.empty() && text.back() == separator) parts.emplace_back();
    return parts;
}

double parse_number(const std::string& text, const std::string& file, const std::string& field) {
    const std::string t = trim(text);
    if (t.empty()) throw InputError(file, field, text, "expected a number, found nothing");
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size() || errno == ERANGE)
        throw InputError(file, field, text, "not a number");
    if (!std::isfinite(value)) throw InputError(file, field, text, "must be finite");
    return value;
}

CsvTable read_csv(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path, "", "", "cannot open the file");
    CsvTable table;
    table.file = path;
    std::string line;
    int line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        if (table.header.empty()) {
            table.header = split(t, ',');
            continue;
        }
        auto fields = split(t, ',');
        if (fields.size() != table.header.size())
            throw InputError(path + ":" + std::to_string(line_number), "", t,
                             "expected " + std::to_string(table.header.size()) + " comma-separated fields, found " +
                                 std::to_string(fields.size()));
        table.rows.push_back(std::move(fields));
        table.line_numbers.push_back(line_number);
    }
    if (table.header.empty()) throw InputError(path, "", "", "no header line");
    return table;
}

int CsvTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return static_cast<int>(i);
    throw InputError(file, name, "", "missing column");
}

double CsvTable::number(std::size_t row, int col) const {
    return parse_number(rows[row][col], file + ":" + std::to_string(line_numbers[row]), header[col]);
}

const std::string& CsvTable::text(std::size_t row, int col) const { return rows[row][col]; }

}  // namespace spinesim::detail
