// Internal: the yes/no question of a strength search ("does solve_sharing() hold this problem?"), answered without
// a whole infeasibility proof when an earlier probe's closest balance already proves the answer.
//
// An unheld probe costs solve_sharing() an exact solve run until its dual diverges and a five-stage elastic
// continuation (~200-500 dual Newton iterations, ~2-5 ms). Infeasibility has a cheap certificate (weak duality,
// Farkas): for any row weights w, every y in the box l̃ <= y <= ũ has
//     max_k |b̃ - Ã y|_k  >=  (w·b̃ - max_{box} (Ãᵀw)·y) / |w|_1,
// the maximum being separable (each variable at the bound the sign of (Ãᵀw)_i picks), O(m n). The probes of a
// strength search differ only in the muscles' force bounds and passive forces (Ã and the scaling are the same), so
// the residual of an earlier unheld probe's closest point is a good w for the later ones (lo of the bisection is
// always the latest unheld probe). solve_sharing() reports a problem held only at a point whose residual is within
// kInfeasibleRelative x (1 + max|b̃|) scaled, or within its equality tolerance (or rounding) in the user's units
// (the retry); a bound 100 times the first and 1000 times the second excludes both, so the answer "not held" is
// the one solve_sharing() would give. Otherwise the probe runs solve_sharing()'s own solve, which also tries the
// diverging exact dual's multipliers (it ascends along a Farkas direction) and each elastic stage's residual as w
// and stops at the first that proves "not held"; what it cannot prove, the full solve decides.
// A variable without a bound on the side (Ãᵀw)_i points to (a contact generator) makes the maximum infinite (no
// certificate); a coefficient within rounding of zero (1e-12 |w|_2: the variable was free at the earlier closest
// point) counts as zero, which misjudges the bound only if the closest balance needed a contact force ~1e9 times
// its reference force.
#pragma once

#include "sharing/scaled_problem.hpp"

#include <spinesim/sharing_problem.hpp>

#include <Eigen/Core>

namespace spinesim::sharing {

// The lower bound above on the largest scaled residual of any y in the box (0 if w gives none).
double shortfall_bound(const ScaledProblem& sp, const Eigen::VectorXd& w);

// Whether solve_sharing(problem, options) (cold) returns SolveStatus::Optimal. certificate: in, row weights w
// (scaled rows; empty = none), e.g. the scaled residual of an earlier unheld problem with the same rows; out, this
// problem's scaled closest-point residual when solve_sharing() finds it infeasible (unchanged otherwise).
bool holds_sharing(const SharingProblem& problem, const SolverOptions& options, Eigen::VectorXd& certificate);

}  // namespace spinesim::sharing
