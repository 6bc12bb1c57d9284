// The text of a comparison (spinesim/comparison_table.hpp).
#include "spinesim/comparison_table.hpp"

#include "spinesim/comparison_metrics.hpp"
#include "spinesim/text_table.hpp"

#include <cmath>

namespace spinesim {

namespace {

// A metric's cell: the value in its format (with its flag), "n/total" for counts, "<muscle> <force>" for the
// strongest muscles.
std::string metric_text(const ComparisonMetric& m) {
    if (std::isfinite(m.out_of)) return table_number(m.value) + "/" + table_number(m.out_of);
    if (m.label.rfind("muscle #", 0) == 0) return m.muscle.empty() ? "" : m.muscle + " " + table_number(m.value);
    const std::string value = table_number(m.value, m.format.c_str());
    return m.flag.empty() ? value : value + "  " + m.flag;
}

// The difference cell: percentage points for shares, otherwise the difference and the relative change in %, the
// latter only where metric_difference gives one (not against a negligible reference: "+499", not "+499 (+236058%)").
std::string difference_text(const ComparisonMetric& a, const ComparisonMetric& b) {
    const MetricDifference d = metric_difference(a, b);
    if (!std::isfinite(d.difference)) return "";
    if (a.share) return table_number(d.difference, "%+.1f") + " pp";
    std::string text = table_number(d.difference, std::abs(d.difference) < 10 ? "%+.2f" : "%+.0f");
    if (std::isfinite(d.relative)) text += " (" + table_number(100.0 * d.relative, "%+.0f%%") + ")";
    return text;
}

}  // namespace

std::string comparison_table(const std::vector<std::pair<std::string, const SimulationResult*>>& runs) {
    std::vector<std::vector<ComparisonMetric>> metrics;
    for (const auto& run : runs) metrics.push_back(comparison_metrics(*run.second));
    const bool difference = runs.size() == 2;
    std::vector<std::vector<std::string>> rows(1, {"metric"});
    for (const auto& run : runs) rows[0].push_back(run.first);
    if (difference) rows[0].push_back("difference");
    for (std::size_t k = 0; !metrics.empty() && k < metrics[0].size(); ++k) {
        std::vector<std::string> row{metrics[0][k].label};
        for (const auto& m : metrics) row.push_back(metric_text(m[k]));
        if (difference) row.push_back(difference_text(metrics[0][k], metrics[1][k]));
        rows.push_back(std::move(row));
    }
    return table_text(rows) + "\n" + comparison_limits_note();
}

}  // namespace spinesim
