#include "sharing/scaled_problem.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace spinesim::sharing {

namespace {

[[maybe_unused]] void require(bool condition, const std::string& message) {
    if (!condition) throw std::invalid_argument("solve_sharing: " + message);
}

// Same for a literal message: the string is only built on failure (validate() runs per variable, per frame).
void require(bool condition, const char* message) {
    if (!condition) throw std::invalid_argument(std::string("solve_sharing: ") + message);
}

void validate(const SharingProblem& p) {
    const Eigen::Index m = p.A.rows();
    const Eigen::Index n = p.A.cols();
    require(n > 0 && m > 0, "empty problem");
    require(p.b.size() == m, "b must have one entry per row of A");
    require(p.lower.size() == n && p.upper.size() == n && p.size.size() == n, "bounds/size must have n entries");
    require(static_cast<Eigen::Index>(p.kind.size()) == n, "kind must have n entries");
    require(p.row_names.empty() || static_cast<Eigen::Index>(p.row_names.size()) == m,
            "row_names must be empty or have m entries");
    require(p.A.allFinite() && p.b.allFinite(), "A and b must be finite");
    require(p.reference_stress > 0.0 && std::isfinite(p.reference_stress), "reference_stress must be > 0");
    require(p.contact_regularisation > 0.0, "contact_regularisation must be > 0");
    require(p.compliance_regularisation > 0.0, "compliance_regularisation must be > 0");
    require(p.minmax_quadratic_weight > 0.0, "minmax_quadratic_weight must be > 0");
    for (Eigen::Index i = 0; i < n; ++i) {
        require(p.size[i] > 0.0 && std::isfinite(p.size[i]), "size must be positive and finite");
        require(std::isfinite(p.lower[i]), "lower bounds must be finite");
        require(p.kind[i] == VariableKind::Compliance || p.lower[i] >= 0.0,
                "lower bounds of muscles and contact generators must be >= 0");
        require(!(p.upper[i] < p.lower[i]), "upper bound below lower bound");
    }
}

}  // namespace

ScaledProblem make_scaled_problem(const SharingProblem& p, Criterion criterion) {
    validate(p);
    const Eigen::Index m = p.A.rows();
    const Eigen::Index n = p.A.cols();

    ScaledProblem sp;
    sp.minmax = criterion == Criterion::MinMaxStress;
    sp.var_scale.resize(n);
    sp.weight.resize(n);
    sp.term.resize(n);
    sp.capped.assign(n, 0);
    for (Eigen::Index i = 0; i < n; ++i) {
        const bool muscle = p.kind[i] == VariableKind::Muscle;
        sp.var_scale[i] = muscle ? p.size[i] * p.reference_stress : p.size[i];
        if (!muscle) {
            sp.term[i] = Term::Quadratic;
            sp.weight[i] = p.kind[i] == VariableKind::Compliance ? p.compliance_regularisation : p.contact_regularisation;
        } else if (criterion == Criterion::SumStressCubed) {
            sp.term[i] = Term::Cubic;
            sp.weight[i] = 1.0;
        } else {
            sp.term[i] = Term::Quadratic;
            sp.weight[i] = sp.minmax ? p.minmax_quadratic_weight : 1.0;
            sp.capped[i] = sp.minmax ? 1 : 0;
        }
    }

    sp.A = p.A * sp.var_scale.asDiagonal();
    sp.row_scale.resize(m);
    for (Eigen::Index k = 0; k < m; ++k) {
        const double norm = sp.A.row(k).norm();
        sp.row_scale[k] = norm > 0.0 ? 1.0 / norm : 1.0;
    }
    sp.A = sp.row_scale.asDiagonal() * sp.A;
    sp.b = sp.row_scale.cwiseProduct(p.b);
    sp.lower = p.lower.cwiseQuotient(sp.var_scale);
    sp.upper = p.upper.cwiseQuotient(sp.var_scale);

    sp.t_lower = 0.0;
    for (Eigen::Index i = 0; i < n; ++i)
        if (sp.capped[i]) sp.t_lower = std::max(sp.t_lower, sp.lower[i]);
    return sp;
}

double scaled_objective(const ScaledProblem& sp, const Eigen::VectorXd& y, double t) {
    double f = sp.minmax ? t : 0.0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        f += sp.term[i] == Term::Cubic ? y[i] * y[i] * y[i] : sp.weight[i] * y[i] * y[i];
    return f;
}

}  // namespace spinesim::sharing
