#include "sharing/minmax_start.hpp"

#include "sharing/dual_newton.hpp"
#include "sharing/primal_response.hpp"

namespace spinesim::sharing {

namespace {

// Only a direction is needed: a loose tolerance and a short budget (an infeasible load diverges, and is
// then left to the MinMax solve and its elastic phase as usual).
constexpr double kRelativeTolerance = 1e-3;
constexpr int kMaxIterations = 30;

}  // namespace

Eigen::VectorXd minmax_start_ray(const ScaledProblem& sp, const SharingProblem& problem, int& iterations) {
    // The same scaled rows and variables: unit weights on the muscles (as in Σσ²), no bound t.
    ScaledProblem quadratic = sp;
    for (Eigen::Index i = 0; i < quadratic.cols(); ++i) {
        if (!quadratic.capped[i]) continue;
        quadratic.weight[i] = 1.0;
        quadratic.capped[i] = 0;
    }
    quadratic.minmax = false;

    DualSettings settings;
    settings.tolerance = kRelativeTolerance * (1.0 + problem.b.cwiseAbs().maxCoeff());
    settings.max_iterations = kMaxIterations;
    PrimalResponse response(quadratic);
    Eigen::VectorXd lambda;
    const DualOutcome outcome = maximise_dual(quadratic, problem, response, lambda, /*cold_start=*/true, settings);
    iterations = outcome.iterations;
    if (outcome.status == DualStatus::Diverged || !lambda.allFinite()) return {};
    return lambda;
}

}  // namespace spinesim::sharing
