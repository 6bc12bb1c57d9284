// The text of a comparison of runs (`spinesim compare`, spinesim.Comparison.to_text() in Python): one row per
// comparison metric (comparison_metrics.hpp), one column per run, a difference column when there are two runs, then
// the limits note.
#pragma once

#include "spinesim/simulation.hpp"

#include <string>
#include <utility>
#include <vector>

namespace spinesim {

// The table of the runs (label, result), followed by an empty line and comparison_limits_note().
std::string comparison_table(const std::vector<std::pair<std::string, const SimulationResult*>>& runs);

}  // namespace spinesim
