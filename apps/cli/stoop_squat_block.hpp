// The stoop vs squat block of `spinesim validate` (von Arx et al. 2021 against the box-lift twins).
#pragma once

#include "spinesim/stoop_squat_validation.hpp"

namespace spinesim::cli {

// Prints `report`: one row per lumbar level (model stoop - squat vs the published range, in range or not) and a line
// for the scenarios' own lumbar flexion.
void print_stoop_squat(const StoopSquatReport& report);

}  // namespace spinesim::cli
