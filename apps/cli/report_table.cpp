#include "report_table.hpp"

#include "spinesim/comparison_metrics.hpp"
#include "spinesim/result_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace spinesim::cli {

namespace {

// ---- formatting ----

std::string fmt(double v, const char* format = "%.0f") {
    if (!std::isfinite(v)) return "n/a";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, v);
    std::string out = buffer;
    if (out.size() > 1 && out[0] == '-' && out.find_first_of("123456789") == std::string::npos) out.erase(0, 1);  // "-0"
    return out;
}

std::string with_flag(const std::string& value, const std::string& flag) {
    return flag.empty() ? value : value + "  " + flag;
}

// Columns aligned; the first left-aligned, the others right-aligned.
void print_table(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (width.size() <= c) width.push_back(0);
            width[c] = std::max(width[c], row[c].size());
        }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string line;
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::string& cell = rows[r][c];
            const std::string pad(width[c] - cell.size(), ' ');
            line += c == 0 ? cell + pad : "  " + pad + cell;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::printf("%s\n", line.c_str());
        if (r == 0) {
            std::size_t total = 0;
            for (std::size_t w : width) total += w + 2;
            std::printf("%s\n", std::string(total - 2, '-').c_str());
        }
    }
}

void print_limits_note() { std::printf("%s", comparison_limits_note().c_str()); }

// A metric's cell: the value in its format (with its flag), "n/total" for counts, "<muscle> <force>" for the
// strongest muscles.
std::string metric_text(const ComparisonMetric& m) {
    if (std::isfinite(m.out_of)) return fmt(m.value) + "/" + fmt(m.out_of);
    if (m.label.rfind("muscle #", 0) == 0) return m.muscle.empty() ? "" : m.muscle + " " + fmt(m.value);
    return with_flag(fmt(m.value, m.format.c_str()), m.flag);
}

// The difference cell: percentage points for shares, otherwise the difference and the relative change in %.
std::string difference_text(const ComparisonMetric& a, const ComparisonMetric& b) {
    const MetricDifference d = metric_difference(a, b);
    if (!std::isfinite(d.difference)) return "";
    if (a.share) return fmt(d.difference, "%+.1f") + " pp";
    std::string text = fmt(d.difference, std::abs(d.difference) < 10 ? "%+.2f" : "%+.0f");
    if (std::isfinite(d.relative)) text += " (" + fmt(100.0 * d.relative, "%+.0f%%") + ")";
    return text;
}

}  // namespace

void print_run_report(const SimulationResult& r, int top) {
    const Scenario& s = r.definition;
    std::printf("%s (%s): %.1f kg, %.2f m %s, strength x%.3g; %zu of %zu frames solved\n\n",
                s.title.empty() ? r.scenario.c_str() : s.title.c_str(), r.scenario.c_str(), s.subject.body_mass_kg,
                s.subject.height_m, to_string(s.subject.sex).c_str(), s.subject.strength_scale,
                solved_frame_count(r), static_cast<std::size_t>(r.time.size()));
    std::vector<std::vector<std::string>> rows = {{"level", "compr. peak [N]", "compr. mean [N]", "AP shear peak [N]",
                                                   "AP shear mean [N]", "lat. shear peak [N]", "IDP peak [MPa]",
                                                   "passive share at peak moment", "flags"}};
    for (std::size_t l = 0; l < r.level_names.size(); ++l) {
        const auto k = static_cast<Eigen::Index>(l);
        const ColumnStat c = column_stat(r, r.compression, k), ap = column_stat(r, r.shear_ap, k);
        const ColumnStat lat = column_stat(r, r.shear_lateral, k), idp = column_stat(r, r.intradiscal_pressure, k);
        std::string flags = compression_flag(c.peak);
        const std::string sf = shear_flag(ap.peak);
        if (!sf.empty()) flags += (flags.empty() ? "" : ", ") + sf;
        rows.push_back({r.level_names[l], fmt(c.peak), fmt(c.mean), fmt(ap.peak), fmt(ap.mean), fmt(lat.peak),
                        fmt(idp.peak * 1e-6, "%.2f"), fmt(peak_passive_share(r, k) * 100.0, "%.0f%%"), flags});
    }
    print_table(rows);
    std::printf("\nTop %d muscles by peak force:\n", top);
    std::vector<std::vector<std::string>> muscles = {{"muscle", "family", "peak [N]", "at [s]"}};
    for (const MusclePeak& m : top_muscles(r, top)) muscles.push_back({m.name, m.family, fmt(m.force), fmt(m.time, "%.2f")});
    print_table(muscles);
    std::printf("\n");
    print_limits_note();
}

void print_comparison(const std::vector<std::pair<std::string, const SimulationResult*>>& runs) {
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
    print_table(rows);
    std::printf("\n");
    print_limits_note();
}

void print_summary(const std::vector<std::pair<std::string, const SimulationResult*>>& runs) {
    struct Row {
        std::string label;
        const SimulationResult* r;
        double peak;
    };
    std::vector<Row> sorted;
    for (const auto& [label, r] : runs)
        sorted.push_back({label, r, column_stat(*r, r->compression, level_index(*r, "L4/L5")).peak});
    std::stable_sort(sorted.begin(), sorted.end(), [](const Row& a, const Row& b) {
        return (std::isnan(b.peak) && !std::isnan(a.peak)) || a.peak > b.peak;
    });
    std::vector<std::vector<std::string>> rows = {{"scenario", "strength", "frames", "L4/L5 compr. peak [N]",
                                                   "mean [N]", "L4/L5 AP shear peak [N]", "L5/S1 compr. peak [N]",
                                                   "L5/S1 AP shear peak [N]", "passive share [%]", "peak act. [%]",
                                                   "flags"}};
    for (const Row& row : sorted) {
        const SimulationResult& r = *row.r;
        const Eigen::Index l4 = level_index(r, "L4/L5"), l5 = level_index(r, "L5/S1");
        const ColumnStat c4 = column_stat(r, r.compression, l4), s4 = column_stat(r, r.shear_ap, l4);
        const ColumnStat c5 = column_stat(r, r.compression, l5), s5 = column_stat(r, r.shear_ap, l5);
        std::string flags = compression_flag(std::max(c4.peak, c5.peak));
        const std::string sf = shear_flag(std::abs(s4.peak) > std::abs(s5.peak) ? s4.peak : s5.peak);
        if (!sf.empty()) flags += (flags.empty() ? "" : "; ") + sf;
        if (r.frames_with_warnings() > 0) flags += (flags.empty() ? "" : "; ") + std::string("path-validity warnings");
        rows.push_back({row.label, fmt(r.definition.subject.strength_scale, "x%.2f"),
                        std::to_string(solved_frame_count(r)) + "/" + std::to_string(r.time.size()), fmt(c4.peak),
                        fmt(c4.mean), fmt(s4.peak), fmt(c5.peak), fmt(s5.peak),
                        fmt(100.0 * peak_passive_share(r, l4)), fmt(100.0 * peak_activation(r)), flags});
    }
    print_table(rows);
    std::printf("\n");
    print_limits_note();
}

}  // namespace spinesim::cli
