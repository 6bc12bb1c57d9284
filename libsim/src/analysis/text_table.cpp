// Plain-text tables (spinesim/text_table.hpp).
#include "spinesim/text_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace spinesim {

std::string table_number(double v, const char* format) {
    if (!std::isfinite(v)) return "n/a";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, v);
    std::string out = buffer;
    if (out.size() > 1 && out[0] == '-' && out.find_first_of("123456789") == std::string::npos) out.erase(0, 1);  // "-0"
    return out;
}

std::string table_text(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (width.size() <= c) width.push_back(0);
            width[c] = std::max(width[c], row[c].size());
        }
    std::string text;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string line;
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::string& cell = rows[r][c];
            const std::string pad(width[c] - cell.size(), ' ');
            line += c == 0 ? cell + pad : "  " + pad + cell;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        text += line + "\n";
        if (r == 0) {
            std::size_t total = 0;
            for (std::size_t w : width) total += w + 2;
            text += std::string(total - 2, '-') + "\n";
        }
    }
    return text;
}

}  // namespace spinesim
