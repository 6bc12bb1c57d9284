#include "sharing/dual_newton.hpp"

#include "sharing/line_search.hpp"

#include <Eigen/Cholesky>
#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <limits>

namespace spinesim::sharing {

DualOutcome maximise_dual(const ScaledProblem& sp, const SharingProblem& problem, PrimalResponse& response,
                          Eigen::VectorXd& lambda, bool cold_start, const DualSettings& settings,
                          const Eigen::VectorXd* start_ray) {
    const Eigen::Index m = sp.rows();
    const Eigen::Index n = sp.cols();
    const double e = settings.elastic;
    Eigen::VectorXd c(n), x(n), dc(n), r(m), grad(m), d(m);
    Eigen::MatrixXd H(m, m);
    Eigen::LLT<Eigen::MatrixXd, Eigen::Lower> llt(m);
    Eigen::LDLT<Eigen::MatrixXd, Eigen::Lower> ldlt(m);
    Eigen::MatrixXd H_full(m, m);
    Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(m, m);
    Eigen::VectorXd d_exact(m), dc_exact(n);
    LineSearch line_search(sp);

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
    // The shifted matrix is positive definite, and mu exceeds the rounding of H by orders of magnitude, so a
    // Cholesky factorisation succeeds (pivoted LDLT, several times slower at m ≈ 30, is only a safety net).
    auto direction = [&]() {
        const double mu = 1e-11 * (1.0 + H.diagonal().cwiseAbs().maxCoeff());
        H.diagonal().array() += e + mu;
        llt.compute(H);
        if (llt.info() == Eigen::Success) {
            d = llt.solve(grad);
        } else {
            ldlt.compute(H);
            d = ldlt.solve(grad);
        }
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
        double s0 = 0.0;
        if (start_ray && start_ray->size() == m && start_ray->allFinite()) {
            d = *start_ray;
            s0 = d.dot(grad);
            dc.noalias() = sp.A.transpose() * d;
        }
        if (!(s0 > 0.0)) {  // no (ascent) ray given: the Newton direction with every variable free
            response.reference_hessian(H);
            s0 = direction();
        }
        if (s0 > 0.0) {
            lambda += line_search.step(response, c, dc, s0, e, d.squaredNorm(), /*expand=*/true) * d;
            evaluate();
        }
    } else {
        evaluate();
    }

    // Elastic mode only needs the closest point to report a missing load (to ~1e-9 relative); its multipliers
    // are ~1/e times the residual, so much tighter tests would sit below their rounding level.
    const double grad_floor = 1e-11 * (1.0 + sp.b.cwiseAbs().maxCoeff());
    bool full_step = false;
    int idle_refinements = 0;        // unshifted refinements that did not halve the residual
    bool exact_refinement = false;   // a shifted refinement did not halve it: refine with the unshifted system
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
        // Close to the optimum (last step was a full Newton step and the residual is small) the active set is
        // settled: apply the step to y directly (iterative refinement, see PrimalResponse::refine).
        // Refinement stops when it no longer helps, i.e. has not halved the residual (the rounding floor), not after
        // a fixed count. Where H is nearly singular the Levenberg-shifted step only removes a fraction of the
        // residual per iteration (5 % on the per-level leg raise near its strength threshold), and stopping that
        // linear decrease early left feasible frames a few 1e-8..1e-3 N·m short and declared them infeasible; so
        // once a shifted refinement fails to halve the residual, the following ones solve the unshifted system
        // (minimum norm, complete orthogonal decomposition; kept off the common path, where it would cost ~8 %).
        const double before = grad.cwiseAbs().maxCoeff();
        double s0 = 0.0;
        bool have_direction = false;
        if (full_step && before <= refine_threshold) {
            bool stepped = false;
            if (exact_refinement) {
                H_full = H.selfadjointView<Eigen::Lower>();
                H_full.diagonal().array() += e;
                cod.compute(H_full);
                d_exact = cod.solve(grad);
                dc_exact.noalias() = sp.A.transpose() * d_exact;
                stepped = d_exact.allFinite() && response.refine(dc_exact);
                if (stepped) {
                    lambda += d_exact;
                    c += dc_exact;
                }
            } else {
                s0 = direction();
                have_direction = true;
                stepped = response.refine(dc);
                if (stepped) {
                    lambda += d;
                    c += dc;
                }
            }
            if (stepped) {
                ++out.iterations;
                x = sp.var_scale.cwiseProduct(response.y());
                r = problem.b;
                r.noalias() -= problem.A * x;
                grad = sp.row_scale.cwiseProduct(r) - e * lambda;
                if (grad.cwiseAbs().maxCoeff() > 0.5 * before) {
                    if (exact_refinement) {
                        if (++idle_refinements > 3) {
                            out.residual = r.cwiseAbs().maxCoeff();
                            out.status = DualStatus::Stalled;
                            return out;
                        }
                        // Not even the unshifted step reduced it: the residual may lie where no free variable
                        // reaches (the active set is not settled, e.g. every muscle of a row at its bound just
                        // past the optimum's breakpoint), which only a line-searched step can leave.
                        full_step = false;
                    }
                    exact_refinement = true;
                }
                continue;
            }
        }
        if (!have_direction) s0 = direction();
        const double alpha = line_search.step(response, c, dc, s0, e, d.squaredNorm(), /*expand=*/false);
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
