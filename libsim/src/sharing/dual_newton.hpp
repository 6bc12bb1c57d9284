// Semi-smooth Newton ascent on the concave dual of the scaled sharing problem.
//
// Why the dual: the objective is separable and convex and the only coupling is m << n linear equalities.
// For fixed multipliers λ the minimiser y(λ) is closed form (PrimalResponse), so the dual
//     g(λ) = λᵀb̃ + min_{box} [ sum_i phi_i(y_i) - (Ãᵀλ)ᵀ y ]          (- e/2 |λ|² in elastic mode)
// is concave and C¹ with gradient  ∇g = b̃ - Ã y(λ)  (- e λ): the equality residual itself. Its generalised
// Hessian is  -(Ã (dy/dc) Ãᵀ + e I), an m x m matrix, so a Newton step costs one m x m Cholesky (m ≈ 30) instead
// of anything n-sized. When the active set is right the step is exact for p = 2 / MinMax (the dual is
// piecewise quadratic), and superlinear for p = 3; the equality residual is driven to rounding level, so
// A x = b holds exactly, not as a penalty. Stationarity and complementarity hold by construction of y(λ).
//
// Globalisation: a line search for the maximiser of g along d, i.e. the zero of the directional derivative
// s(α) = dᵀ∇g(λ + α d), a non-increasing function because g is concave (see line_search.hpp: for MinMax exact,
// by walking the breakpoints of s; otherwise safeguarded false position). It never compares dual values, so it
// is immune to the cancellation that plagues Armijo tests on g near the optimum.
//
// Elastic mode (e > 0) maximises the dual of  min phi(y) + 1/(2e) |r|²  s.t.  Ã y + r = b̃, which always
// has a solution: with tiny e it is the closest achievable point (least squares in scaled rows), used to
// certify and quantify infeasibility.
#pragma once

#include "sharing/primal_response.hpp"
#include "sharing/scaled_problem.hpp"

#include <spinesim/sharing_problem.hpp>

#include <Eigen/Core>

namespace spinesim::sharing {

struct DualSettings {
    double elastic = 0.0;            // e = 1/M (0: exact equality constraints)
    double tolerance = 1e-9;         // exact mode: max_k |b_k - (A x)_k| in the user's units
    int max_iterations = 200;
    double divergence_bound = 1e8;   // exact mode: |λ̃|_inf beyond this means the dual is unbounded
};

enum class DualStatus { Converged, Diverged, Stalled, IterationLimit };

struct DualOutcome {
    DualStatus status = DualStatus::IterationLimit;
    int iterations = 0;
    double residual = 0.0;           // max_k |b_k - (A x)_k| (user units) at the returned λ
};

// Maximises the dual starting from lambda (scaled multipliers, updated in place). cold_start: lambda is
// ignored and the start is the best point on the ray λ = α d0, with d0 = *start_ray if given, else the Newton
// direction at λ = 0 with every variable treated as free. On return response holds y(lambda).
DualOutcome maximise_dual(const ScaledProblem& sp, const SharingProblem& problem, PrimalResponse& response,
                          Eigen::VectorXd& lambda, bool cold_start, const DualSettings& settings,
                          const Eigen::VectorXd* start_ray = nullptr);

}  // namespace spinesim::sharing
