// The inner ("primal response") map of the dual method.
//
// For multipliers λ of Ã y = b̃ put c = Ãᵀλ. The Lagrangian  sum_i phi_i(y_i) - cᵀy (+ t for MinMax) is
// separable, so its minimiser over the box is closed form, variable by variable:
//
//   Quadratic  phi = w y^2 :  y_i = clamp(c_i / (2 w_i), l_i, h_i),         dy_i/dc_i = 1/(2 w_i) if free
//   Cubic      phi = y^3   :  y_i = clamp(sqrt(max(c_i, 0) / 3), l_i, h_i), dy_i/dc_i = 1/(6 y_i) if free
//
// where h_i = u_i, or min(u_i, t) for muscles under MinMax. In the MinMax case t is minimised jointly:
// h(t) = t + sum_i min_{l_i <= y <= min(u_i, t)} (w_i y^2 - c_i y) is convex and piecewise quadratic in t, with
//     h'(t) = 1 - G(t),   G(t) = sum_{i : c_i/(2 w_i) > t, u_i > t} (c_i - 2 w_i t),
// so t(c) is found exactly by sweeping the sorted breakpoints of G. On a piece where t is interior
// (the "tied" set I of muscles sitting at y_i = t), t = (sum_I c_i - 1) / (2 sum_I w_i): all of I move together,
// so dy/dc restricted to I is the rank-one matrix 1 1ᵀ / (2 sum_I w_i).
//
// The dual Hessian (generalised, semi-smooth sense) is  -Ã (dy/dc) Ãᵀ; hessian() assembles  Ã (dy/dc) Ãᵀ,
// updating the diagonal part incrementally (only variables whose dy/dc changed cost anything).
#pragma once

#include "sharing/scaled_problem.hpp"

#include <Eigen/Core>

#include <utility>
#include <vector>

namespace spinesim::sharing {

class PrimalResponse {
public:
    explicit PrimalResponse(const ScaledProblem& sp);

    // y(c) (and t(c) for MinMax); remembers dy/dc for hessian().
    void evaluate(const Eigen::VectorXd& c);
    const Eigen::VectorXd& y() const { return y_; }
    double t() const { return t_; }
    bool t_free() const { return t_free_; }  // MinMax: t interior to a linear piece of G (see solve_bound)

    // sum_i dc_i (y_i(c + alpha dc) - y_i(c)) for the c last passed to evaluate(). State is unchanged
    // (only scratch buffers are used), so this is the cheap O(n) kernel of the line search.
    double directional_change(const Eigen::VectorXd& c, const Eigen::VectorXd& dc, double alpha);

    // Primal refinement: y += (dy/dc) dc with the active set of the last evaluate() frozen. Near the optimum
    // this replaces recomputing y from c + dc, whose cheap variables (contacts, y = c / (2 rho) with tiny
    // rho) would amplify the rounding error of c = Ãᵀλ by 1/rho. Returns false (and changes nothing) if a
    // variable would leave its box, i.e. the active set is not settled yet.
    bool refine(const Eigen::VectorXd& dc);

    // Lower triangle of Ã (dy/dc) Ãᵀ at the last evaluated point.
    void hessian(Eigen::MatrixXd& H);

    // Lower triangle of Ã D_ref Ãᵀ with every variable treated as free (D_ref = 1/(2 w), 1/2 for Cubic):
    // the cold-start direction of the dual method. Also seeds the incremental update of hessian().
    void reference_hessian(Eigen::MatrixXd& H);

private:
    struct Bound {
        double t;
        bool free;       // t is interior to a linear piece of G (so dt/dc != 0)
    };
    Bound solve_bound(const Eigen::VectorXd& c);
    // Closed-form minimiser of variable i with upper cap h; writes dy/dc into *slope if non-null.
    double argmin(Eigen::Index i, double c, double h, double* slope) const;
    void rebuild_hessian();

    const ScaledProblem& sp_;
    Eigen::VectorXd y_;
    Eigen::VectorXd slope_;           // dy_i/dc_i of the diagonal part at the last evaluate()
    Eigen::VectorXd slope_in_H_;      // the slopes currently accumulated in H_diag_
    Eigen::MatrixXd H_diag_;          // lower triangle of sum_i slope_in_H_i a_i a_iᵀ
    bool H_valid_ = false;
    Eigen::Index updates_since_rebuild_ = 0;
    double t_ = 0.0;
    bool t_free_ = false;
    std::vector<Eigen::Index> tied_;  // MinMax: the set I (variables at y = t when t is free)
    double tied_weight_ = 0.0;        // sum_I w_i

    // scratch
    std::vector<std::pair<double, Eigen::Index>> ends_;
    Eigen::VectorXd c_trial_, y_trial_;
    Eigen::MatrixXd plus_, minus_;
};

}  // namespace spinesim::sharing
