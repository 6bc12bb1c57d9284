// Entry point: exact dual Newton solve, with an elastic (closest-point) solve to certify infeasibility.
//
// Method choice (see dual_newton.hpp for the math): the problem is separable convex with m << n linear
// equalities, so the dual has only m ≈ 30 unknowns and a closed-form inner minimiser; each Newton step is one
// 30 x 30 Cholesky. Ceres (unconstrained / bound-constrained nonlinear least squares) cannot impose A x = b
// exactly and would see an n-dimensional problem, and a general interior-point method (Ipopt) stops at a
// tolerance rather than on the exact active set, so neither is used here; Ipopt is only the reference.
#include "sharing/dual_newton.hpp"
#include "sharing/minmax_start.hpp"
#include "sharing/optimality.hpp"
#include "sharing/primal_response.hpp"
#include "sharing/scaled_problem.hpp"
#include "sharing/strength_probe.hpp"

#include <spinesim/sharing_problem.hpp>

#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace spinesim {

namespace {

using sharing::DualOutcome;
using sharing::DualSettings;
using sharing::DualStatus;

// Weight e = 1/M of the elastic residual in the phase-1 problem (scaled units, rows of unit norm, O(1)
// objective): the residual of a feasible problem comes out as e·λ ≈ 1e-10, far below kInfeasibleRelative.
constexpr double kElastic = 1e-10;
constexpr double kInfeasibleRelative = 1e-7;
constexpr double kRetryRelative = 1e-3;
// holds_sharing(): a certified shortfall this far above kInfeasibleRelative and the equality tolerance is "not held".
constexpr double kCertainRelative = 100.0 * kInfeasibleRelative;
constexpr double kCertainTolerances = 1e3;
// Multipliers of a nearly degenerate feasible problem can be very large; the retry accepts them up to this bound.
constexpr double kDegenerateDivergenceBound = 1e14;

// The smallest residual worth asking for: rounding in b - A x (|A||x| + |b| per row, times a safety factor).
double rounding_floor(const SharingProblem& p, const Eigen::VectorXd& x) {
    const Eigen::VectorXd magnitude = p.A.cwiseAbs() * x.cwiseAbs() + p.b.cwiseAbs();
    return 64.0 * std::numeric_limits<double>::epsilon() * magnitude.maxCoeff();
}

void fill_solution(const SharingProblem& p, const sharing::ScaledProblem& sp, const sharing::PrimalResponse& r,
                   const Eigen::VectorXd& lambda, SharingSolution& s) {
    const Eigen::VectorXd& y = r.y();
    s.x = sp.var_scale.cwiseProduct(y);
    s.multipliers = sp.row_scale.cwiseProduct(lambda);
    s.objective = sharing::scaled_objective(sp, y, r.t());
    s.minmax_bound = sp.minmax ? r.t() : 0.0;
    s.max_stress = 0.0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        if (p.kind[i] == VariableKind::Muscle) s.max_stress = std::max(s.max_stress, s.x[i] / p.size[i]);
    s.equality_residual = (p.A * s.x - p.b).cwiseAbs().maxCoeff();
    s.optimality_residual = sharing::kkt_residual(sp, y, r.t(), lambda);
}

bool near_bound(double a, double b) { return std::isfinite(b) && std::abs(a - b) <= 1e-12 * (1.0 + std::abs(b)); }

// One minimum-norm least-squares step of the `free` variables of z towards Ã z = b̃ (complete orthogonal
// decomposition of their scaled columns), cut at the first bound it meets; a variable it leaves within rounding of
// a bound is put on it and, after a cut step, fixed. Returns the step fraction (< 1: cut), or -1 for a non-finite step.
double free_variable_step(const sharing::ScaledProblem& sp, const std::vector<Eigen::Index>& free,
                          Eigen::MatrixXd& columns, Eigen::VectorXd& z, std::vector<char>& fixed) {
    columns.resize(sp.rows(), static_cast<Eigen::Index>(free.size()));
    for (std::size_t j = 0; j < free.size(); ++j) columns.col(static_cast<Eigen::Index>(j)) = sp.A.col(free[j]);
    const Eigen::VectorXd step = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(columns).solve(sp.b - sp.A * z);
    if (!step.allFinite()) return -1.0;
    double alpha = 1.0;
    for (std::size_t j = 0; j < free.size(); ++j) {
        const Eigen::Index i = free[j];
        const double s = step[static_cast<Eigen::Index>(j)], to = z[i] + s;
        if (to < sp.lower[i]) alpha = std::min(alpha, (sp.lower[i] - z[i]) / s);
        else if (to > sp.upper[i]) alpha = std::min(alpha, (sp.upper[i] - z[i]) / s);
    }
    alpha = std::max(alpha, 0.0);
    for (std::size_t j = 0; j < free.size(); ++j) {
        const Eigen::Index i = free[j];
        z[i] += alpha * step[static_cast<Eigen::Index>(j)];
        if (z[i] <= sp.lower[i] || near_bound(z[i], sp.lower[i])) z[i] = sp.lower[i];
        else if (z[i] >= sp.upper[i] || near_bound(z[i], sp.upper[i])) z[i] = sp.upper[i];
        else continue;
        if (alpha < 1.0) fixed[static_cast<std::size_t>(i)] = 1;
    }
    return alpha;
}

// The exact closest point from the elastic one. The elastic solve alone stops a few per cent off near a
// feasibility threshold (or at its iteration limit, min/max); its active set is nearly right, so a few active-set
// steps of bounded least squares (Lawson & Hanson 1974, BVLS as Stark & Parker 1995) started there finish the job:
// with the bound variables fixed, a minimum-norm least-squares step of the free ones (complete orthogonal
// decomposition of their scaled columns), cut at the first bound it meets (that variable becomes fixed); after a
// full step, the fixed variable whose sign condition fails most (a_i·r < 0 at an upper bound, > 0 at a lower one:
// moving it inwards would reduce the residual) is freed. When no condition fails, y is the least-squares closest
// point, whose residual is unique. Returns false (y unchanged) if that is not reached within a few steps or would
// not reduce the elastic residual.
bool polish_closest_point(const sharing::ScaledProblem& sp, Eigen::VectorXd& y) {
    const Eigen::Index m = sp.rows(), n = sp.cols();
    Eigen::VectorXd z = y;
    std::vector<char> fixed(static_cast<std::size_t>(n), 0);
    for (Eigen::Index i = 0; i < n; ++i) {  // within rounding of a bound (e.g. 6e-29 above 0) is at it
        if (near_bound(z[i], sp.lower[i])) z[i] = sp.lower[i];
        else if (near_bound(z[i], sp.upper[i])) z[i] = sp.upper[i];
        fixed[static_cast<std::size_t>(i)] = z[i] == sp.lower[i] || z[i] == sp.upper[i];
    }
    std::vector<Eigen::Index> free;
    Eigen::MatrixXd columns;
    for (int pass = 0; pass < 4 * static_cast<int>(m) + 10; ++pass) {
        free.clear();
        for (Eigen::Index i = 0; i < n; ++i)
            if (!fixed[static_cast<std::size_t>(i)]) free.push_back(i);
        if (!free.empty()) {
            const double alpha = free_variable_step(sp, free, columns, z, fixed);
            if (alpha < 0.0) return false;
            if (alpha < 1.0) continue;
        }
        const Eigen::VectorXd r = sp.b - sp.A * z;
        const double tolerance = 1e-9 * r.norm();
        Eigen::Index worst = -1;
        double violation = tolerance;
        for (Eigen::Index i = 0; i < n; ++i) {
            if (!fixed[static_cast<std::size_t>(i)] || sp.lower[i] == sp.upper[i]) continue;
            const double slope = sp.A.col(i).dot(r);  // -d(|r|^2/2)/dy_i
            const double v = z[i] == sp.upper[i] ? -slope : slope;
            if (v > violation) {
                violation = v;
                worst = i;
            }
        }
        if (worst < 0) {
            if (!(r.norm() <= (sp.b - sp.A * y).norm())) return false;
            y = z;
            return true;
        }
        fixed[static_cast<std::size_t>(worst)] = 0;
    }
    return false;
}

// What a scaled residual is measured against when deciding infeasibility: 1 + max_k |b̃_k|.
double load_scale(const sharing::ScaledProblem& sp) { return 1.0 + sp.b.cwiseAbs().maxCoeff(); }

// The exact dual's point finished in the primal. Near a stiff direction of the Newton matrix (eigenvalues up to
// ~2e4 with rows of unit norm, e.g. deadlift_140kg_neutral frame 10 at strength x2.12) the step that would remove
// the last ~1e-11 of scaled residual is below the rounding of λ (~1e-14 |λ|), and the iterative refinement on y
// (PrimalResponse::refine) is refused when a free variable sits within that step of its bound: the dual Newton
// iteration then wanders at ~5e-8 N·m until its iteration limit, and a feasible frame was reported not held. When
// the exact solve stopped that close (scaled residual <= kFinishRelative x (1 + max|b̃|)), a few minimum-norm
// least-squares steps of the free variables (complete orthogonal decomposition, cut at the first bound met, which
// then stays fixed) move y by about that residual onto A x = b; the result is accepted only if it meets the
// equality tolerance (or the rounding floor) with every bound satisfied, so it never reports an unheld problem held.
constexpr double kFinishRelative = 1e-9;

bool finish_on_equalities(const SharingProblem& p, const sharing::ScaledProblem& sp, const SolverOptions& options,
                          Eigen::VectorXd& y) {
    if (!((sp.b - sp.A * y).cwiseAbs().maxCoeff() <= kFinishRelative * load_scale(sp))) return false;
    const Eigen::Index n = sp.cols();
    Eigen::VectorXd z = y;
    std::vector<char> fixed(static_cast<std::size_t>(n), 0);
    for (Eigen::Index i = 0; i < n; ++i) fixed[static_cast<std::size_t>(i)] = z[i] <= sp.lower[i] || z[i] >= sp.upper[i];
    std::vector<Eigen::Index> free;
    Eigen::MatrixXd columns;
    for (int pass = 0;; ++pass) {
        const Eigen::VectorXd x = sp.var_scale.cwiseProduct(z);
        if ((p.A * x - p.b).cwiseAbs().maxCoeff() <= std::max(options.equality_tolerance, rounding_floor(p, x))) {
            y = z;
            return true;
        }
        if (pass == 4) return false;
        free.clear();
        for (Eigen::Index i = 0; i < n; ++i)
            if (!fixed[static_cast<std::size_t>(i)]) free.push_back(i);
        if (free.empty() || free_variable_step(sp, free, columns, z, fixed) < 0.0) return false;
    }
}

// The point of a solution set to y, found off the dual's response (polished closest point, finished exact point):
// forces, criterion value, largest stress and equality residual there. t of min/max: at least `t`, raised to the
// largest capped stress. Returns that t.
double set_point(const SharingProblem& p, const sharing::ScaledProblem& sp, const Eigen::VectorXd& y, double t,
                 SharingSolution& s) {
    s.x = sp.var_scale.cwiseProduct(y);
    if (!sp.minmax) t = 0.0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        if (sp.capped[i]) t = std::max(t, y[i]);
    s.objective = sharing::scaled_objective(sp, y, t);
    s.minmax_bound = sp.minmax ? t : 0.0;
    s.max_stress = 0.0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        if (p.kind[i] == VariableKind::Muscle) s.max_stress = std::max(s.max_stress, s.x[i] / p.size[i]);
    const Eigen::VectorXd missing = p.b - p.A * s.x;  // evaluated as the reported shortfall b - A x
    s.equality_residual = missing.cwiseAbs().maxCoeff();
    return t;
}

// An optimal solution at a point y that finish_on_equalities() moved off the dual's response (t: the dual's).
void fill_finished(const SharingProblem& p, const sharing::ScaledProblem& sp, const Eigen::VectorXd& y, double t,
                   const Eigen::VectorXd& lambda, SharingSolution& s) {
    s.multipliers = sp.row_scale.cwiseProduct(lambda);
    t = set_point(p, sp, y, t, s);
    s.optimality_residual = sharing::kkt_residual(sp, y, t, lambda);
    s.status = SolveStatus::Optimal;
}

// Whether the row weights w prove the problem short by far more than solve_sharing() accepts as held
// (kInfeasibleRelative, and the retry's tolerance in the user's units), see strength_probe.hpp.
bool certainly_unheld(const sharing::ScaledProblem& sp, const SolverOptions& options, const Eigen::VectorXd& w) {
    const double bound = sharing::shortfall_bound(sp, w);
    return bound > kCertainRelative * load_scale(sp) &&
           bound / sp.row_scale.maxCoeff() > kCertainTolerances * options.equality_tolerance;
}

// solve_sharing(); with `proof` (a strength probe, which only needs to know whether the problem is held), it stops
// as soon as the exact solve's multipliers or an elastic stage's residual prove "not held" (certainly_unheld), sets
// *proof to those weights and returns an Infeasible solution without the closest point.
SharingSolution solve(const SharingProblem& problem, const SolverOptions& options, const WarmStart* warm_start,
                      Eigen::VectorXd* proof) {
    const sharing::ScaledProblem sp = sharing::make_scaled_problem(problem, options.criterion);
    const Eigen::Index m = sp.rows();

    Eigen::VectorXd lambda;
    const bool warm = warm_start && warm_start->multipliers.size() == m && warm_start->multipliers.allFinite();
    if (warm) lambda = warm_start->multipliers.cwiseQuotient(sp.row_scale);

    // MinMax from scratch: start on the ray of the (cheap) Σσ² multipliers, see minmax_start.hpp.
    int start_iterations = 0;
    Eigen::VectorXd start_ray;
    if (!warm && sp.minmax) start_ray = sharing::minmax_start_ray(sp, problem, start_iterations);

    DualSettings exact;
    exact.tolerance = options.equality_tolerance;
    exact.max_iterations = options.max_iterations;
    sharing::PrimalResponse response(sp);
    const DualOutcome outcome = sharing::maximise_dual(sp, problem, response, lambda, !warm, exact, &start_ray);

    SharingSolution solution;
    solution.iterations = start_iterations + outcome.iterations;
    fill_solution(problem, sp, response, lambda, solution);
    if (outcome.status == DualStatus::Converged ||
        (outcome.status != DualStatus::Diverged &&
         solution.equality_residual <= rounding_floor(problem, solution.x))) {
        solution.status = SolveStatus::Optimal;
        return solution;
    }
    if (outcome.status != DualStatus::Diverged) {
        Eigen::VectorXd y = response.y();
        if (finish_on_equalities(problem, sp, options, y)) {
            fill_finished(problem, sp, y, response.t(), lambda, solution);
            return solution;
        }
    }

    const auto proven = [&](const Eigen::VectorXd& w) {
        if (!proof || !certainly_unheld(sp, options, w)) return false;
        *proof = w;
        solution.status = SolveStatus::Infeasible;
        return true;
    };
    if (proven(lambda)) return solution;  // a diverging dual ascends along a Farkas direction

    // The exact dual diverged (its supremum is +inf exactly when A x = b has no solution in the box) or
    // failed to converge: find the closest achievable point and decide from its residual.
    // Continuation on the elastic weight: each stage is well conditioned and warm-starts the next. Along the
    // infeasible directions the multipliers scale like residual / e, so they are scaled up with 1/e.
    sharing::PrimalResponse closest(sp);
    Eigen::VectorXd mu;
    DualOutcome phase1;
    bool first_stage = true;
    for (double e = 1e-2; e >= kElastic * 0.999; e *= 1e-2) {
        DualSettings elastic;
        elastic.elastic = e;
        elastic.max_iterations = options.max_iterations;
        if (!first_stage) mu *= 100.0;
        phase1 = sharing::maximise_dual(sp, problem, closest, mu, /*cold_start=*/first_stage, elastic);
        solution.iterations += phase1.iterations;
        first_stage = false;
        if (proof && proven(sp.b - sp.A * closest.y())) return solution;
    }

    Eigen::VectorXd y_closest = closest.y();
    const bool polished = polish_closest_point(sp, y_closest);
    const Eigen::VectorXd x_closest = sp.var_scale.cwiseProduct(y_closest);
    const Eigen::VectorXd missing = problem.b - problem.A * x_closest;  // b - A x at the closest point
    Eigen::Index worst = 0;
    // A clear residual at the closest point means the load cannot be held. Near a degenerate feasible set (the box
    // and A x = b only just meet, e.g. several rhythm deviations at their limits) the elastic residual shrinks
    // only like e * lambda with very large multipliers, so a small residual is not yet proof of infeasibility:
    // below kRetryRelative the exact solve is restarted from the elastic multipliers with a larger budget, and
    // only its failure makes the frame infeasible.
    const double relative_missing = sp.row_scale.cwiseProduct(missing).cwiseAbs().maxCoeff(&worst) / load_scale(sp);
    auto exact_retry = [&](int iterations, double divergence_bound, SharingSolution& out) {
        Eigen::VectorXd restart = mu;
        sharing::PrimalResponse retry(sp);
        DualSettings settings = exact;
        settings.max_iterations = iterations;
        settings.divergence_bound = divergence_bound;
        const DualOutcome again = sharing::maximise_dual(sp, problem, retry, restart, /*cold_start=*/false, settings);
        out.iterations += again.iterations;
        SharingSolution candidate = out;
        fill_solution(problem, sp, retry, restart, candidate);
        if (again.status == DualStatus::Converged ||
            (again.status != DualStatus::Diverged &&
             candidate.equality_residual <= rounding_floor(problem, candidate.x))) {
            candidate.status = SolveStatus::Optimal;
            out = candidate;
            return true;
        }
        Eigen::VectorXd y = retry.y();
        if (again.status != DualStatus::Diverged && finish_on_equalities(problem, sp, options, y)) {
            fill_finished(problem, sp, y, retry.t(), restart, candidate);
            out = candidate;
            return true;
        }
        return false;
    };
    if (relative_missing > kInfeasibleRelative) {
        if (relative_missing < kRetryRelative && exact_retry(10 * options.max_iterations, kDegenerateDivergenceBound, solution)) return solution;
        fill_solution(problem, sp, closest, mu, solution);
        // the exact closest point: report it (criterion value and stress at that point)
        if (polished) set_point(problem, sp, y_closest, 0.0, solution);
        solution.status = SolveStatus::Infeasible;
        solution.infeasible_row =
            problem.row_names.empty() ? "row " + std::to_string(worst) : problem.row_names[worst];
        solution.infeasible_amount = missing[worst];
        return solution;
    }
    // Feasible: the elastic multipliers are close to the exact ones, so restart the exact solve from them.
    if (exact_retry(options.max_iterations, DualSettings{}.divergence_bound, solution)) return solution;
    // Feasible, but the exact solve did not reach the tolerance: return the better of the two points.
    if (missing.cwiseAbs().maxCoeff() < solution.equality_residual) fill_solution(problem, sp, closest, mu, solution);
    solution.status = SolveStatus::IterationLimit;
    return solution;
}

}  // namespace

