// Plain-text tables (spinesim/text_table.hpp), the layout of `spinesim run`, `summary` and `compare` and of
// Python's Comparison / Summary text: numbers, alignment and the rule under the header.
#include "spinesim/text_table.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace spinesim;

TEST_CASE("table numbers: printf format, n/a when not finite, no -0", "[table]") {
    CHECK(table_number(1234.4) == "1234");
    CHECK(table_number(-0.3) == "0");
    CHECK(table_number(-0.004, "%+.2f") == "0.00");
    CHECK(table_number(-1.5, "%+.1f") == "-1.5");
    CHECK(table_number(12.0, "%+.0f%%") == "+12%");
    CHECK(table_number(1.04, "x%.2f") == "x1.04");
    CHECK(table_number(std::nan("")) == "n/a");
    CHECK(table_number(std::numeric_limits<double>::infinity(), "%.2f") == "n/a");
}

TEST_CASE("table text: first column left-aligned, others right-aligned, a rule under the header", "[table]") {
    CHECK(table_text({{"metric", "a", "difference"}, {"peak [N]", "1200", ""}, {"x", "5", "+3 (+1%)"}}) ==
          "metric       a  difference\n"
          "--------------------------\n"
          "peak [N]  1200\n"
          "x            5    +3 (+1%)\n");
    CHECK(table_text({}).empty());
}
