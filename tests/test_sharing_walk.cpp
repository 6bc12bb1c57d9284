// Tests of the exact line search of the dual (BreakpointWalk, libsim/src/sharing): the root it returns must be
// a zero of the directional derivative s(α) = s0 - Σ dc_i (y_i(c + α dc) - y_i(c)), evaluated independently
// by PrimalResponse at trial points, for MinMax (including a bound t that sticks at lower or upper bounds) and
// for Σσ².
#include "sharing/breakpoint_walk.hpp"
#include "sharing/primal_response.hpp"
#include "sharing/scaled_problem.hpp"

#include <spinesim/sharing_problem.hpp>

#include <catch2/catch.hpp>

#include <Eigen/Core>

#include <cmath>
#include <limits>
#include <random>

using namespace spinesim;

namespace {

// Random problem with some positive lower bounds on muscles and contact generators without upper bound. With
// shared_caps the muscles share three identical upper bounds (many simultaneous kinks of G, where t sticks);
// otherwise every muscle has its own.
SharingProblem kinked_problem(unsigned seed, int muscles, int contacts, int rows, bool shared_caps) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    const int n = muscles + contacts;
    SharingProblem p;
    p.A.resize(rows, n);
    p.lower = Eigen::VectorXd::Zero(n);
    p.upper = Eigen::VectorXd::Constant(n, std::numeric_limits<double>::infinity());
    p.size.resize(n);
    for (int i = 0; i < n; ++i) {
        const bool muscle = i < muscles;
        p.kind.push_back(muscle ? VariableKind::Muscle : VariableKind::ContactGenerator);
        for (int k = 0; k < rows; ++k) p.A(k, i) = (u01(rng) < 0.5 ? -1.0 : 1.0) * (0.01 + u01(rng));
        p.size[i] = muscle ? 1e-4 * (1.0 + u01(rng)) : 500.0;
        if (muscle) {
            const double stress_cap = !shared_caps ? (0.3 + 0.6 * u01(rng)) * 1e6 : i % 3 == 0 ? 0.3e6 : i % 3 == 1 ? 0.6e6 : 0.9e6;
            p.upper[i] = stress_cap * p.size[i];
            if (i % 7 == 0) p.lower[i] = 0.05e6 * p.size[i];
        }
    }
    p.b = Eigen::VectorXd::Zero(rows);
    return p;
}

// s(α) by trial evaluation, relative to the state of `response` at c.
double slope_at(sharing::PrimalResponse& response, const Eigen::VectorXd& c, const Eigen::VectorXd& dc, double s0,
                double alpha) {
    return s0 - response.directional_change(c, dc, alpha);
}

// Walks from λ = centre + spread * (random) along random directions.
void check_walk(const sharing::ScaledProblem& sp, std::mt19937_64& rng, const Eigen::VectorXd& centre, double spread) {
    std::normal_distribution<double> normal(0.0, 1.0);
    const Eigen::Index m = sp.rows();
    sharing::PrimalResponse response(sp);
    sharing::BreakpointWalk walk(sp);
    int found = 0;
    for (int trial = 0; trial < 40; ++trial) {
        Eigen::VectorXd lambda(m), d(m);
        for (Eigen::Index k = 0; k < m; ++k) {
            lambda[k] = centre[k] + spread * normal(rng);
            d[k] = normal(rng);
        }
        const Eigen::VectorXd c = sp.A.transpose() * lambda;
        const Eigen::VectorXd dc = sp.A.transpose() * d;
        response.evaluate(c);
        // Any s0 > 0 defines a root of s(α) = s0 - (change along the line) as long as the change grows past s0.
        const double far = slope_at(response, c, dc, 0.0, 1e3);
        if (!(far < 0.0)) continue;
        const double s0 = -0.3 * far;
        const auto r = walk.find_root(c, dc, response.t(), response.t_free(), s0, 0.0);
        REQUIRE(r.found);
        ++found;
        // s is continuous and non-increasing: the root is where it changes sign.
        const double at = slope_at(response, c, dc, s0, r.alpha);
        CHECK(std::abs(at) <= 1e-8 * s0);
        CHECK(slope_at(response, c, dc, s0, r.alpha * (1.0 - 1e-6)) >= -1e-8 * s0);
        CHECK(slope_at(response, c, dc, s0, r.alpha * (1.0 + 1e-6)) <= 1e-8 * s0);
        // Before the first breakpoint s is linear with the reported initial rate.
        const double early = std::min(r.first_event, r.alpha) * 0.5;
        CHECK(slope_at(response, c, dc, s0, early) == Approx(s0 - r.initial_rate * early).epsilon(1e-9).margin(1e-9 * s0));
    }
    CHECK(found >= 20);
}

}  // namespace

