// Muscle-family totals from a result's per-muscle forces (no Model needed: the result carries the families).
#pragma once

#include "spinesim/simulation.hpp"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace spinesim::results {

// Families present in the result, in the order of muscle_families() followed by any others by first appearance.
std::vector<std::string> result_families(const SimulationResult& result);

// frames x families: sum of `forces` (frames x muscles) over the muscles of each family.
Eigen::MatrixXd family_totals(const SimulationResult& result, const Eigen::MatrixXd& forces,
                              const std::vector<std::string>& families);

}  // namespace spinesim::results
