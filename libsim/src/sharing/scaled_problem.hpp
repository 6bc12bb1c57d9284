// Internal, dimensionless form of a SharingProblem (private to libsim/src/sharing, also used by the Ipopt
// reference in tests/bench so that every solver sees the identical scaled problem).
//
// Variables are scaled to  y_i = x_i / v_i  with  v_i = size_i * reference_stress  for muscles (so y_i is the
// stress in units of reference_stress) and v_i = size_i for contact generators. Each row k is scaled by
// r_k = 1 / ||(A V)_k||_2 so that all rows (N·m and N alike) have unit Euclidean norm:
//
//     minimise  sum_i phi_i(y_i)   s.t.  Ã y = b̃,  l̃ <= y <= ũ     with  Ã = R A V,  b̃ = R b.
//
// phi_i(y) = w_i y^2 ("Quadratic") or y^3 ("Cubic"; only muscles under p = 3, with lower bound >= 0).
// For MinMax, every muscle additionally has y_i <= t and the objective is t + sum_i w_i y_i^2.
#pragma once

#include <spinesim/sharing_problem.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace spinesim::sharing {

enum class Term : std::uint8_t { Quadratic, Cubic };

struct ScaledProblem {
    Eigen::MatrixXd A;          // m x n (column-major: column i is the scaled constraint column of variable i)
    Eigen::VectorXd b;          // m
    Eigen::VectorXd row_scale;  // m, r_k
    Eigen::VectorXd var_scale;  // n, v_i
    Eigen::VectorXd lower;      // n, scaled bounds
    Eigen::VectorXd upper;      // n (may be +inf)
    Eigen::VectorXd weight;     // n, w_i of a Quadratic term (unused for Cubic)
    std::vector<Term> term;     // n
    std::vector<char> capped;   // n, MinMax: variable is bounded by y_i <= t (muscles)
    bool minmax = false;
    double t_lower = 0.0;       // MinMax: t >= max lower bound of the capped variables

    Eigen::Index rows() const { return A.rows(); }
    Eigen::Index cols() const { return A.cols(); }
};

// Validates the problem (throws std::invalid_argument on malformed input) and builds the scaled form.
ScaledProblem make_scaled_problem(const SharingProblem& problem, Criterion criterion);

// Objective of the scaled problem at y (and t for MinMax). This is the objective reported to the user.
double scaled_objective(const ScaledProblem& sp, const Eigen::VectorXd& y, double t);

}  // namespace spinesim::sharing
