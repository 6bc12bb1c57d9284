// Text reports shared by `run` and `compare`: per-level peak/mean tables, top muscles, the side-by-side
// comparison with NIOSH compression and shear limit flags. Statistics use the solved frames only.
#pragma once

#include "spinesim/simulation.hpp"

#include <string>
#include <utility>
#include <vector>

namespace spinesim::cli {

// Occupational limits the tables flag.
inline constexpr double kNioshActionLimit = 3400.0;       // N compression, Waters et al. 1993 Ergonomics 36:749
inline constexpr double kNioshMaximumLimit = 6400.0;      // N compression, ibid.
inline constexpr double kShearLimit = 1000.0;             // N shear, Gallagher & Marras 2012 Clin Biomech 27:973

// "> 6400 N (NIOSH MPL)", "> 3400 N (NIOSH AL)" or "".
std::string compression_flag(double peak);
// "> 1000 N (shear limit)" or "".
std::string shear_flag(double peak);

// `spinesim run`: one row per lumbar level, then the `top` muscles by peak force.
void print_run_report(const SimulationResult& result, int top = 10);

// `spinesim summary`: one row per run (label, result), sorted by peak L4/L5 compression (largest first).
void print_summary(const std::vector<std::pair<std::string, const SimulationResult*>>& runs);

// `spinesim compare`: one column per run (label, result). With two runs a difference column is added.
void print_comparison(const std::vector<std::pair<std::string, const SimulationResult*>>& runs);

}  // namespace spinesim::cli
