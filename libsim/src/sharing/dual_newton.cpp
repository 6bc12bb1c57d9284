#include "sharing/dual_newton.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <limits>

namespace spinesim::sharing {

namespace {

// The line search stops once |s(α)| <= kSlopeFraction * s(0) (approximate line maximiser).
constexpr double kSlopeFraction = 0.1;

// Step length along d by locating a zero of the (non-increasing) directional derivative
//     s(α) = dᵀ∇g(λ + α d) = s0 - sum_i dc_i (y_i(c + α dc) - y_i(c)) - e α dᵀd,
// written as s0 plus per-variable differences so that it stays accurate even when s is tiny.
// A Newton step α = 1 is accepted as soon as 0 <= s(1) < s(0)/2 (the dual increased along the whole segment);
// if s(1) >= s(0)/2, or always with `expand` (cold-start ray), the bracket is grown geometrically instead.
// Returns 0 when no ascent is possible (stall).
double line_search(PrimalResponse& response, const Eigen::VectorXd& c, const Eigen::VectorXd& dc, double s0,
                   double elastic, double dd, bool expand) {
    auto slope = [&](double a) { return s0 - response.directional_change(c, dc, a) - elastic * a * dd; };
    double a_lo = 0.0, s_lo = s0;
    double a_hi = 1.0, s_hi = slope(1.0);
    if (s_hi >= 0.0) {
        // The dual still rises at α = 1. Accept the Newton step unless it is clearly too short (the dual is
        // nearly linear along d: a direction in which no variable is free yet, or the unbounded direction of
        // an infeasible problem); then grow the step geometrically.
        if (!expand && s_hi < 0.5 * s0) return 1.0;
        for (int k = 0; k < 60 && s_hi >= 0.0; ++k) {
            a_lo = a_hi;
            s_lo = s_hi;
            a_hi *= 4.0;
            s_hi = slope(a_hi);
        }
        if (s_hi >= 0.0) return a_hi;
    }
    // Illinois false position on [a_lo, a_hi] with s_lo > 0 > s_hi.
    int side = 0;
    for (int it = 0; it < 80; ++it) {
        const double a = a_lo - s_lo * (a_hi - a_lo) / (s_hi - s_lo);
        const double s = slope(a);
        if (std::abs(s) <= kSlopeFraction * s0) return a;
        if (s > 0.0) {
            a_lo = a;
            s_lo = s;
            if (side == 1) s_hi *= 0.5;
            side = 1;
        } else {
            a_hi = a;
            s_hi = s;
            if (side == -1) s_lo *= 0.5;
            side = -1;
        }
        if (a_hi - a_lo <= 1e-15 * a_hi) break;
    }
    return a_lo;
}

}  // namespace

DualOutcome maximise_dual(const ScaledProblem& sp, const SharingProblem& problem, PrimalResponse& response,
                          Eigen::VectorXd& lambda, bool cold_start, const DualSettings& settings) {
    const Eigen::Index m = sp.rows();
    const Eigen::Index n = sp.cols();
    const double e = settings.elastic;
    Eigen::VectorXd c(n), x(n), dc(n), r(m), grad(m), d(m);
    Eigen::MatrixXd H(m, m);
    Eigen::LDLT<Eigen::MatrixXd, Eigen::Lower> ldlt(m);

    // y(λ), x = V y, unscaled residual r = b - A x and the dual gradient R r - e λ.
    auto evaluate = [&]() {
        c.noalias() = sp.A.transpose() * lambda;
        response.evaluate(c);
        x = sp.var_scale.cwiseProduct(response.y());
        r = problem.b;
        r.noalias() -= problem.A * x;
        grad = sp.row_scale.cwiseProduct(r) - e * lambda;
    };
    // Newton direction (H + (e + mu) I) d = grad. mu is a tiny Levenberg shift that keeps directions in
    // which no variable is free (H singular) finite; along them the line search finds the next breakpoint.
    auto direction = [&]() {
        const double mu = 1e-11 * (1.0 + H.diagonal().cwiseAbs().maxCoeff());
        H.diagonal().array() += e + mu;
        ldlt.compute(H);
        d = ldlt.solve(grad);
        double s0 = d.dot(grad);
        if (!(s0 > 0.0) || !d.allFinite()) {  // numerical breakdown: fall back to steepest ascent
            d = grad;
            s0 = grad.squaredNorm();
        }
        dc.noalias() = sp.A.transpose() * d;
        return s0;
    };

    DualOutcome out;
    if (cold_start || lambda.size() != m) {
        lambda = Eigen::VectorXd::Zero(m);
        evaluate();
        response.reference_hessian(H);
        const double s0 = direction();
        if (s0 > 0.0) {
            lambda += line_search(response, c, dc, s0, e, d.squaredNorm(), /*expand=*/true) * d;
            evaluate();
        }
    } else {
        evaluate();
    }

    // Elastic mode only needs the closest point to report a missing load (to ~1e-9 relative); its multipliers
    // are ~1/e times the residual, so much tighter tests would sit below their rounding level.
    const double grad_floor = 1e-11 * (1.0 + sp.b.cwiseAbs().maxCoeff());
    bool full_step = false;
    int refinements = 0;
    const double refine_threshold = 1e-7 * (1.0 + sp.b.cwiseAbs().maxCoeff());
    for (;;) {
        out.residual = r.cwiseAbs().maxCoeff();
        if (e == 0.0 ? out.residual <= settings.tolerance : grad.cwiseAbs().maxCoeff() <= grad_floor) {
            out.status = DualStatus::Converged;
            return out;
        }
        if (out.iterations >= settings.max_iterations) {
            out.status = DualStatus::IterationLimit;
            return out;
        }
        response.hessian(H);
        const double s0 = direction();
        // Close to the optimum (last step was a full Newton step and the residual is small) the active set is
        // settled: apply the step to y directly (iterative refinement, see PrimalResponse::refine).
        if (full_step && grad.cwiseAbs().maxCoeff() <= refine_threshold && response.refine(dc)) {
            if (++refinements > 3) {  // refinement no longer helps: we are at the rounding floor
                out.status = DualStatus::Stalled;
                return out;
            }
            ++out.iterations;
            lambda += d;
            c += dc;
            x = sp.var_scale.cwiseProduct(response.y());
            r = problem.b;
            r.noalias() -= problem.A * x;
            grad = sp.row_scale.cwiseProduct(r) - e * lambda;
            continue;
        }
        const double alpha = line_search(response, c, dc, s0, e, d.squaredNorm(), /*expand=*/false);
        ++out.iterations;
        if (!(alpha > 0.0)) {
            out.status = DualStatus::Stalled;
            return out;
        }
        lambda += alpha * d;
        full_step = alpha == 1.0;
        evaluate();
        if (e == 0.0 && lambda.cwiseAbs().maxCoeff() > settings.divergence_bound) {
            out.residual = r.cwiseAbs().maxCoeff();
            out.status = DualStatus::Diverged;
            return out;
        }
    }
}

}  // namespace spinesim::sharing
