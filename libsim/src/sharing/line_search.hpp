// Step length along a dual ascent direction d: (approximately) the maximiser of the concave dual g on the ray
// λ + α d, located as a zero of the non-increasing directional derivative s(α) = dᵀ∇g(λ + α d).
//
// For MinMax s is piecewise linear and its root is found exactly by walking its breakpoints (BreakpointWalk),
// with no trial evaluation of y. Otherwise (Σσ², Σσ³), or if the walk gives up, a bracketing search on s
// evaluates y at trial points (PrimalResponse::directional_change); see line_search.cpp for that choice.
#pragma once

#include "sharing/breakpoint_walk.hpp"
#include "sharing/primal_response.hpp"
#include "sharing/scaled_problem.hpp"

#include <Eigen/Core>

#include <optional>

namespace spinesim::sharing {

class LineSearch {
public:
    explicit LineSearch(const ScaledProblem& sp);

    // response holds y(c) for the current c = Ãᵀλ; dc = Ãᵀd; s0 = s(0) > 0; e = elastic weight, dd = dᵀd.
    // A Newton step α = 1 is returned as exactly 1 when the dual still rises at α = 1 but no longer steeply
    // (0 <= s(1) < s0/2), unless `expand` (cold-start ray: always locate the maximiser).
    // Returns 0 when no ascent is possible (stall).
    double step(PrimalResponse& response, const Eigen::VectorXd& c, const Eigen::VectorXd& dc, double s0, double e,
                double dd, bool expand);

private:
    std::optional<BreakpointWalk> walk_;  // MinMax only (see line_search.cpp)
};

}  // namespace spinesim::sharing
