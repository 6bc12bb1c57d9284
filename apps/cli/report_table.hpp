// Text reports of `run`, `summary` and `compare`: per-level peak/mean tables, top muscles, the summary and the
// side-by-side comparison with NIOSH compression and shear limit flags. The numbers come from the library
// (spinesim/result_statistics.hpp, spinesim/comparison_metrics.hpp), and so do the summary and comparison tables'
// text (spinesim/summary_table.hpp, spinesim/comparison_table.hpp, which Python prints too).
#pragma once

#include "spinesim/simulation.hpp"

#include <string>
#include <utility>
#include <vector>

namespace spinesim::cli {

// `spinesim run`: one row per lumbar level, then the `top` muscles by peak force.
void print_run_report(const SimulationResult& result, int top = 10);

// `spinesim summary`: one row per run (label, result), sorted by peak L4/L5 compression (largest first).
void print_summary(const std::vector<std::pair<std::string, const SimulationResult*>>& runs);

// `spinesim compare`: one column per run (label, result). With two runs a difference column is added.
void print_comparison(const std::vector<std::pair<std::string, const SimulationResult*>>& runs);

}  // namespace spinesim::cli
