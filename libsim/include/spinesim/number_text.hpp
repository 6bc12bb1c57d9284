// Numbers in error messages: the shortest text that reads back as the same double ("75", "1e+300", "0.1", "nan"),
// never std::to_string's fixed "%f" (a 300-digit "1e300", "0.000000" for 1e-9).
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace spinesim {

inline std::string number_text(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char text[32];
    for (int digits = 6; digits <= 17; ++digits) {   // %g, with more digits only where needed to round-trip
        std::snprintf(text, sizeof text, "%.*g", digits, v);
        if (std::strtod(text, nullptr) == v) break;
    }
    return text;
}

}  // namespace spinesim
