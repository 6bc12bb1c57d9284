// Cold start for the MinMax dual.
//
// From λ = 0 the MinMax dual is nearly piecewise linear (its quadratic term is small): a Newton direction that
// sees few free muscles mostly points along the null space of the dual Hessian, and each step only reaches the
// next breakpoint, so the free set is built up one or two muscles per iteration. The Σσ² problem on the same
// equilibrium rows (the MinMax problem with unit quadratic weights and no bound t) is cheap — a handful of
// iterations — and its multipliers already encode which muscles can carry the load and in what proportion.
// The MinMax solve therefore starts at the maximiser of its own dual on the ray λ = α λ²; this typically saves
// a third of the iterations. It is only a starting point: the MinMax optimum is found to the same tolerance.
#pragma once

#include "sharing/scaled_problem.hpp"

#include <spinesim/sharing_problem.hpp>

#include <Eigen/Core>

namespace spinesim::sharing {

// The Σσ² multipliers (scaled rows, as for sp) for the MinMax problem sp, and the iterations spent on them.
// Empty if that solve did not produce usable multipliers (e.g. the load is infeasible): then start as usual.
Eigen::VectorXd minmax_start_ray(const ScaledProblem& sp, const SharingProblem& problem, int& iterations);

}  // namespace spinesim::sharing
