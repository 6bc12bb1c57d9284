#include "report_table.hpp"

#include "spinesim/comparison_metrics.hpp"
#include "spinesim/comparison_table.hpp"
#include "spinesim/result_statistics.hpp"
#include "spinesim/summary_table.hpp"
#include "spinesim/text_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace spinesim::cli {

namespace {

std::string fmt(double v, const char* format = "%.0f") { return table_number(v, format); }

void print_table(const std::vector<std::vector<std::string>>& rows) { std::printf("%s", table_text(rows).c_str()); }

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
    std::printf("\n%s", comparison_limits_note().c_str());
}

void print_comparison(const std::vector<std::pair<std::string, const SimulationResult*>>& runs) {
    std::printf("%s", comparison_table(runs).c_str());
}

void print_summary(const std::vector<std::pair<std::string, const SimulationResult*>>& runs) {
    std::printf("%s", summary_table(runs).c_str());
}

}  // namespace spinesim::cli
