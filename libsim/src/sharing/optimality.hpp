// Independent KKT check of a candidate solution of the scaled problem.
#pragma once

#include "sharing/scaled_problem.hpp"

#include <Eigen/Core>

namespace spinesim::sharing {

// Largest violation of the stationarity/complementarity conditions of the scaled problem at (y, t) with
// multipliers lambda of Ã y = b̃, relative to 1 + |Ãᵀλ|_inf:
//   per variable, with g_i = phi_i'(y_i) - (Ãᵀλ)_i:  |g_i| if l_i < y_i < h_i,  max(-g_i, 0) at the lower bound,
//   max(g_i, 0) at the upper bound h_i (= min(u_i, t) for MinMax muscles);
//   MinMax: the multipliers nu_i = -g_i >= 0 of y_i <= t must sum to 1 (stationarity in t).
double kkt_residual(const ScaledProblem& sp, const Eigen::VectorXd& y, double t, const Eigen::VectorXd& lambda);

}  // namespace spinesim::sharing
