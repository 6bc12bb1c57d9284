// The summary of runs (`spinesim summary`, spinesim.summary() in Python): one row per run, ranked by peak L4/L5
// compression (largest first): how much each exercise loads the lower back, who carries it (passive share, peak
// activation) and at which strength factor it was run. Statistics over solved frames (result_statistics.hpp).
#pragma once

#include "spinesim/simulation.hpp"

#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace spinesim {

struct SummaryRow {
    std::string scenario;   // the run's label: scenario name (or HDF5 group)
    std::string title;      // the scenario's title
    double strength = std::numeric_limits<double>::quiet_NaN();   // subject.strength_scale the run used
    std::size_t frames_solved = 0, frames = 0;
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    double l4l5_compression_peak = nan, l4l5_compression_mean = nan, l4l5_shear_ap_peak = nan;   // N (peaks signed)
    double l5s1_compression_peak = nan, l5s1_shear_ap_peak = nan;                                  // N
    double passive_share = nan;     // L4/L5 passive share at the peak net moment, %
    double peak_activation = nan;   // largest force / max force over solved frames, %
    std::string flags;              // limits exceeded at L4/L5 or L5/S1 ("; "-separated), path-validity warnings
};

// The rows of the runs (label, result), sorted by L4/L5 compression peak, largest first (NaN last, ties in order).
std::vector<SummaryRow> summary_rows(const std::vector<std::pair<std::string, const SimulationResult*>>& runs);

// The summary table of the runs, followed by an empty line and comparison_limits_note().
std::string summary_table(const std::vector<std::pair<std::string, const SimulationResult*>>& runs);

}  // namespace spinesim