TEST_CASE("sharing line search: the breakpoint walk finds the exact root of s for MinMax, with t free or stuck at kinks", "[sharing][walk]") {
    // Random multipliers mostly leave t stuck (at t_lower when small, at a muscle's upper bound when large);
    // around the optimal multipliers of a feasible load t is free, with tied and free muscles. The walks pass
    // through every change of state of t (sticking at t_lower or at some u_j, leaving it upwards or downwards).
    std::mt19937_64 rng(7);
    for (const bool shared_caps : {true, false}) {
        for (unsigned seed = 1; seed <= 3; ++seed) {
            SharingProblem p = kinked_problem(seed, 60, 8, 6, shared_caps);
            const Eigen::Index m = p.A.rows();
            for (const double scale : {1e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0}) {
                const sharing::ScaledProblem sp = sharing::make_scaled_problem(p, Criterion::MinMaxStress);
                check_walk(sp, rng, Eigen::VectorXd::Zero(m), scale);
            }
            // A feasible load that needs stress well above t_lower: every other muscle at 80% of its upper bound.
            Eigen::VectorXd x0 = p.lower;
            for (int i = 0; i < 60; i += 2) x0[i] = 0.8 * p.upper[i];
            p.b = p.A * x0;
            SolverOptions options;
            options.criterion = Criterion::MinMaxStress;
            const SharingSolution s = solve_sharing(p, options);
            REQUIRE(s.status == SolveStatus::Optimal);
            const sharing::ScaledProblem sp = sharing::make_scaled_problem(p, Criterion::MinMaxStress);
            const Eigen::VectorXd optimum = s.multipliers.cwiseQuotient(sp.row_scale);
            for (const double spread : {1e-6, 1e-4, 1e-2}) check_walk(sp, rng, optimum, spread * optimum.norm());
        }
    }
}

TEST_CASE("sharing line search: the breakpoint walk finds the exact root of s for sum of squared stresses", "[sharing][walk]") {
    std::mt19937_64 rng(11);
    for (unsigned seed = 1; seed <= 3; ++seed) {
        const SharingProblem p = kinked_problem(seed, 60, 8, 6, false);
        const sharing::ScaledProblem sp = sharing::make_scaled_problem(p, Criterion::SumStressSquared);
        for (const double scale : {0.1, 1.0}) check_walk(sp, rng, Eigen::VectorXd::Zero(sp.rows()), scale);
    }
}

TEST_CASE("sharing line search: the breakpoint walk handles signed quadratic variables (negative or no lower bound)", "[sharing][walk]") {
    // Not expressible through SharingProblem yet (lower >= 0 is validated), so the scaled problem is edited.
    std::mt19937_64 rng(13);
    for (const Criterion criterion : {Criterion::MinMaxStress, Criterion::SumStressSquared}) {
        const SharingProblem p = kinked_problem(5, 60, 8, 6, false);
        sharing::ScaledProblem sp = sharing::make_scaled_problem(p, criterion);
        for (Eigen::Index i = 60; i < sp.cols(); ++i)
            sp.lower[i] = i % 2 ? -std::numeric_limits<double>::infinity() : -0.5 * (i - 59);
        for (const double scale : {1e-2, 0.1, 1.0}) check_walk(sp, rng, Eigen::VectorXd::Zero(sp.rows()), scale);
    }
}
