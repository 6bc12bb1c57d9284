// The muscle-sharing (static optimisation) problem and its solver.
//
// Variables x (n of them) are muscle forces [N], non-negative contact-force generator magnitudes [N] and signed
// compliance variables (e.g. a lumbar level's deviation from the rhythm [rad], bounded on both sides).
// The problem is
//
//     minimise    sum_{i in muscles}  (x_i / size_i)^p            (p = 2 or 3; Crowninshield & Brand 1981)
//              +  sum_{i not muscles} regularisation * (x_i / size_i)^2
//
// where a muscle stress x_i / size_i is measured in units of reference_stress (see below), i.e. it is the
// dimensionless "activation-like" ratio x_i / (size_i * reference_stress). This only rescales the muscle term
// (the p = 2 / p = 3 minimiser without contacts does not depend on it), but it makes the small contact and
// min/max quadratic weights mean the same thing whatever the units, and keeps the numbers O(1).
//     subject to  A x = b                 (exact static/dynamic equilibrium rows, N·m or N)
//                 lower_i <= x_i <= upper_i
//
// or, for Criterion::MinMax (Rasmussen, Damsgaard & Voigt 2001),
//
//     minimise    t + minmax_quadratic_weight * sum_{i in muscles} (x_i / size_i)^2  + contact regularisation
//     subject to  A x = b,  lower_i <= x_i <= upper_i,  x_i / size_i <= t for muscles.
//
// size_i is the muscle's physiological cross-sectional area [m^2] (so x/size is a stress, Pa), for contact
// generators a reference force [N], for compliance variables a reference magnitude (e.g. the deviation limit, rad). All of this is plain data: the solver knows nothing about anatomy.
#pragma once

#include <Eigen/Core>

#include <string>
#include <vector>

namespace spinesim {

enum class Criterion {
    SumStressSquared,  // p = 2
    SumStressCubed,    // p = 3
    MinMaxStress,      // AnyBody-style min/max with a small quadratic term for uniqueness
};

// The criterion's name in scenario files, results files and on the command line: "stress2", "stress3", "minmax".
std::string criterion_name(Criterion criterion);
// The inverse of criterion_name; throws std::invalid_argument for any other text.
Criterion parse_criterion_name(const std::string& text);

// Muscles and contact generators have lower bounds >= 0; a Compliance variable may have any finite bounds.
// Muscle means "costed by the stress criterion": costed joint actuators (one variable per direction) use it too.
enum class VariableKind { Muscle, ContactGenerator, Compliance };

struct SharingProblem {
    Eigen::MatrixXd A;                     // m x n equality rows
    Eigen::VectorXd b;                     // m
    Eigen::VectorXd lower;                 // n, >= 0 for muscles and contact generators
    Eigen::VectorXd upper;                 // n, may be +infinity (contact generators)
    Eigen::VectorXd size;                  // n, > 0: PCSA [m^2] for muscles, reference force [N] for contacts
    std::vector<VariableKind> kind;        // n
    std::vector<std::string> row_names;    // m, e.g. "L4/L5 moment about x" (used in infeasibility reports)
    std::vector<std::string> variable_names;  // n
    double contact_regularisation = 1e-4;     // weight of the quadratic term of contact generators
    double compliance_regularisation = 1e-4;  // weight of the quadratic term of compliance variables (makes them
                                              // unique)
    double minmax_quadratic_weight = 1e-4;    // relative weight of the quadratic term in MinMax (must be > 0)
    double reference_stress = 1.0e6;          // [Pa] unit of muscle stress in the objective (and of t in MinMax)
};

enum class SolveStatus { Optimal, Infeasible, IterationLimit };

struct SharingSolution {
    SolveStatus status = SolveStatus::IterationLimit;
    Eigen::VectorXd x;                    // n
    Eigen::VectorXd multipliers;          // m, Lagrange multipliers of A x = b (= d objective / d b)
    double objective = 0.0;               // value of the criterion above (dimensionless, see reference_stress)
    double max_stress = 0.0;              // max over muscles of x_i / size_i [Pa]
    double equality_residual = 0.0;       // max_k |(A x - b)_k|
    double optimality_residual = 0.0;     // max violation of the KKT stationarity condition (scaled)
    int iterations = 0;
    // When status == Infeasible: x is the closest achievable point (least squares over the rows scaled to unit norm
    // in stress units, with every variable in its bounds; its residual b - A x is unique), and these name the row
    // whose scaled residual is largest and its b_k - (A x)_k, e.g. "L4/L5 moment about z" and 35.2 (N·m). Other
    // rows may be short too (per-level balance spreads the residual over the levels).
    std::string infeasible_row;
    double infeasible_amount = 0.0;
    // MinMax only: the optimal bound t, in units of reference_stress (max_stress = t * reference_stress when
    // the bound is active). Reusable as WarmStart::minmax_bound.
    double minmax_bound = 0.0;
};

struct SolverOptions {
    Criterion criterion = Criterion::SumStressSquared;
    double equality_tolerance = 1e-9;     // N·m / N
    int max_iterations = 200;
};

// Warm start: the previous frame's multipliers (and MinMax bound). Empty = cold start.
// (The dual method determines t from the multipliers, so minmax_bound is accepted but not needed.)
struct WarmStart {
    Eigen::VectorXd multipliers;
    double minmax_bound = 0.0;
};

// Exact solver (dual semi-smooth Newton, see libsim/src/sharing/). Reentrant, no internal threads, deterministic.
// Infeasible loads are a result (status Infeasible + row name + missing amount), never an exception;
// std::invalid_argument is thrown only for malformed input (mismatched sizes, size <= 0, lower > upper, ...).
SharingSolution solve_sharing(const SharingProblem& problem, const SolverOptions& options,
                              const WarmStart* warm_start = nullptr);

}  // namespace spinesim