SharingSolution solve_sharing(const SharingProblem& problem, const SolverOptions& options,
                              const WarmStart* warm_start) {
    return solve(problem, options, warm_start, nullptr);
}

namespace sharing {

double shortfall_bound(const ScaledProblem& sp, const Eigen::VectorXd& w) {
    const double w_norm = w.lpNorm<1>();
    if (w.size() != sp.rows() || !w.allFinite() || !(w_norm > 0.0)) return 0.0;
    const Eigen::VectorXd c = sp.A.transpose() * w;
    const double negligible = 1e-12 * w.norm();  // rounding of c_i = 0 for a variable free at the closest point
    double reach = 0.0;  // max over the box of w·(Ã y)
    for (Eigen::Index i = 0; i < c.size(); ++i) {
        const double bound = c[i] > 0.0 ? sp.upper[i] : sp.lower[i];
        if (std::isfinite(bound)) reach += c[i] * bound;
        else if (std::abs(c[i]) > negligible) return 0.0;  // w·Ã y unbounded over the box: no certificate
    }
    return std::max(0.0, (w.dot(sp.b) - reach) / w_norm);
}

bool holds_sharing(const SharingProblem& problem, const SolverOptions& options, Eigen::VectorXd& certificate) {
    const ScaledProblem sp = make_scaled_problem(problem, options.criterion);
    if (certainly_unheld(sp, options, certificate)) return false;
    Eigen::VectorXd proof;
    const SharingSolution solution = solve(problem, options, nullptr, &proof);
    if (proof.size() > 0) certificate = proof;
    else if (solution.status == SolveStatus::Infeasible)
        certificate = sp.row_scale.cwiseProduct(problem.b - problem.A * solution.x);
    return solution.status == SolveStatus::Optimal;
}

}  // namespace sharing

}  // namespace spinesim
