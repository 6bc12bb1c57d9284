// The summary of runs (spinesim/summary_table.hpp).
#include "spinesim/summary_table.hpp"

#include "spinesim/comparison_metrics.hpp"
#include "spinesim/result_statistics.hpp"
#include "spinesim/text_table.hpp"

#include <algorithm>
#include <cmath>

namespace spinesim {

std::vector<SummaryRow> summary_rows(const std::vector<std::pair<std::string, const SimulationResult*>>& runs) {
    std::vector<SummaryRow> rows;
    for (const auto& [label, result] : runs) {
        const SimulationResult& r = *result;
        const Eigen::Index l4 = level_index(r, "L4/L5"), l5 = level_index(r, "L5/S1");
        const ColumnStat c4 = column_stat(r, r.compression, l4), s4 = column_stat(r, r.shear_ap, l4);
        const ColumnStat c5 = column_stat(r, r.compression, l5), s5 = column_stat(r, r.shear_ap, l5);
        SummaryRow row;
        row.scenario = label;
        row.title = r.definition.title;
        row.strength = r.definition.subject.strength_scale;
        row.frames_solved = solved_frame_count(r);
        row.frames = static_cast<std::size_t>(r.time.size());
        row.l4l5_compression_peak = c4.peak;
        row.l4l5_compression_mean = c4.mean;
        row.l4l5_shear_ap_peak = s4.peak;
        row.l5s1_compression_peak = c5.peak;
        row.l5s1_shear_ap_peak = s5.peak;
        row.passive_share = 100.0 * peak_passive_share(r, l4);
        row.peak_activation = 100.0 * peak_activation(r);
        row.flags = compression_flag(std::max(c4.peak, c5.peak));
        const std::string sf = shear_flag(std::abs(s4.peak) > std::abs(s5.peak) ? s4.peak : s5.peak);
        if (!sf.empty()) row.flags += (row.flags.empty() ? "" : "; ") + sf;
        if (r.frames_with_warnings() > 0) row.flags += (row.flags.empty() ? "" : "; ") + std::string("path-validity warnings");
        rows.push_back(std::move(row));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const SummaryRow& a, const SummaryRow& b) {
        return (std::isnan(b.l4l5_compression_peak) && !std::isnan(a.l4l5_compression_peak)) ||
               a.l4l5_compression_peak > b.l4l5_compression_peak;
    });
    return rows;
}

std::string summary_table(const std::vector<std::pair<std::string, const SimulationResult*>>& runs) {
    std::vector<std::vector<std::string>> rows = {{"scenario", "strength", "frames", "L4/L5 compr. peak [N]",
                                                   "mean [N]", "L4/L5 AP shear peak [N]", "L5/S1 compr. peak [N]",
                                                   "L5/S1 AP shear peak [N]", "passive share [%]", "peak act. [%]",
                                                   "flags"}};
    for (const SummaryRow& row : summary_rows(runs))
        rows.push_back({row.scenario, table_number(row.strength, "x%.2f"),
                        std::to_string(row.frames_solved) + "/" + std::to_string(row.frames),
                        table_number(row.l4l5_compression_peak), table_number(row.l4l5_compression_mean),
                        table_number(row.l4l5_shear_ap_peak), table_number(row.l5s1_compression_peak),
                        table_number(row.l5s1_shear_ap_peak), table_number(row.passive_share),
                        table_number(row.peak_activation), row.flags});
    return table_text(rows) + "\n" + comparison_limits_note();
}

}  // namespace spinesim
