// Random but realistic lumbar sharing problems for benchmarking (feasible by construction).
#pragma once

#include <spinesim/sharing_problem.hpp>

#include <cstdint>
#include <vector>

namespace spinesim::bench {

struct RandomProblemShape {
    int joints = 5;                  // L1/L2 .. L5/S1: 3 moment rows [N·m] + 3 force rows [N] each -> m = 30
    int muscles = 290;               // PCSA 0.5..20 cm^2, moment arms ±0.01..0.08 m about each axis
    int contacts_per_joint = 5;      // compression-pyramid generators (non-negative, unbounded above)
    double max_stress = 1.0e6;       // [Pa] muscle upper bound = PCSA * max_stress
};

// A "frame": the joints crossed by each muscle, its moment arms and line of action, and a feasible load
// b = A x0 with x0 strictly inside the box (muscles at 0..40% of their strength, contacts 100..1500 N).
SharingProblem make_random_problem(std::uint64_t seed, const RandomProblemShape& shape = {});

std::vector<SharingProblem> make_random_problems(int count, std::uint64_t seed, const RandomProblemShape& shape = {});

}  // namespace spinesim::bench
