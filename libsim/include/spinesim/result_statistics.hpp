// Statistics of a SimulationResult over its solved frames (frame_status "optimal"; frames beyond frame_status count
// as solved): a column's signed peak and mean, the passive share at the peak moment, the total lumbar flexion, muscle
// family and single-muscle peaks. Unsolved frames hold the closest point the solver reached, so they never enter a
// statistic. Used by the comparison metrics (comparison_metrics.hpp) and the CLI's run and summary tables.
#pragma once

#include "spinesim/simulation.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace spinesim {

// Net moments below this (N·m) make the passive share meaningless (upright frames).
inline constexpr double kMinPassiveShareMoment = 5.0;

// True where frame `frame` was solved ("optimal"), or has no status.
bool frame_solved(const SimulationResult& result, Eigen::Index frame);
// Number of solved frames among result.time.
std::size_t solved_frame_count(const SimulationResult& result);

struct ColumnStat {
    double peak = std::numeric_limits<double>::quiet_NaN();       // value of largest magnitude, signed
    double mean = std::numeric_limits<double>::quiet_NaN();
    double peak_time = std::numeric_limits<double>::quiet_NaN();  // s, time of the peak frame
};

// Over the solved frames with a finite value of column `column` of `matrix` (frames x columns, one of result's
// matrices); all NaN when the column does not exist (e.g. column -1) or no frame counts.
ColumnStat column_stat(const SimulationResult& result, const Eigen::MatrixXd& matrix, Eigen::Index column);

// Column of a lumbar level by name, ignoring '/', '-', '_' and case ("L4/L5" = "l4l5"); -1 when absent.
Eigen::Index level_index(const SimulationResult& result, const std::string& level);

// Passive share (tissue + passive muscle moment over the net moment: external loads plus the support contacts on
// the part above) at the solved frame where the net moment at `level` is largest in magnitude, as a fraction; NaN
// when level < 0 or no solved frame has a net moment of at least kMinPassiveShareMoment.
double peak_passive_share(const SimulationResult& result, Eigen::Index level);

// Largest total lumbar flexion over the solved frames: the sum of the "<level>.flexion" coordinates of the lumbar
// levels (rad, + = flexion); NaN when the result has none of them.
double lumbar_flexion_peak(const SimulationResult& result);

// Largest over solved frames of a muscle family's summed force (both sides), N; NaN if no muscle is of the family.
double family_peak(const SimulationResult& result, const std::string& family);

// Largest over solved frames of the largest |coupling_moment| at any level, N·m; NaN when no frame counts.
double coupling_moment_peak(const SimulationResult& result);

// Largest max_activation (fraction of maximal force, 0-1) over solved frames; NaN when no frame counts.
double peak_activation(const SimulationResult& result);

struct MusclePeak {
    std::string name, family;
    double force = 0.0;  // N, signed peak (column_stat) of the muscle's total force
    double time = 0.0;   // s
};

// The `count` muscles with the largest peak force, largest first (ties keep the muscle order).
std::vector<MusclePeak> top_muscles(const SimulationResult& result, int count);

}  // namespace spinesim
