#include "sharing/optimality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace spinesim::sharing {

double kkt_residual(const ScaledProblem& sp, const Eigen::VectorXd& y, double t, const Eigen::VectorXd& lambda) {
    const Eigen::VectorXd c = sp.A.transpose() * lambda;
    const double inf = std::numeric_limits<double>::infinity();
    auto at = [](double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b)); };

    double worst = 0.0;
    double nu_strict = 0.0;  // sum of nu over muscles at y = t < u
    double nu_kink = 0.0;    // ... at y = t = u (that bound may be attributed to u or to t)
    for (Eigen::Index i = 0; i < y.size(); ++i) {
        const double grad = sp.term[i] == Term::Cubic ? 3.0 * y[i] * y[i] : 2.0 * sp.weight[i] * y[i];
        const double g = grad - c[i];
        const bool capped = sp.minmax && sp.capped[i];
        const double h = capped ? std::min(sp.upper[i], t) : sp.upper[i];
        const bool at_lower = at(y[i], sp.lower[i]);
        const bool at_upper = h < inf && at(y[i], h);
        double violation;
        if (at_lower && at_upper) violation = 0.0;
        else if (at_lower) violation = std::max(-g, 0.0);
        else if (at_upper) violation = std::max(g, 0.0);
        else violation = std::abs(g);
        worst = std::max(worst, violation);
        if (capped && at_upper && !at_lower) {
            if (at(sp.upper[i], t)) nu_kink += std::max(-g, 0.0);
            else if (t < sp.upper[i]) nu_strict += std::max(-g, 0.0);
        }
    }
    if (sp.minmax) {
        worst = std::max(worst, nu_strict - 1.0);
        if (t > sp.t_lower && !at(t, sp.t_lower)) worst = std::max(worst, 1.0 - nu_strict - nu_kink);
    }
    return worst / (1.0 + c.cwiseAbs().maxCoeff());
}

}  // namespace spinesim::sharing
