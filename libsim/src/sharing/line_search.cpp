#include "sharing/line_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace spinesim::sharing {

namespace {

// The bracketing search stops once |s(α)| <= kSlopeFraction * s(0) (approximate line maximiser).
constexpr double kSlopeFraction = 0.1;

// Step length along d by locating a zero of the (non-increasing) directional derivative
//     s(α) = dᵀ∇g(λ + α d) = s0 - sum_i dc_i (y_i(c + α dc) - y_i(c)) - e α dᵀd,
// written as s0 plus per-variable differences so that it stays accurate even when s is tiny.
// A Newton step α = 1 is accepted as soon as 0 <= s(1) < s(0)/2 (the dual increased along the whole segment);
// if s(1) >= s(0)/2, or always with `expand` (cold-start ray), the bracket is grown geometrically instead.
// Returns 0 when no ascent is possible (stall).
double bracketing_search(PrimalResponse& response, const Eigen::VectorXd& c, const Eigen::VectorXd& dc, double s0,
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

bool all_quadratic(const ScaledProblem& sp) {
    return std::all_of(sp.term.begin(), sp.term.end(), [](Term t) { return t == Term::Quadratic; });
}

// The walk pays off for MinMax: a trial evaluation there includes finding t, and the nearly piecewise-linear
// dual makes the bracketing search creep towards roots that sit just past a breakpoint (~10 trials per step).
// For Σσ² a trial is one cheap pass and a few suffice, which measured faster than walking all breakpoints.
bool walk_pays_off(const ScaledProblem& sp) { return sp.minmax && all_quadratic(sp); }

}  // namespace

LineSearch::LineSearch(const ScaledProblem& sp) {
    if (walk_pays_off(sp)) walk_.emplace(sp);
}

double LineSearch::step(PrimalResponse& response, const Eigen::VectorXd& c, const Eigen::VectorXd& dc, double s0,
                        double e, double dd, bool expand) {
    if (walk_) {
        const BreakpointWalk::Result r = walk_->find_root(c, dc, response.t(), response.t_free(), s0, e * dd);
        if (r.found) {
            // Same acceptance of the plain Newton step as the bracketing search (s(1) is exact here when no
            // breakpoint lies before α = 1).
            if (!expand && r.alpha >= 1.0 && r.first_event >= 1.0 && s0 - r.initial_rate < 0.5 * s0) return 1.0;
            return r.alpha;
        }
    }
    return bracketing_search(response, c, dc, s0, e, dd, expand);
}

}  // namespace spinesim::sharing
