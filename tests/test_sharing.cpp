// Tests of the muscle-sharing (static optimisation) solver: closed-form tiny problems, bounds, MinMax,
// infeasibility reports, contacts, KKT conditions on random problems, warm starts and determinism.
#include <spinesim/sharing_problem.hpp>

#include <catch2/catch.hpp>

#include <Eigen/Core>
#include <Eigen/LU>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

using namespace spinesim;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One joint, one moment row, muscles with moment arms r [m] and PCSA s [m^2], no upper bounds.
SharingProblem one_joint(const std::vector<double>& r, const std::vector<double>& s, double moment) {
    const int n = static_cast<int>(r.size());
    SharingProblem p;
    p.A.resize(1, n);
    for (int i = 0; i < n; ++i) p.A(0, i) = r[i];
    p.b = Eigen::VectorXd::Constant(1, moment);
    p.lower = Eigen::VectorXd::Zero(n);
    p.upper = Eigen::VectorXd::Constant(n, kInf);
    p.size = Eigen::Map<const Eigen::VectorXd>(s.data(), n);
    p.kind.assign(n, VariableKind::Muscle);
    p.row_names = {"L4/L5 moment about x"};
    return p;
}

SharingSolution solve(const SharingProblem& p, Criterion c, const WarmStart* w = nullptr) {
    SolverOptions o;
    o.criterion = c;
    return solve_sharing(p, o, w);
}

// Random dense problem: 270 muscles + 30 contact generators, 20 moment rows + 10 force rows,
// feasible by construction (b = A x0 with x0 strictly inside the box).
SharingProblem random_problem(unsigned seed, int muscles = 270, int contacts = 30, int moment_rows = 20,
                              int force_rows = 10) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    const int n = muscles + contacts;
    const int m = moment_rows + force_rows;
    SharingProblem p;
    p.A.resize(m, n);
    p.lower = Eigen::VectorXd::Zero(n);
    p.upper.resize(n);
    p.size.resize(n);
    Eigen::VectorXd x0(n);
    for (int i = 0; i < n; ++i) {
        const bool muscle = i < muscles;
        p.kind.push_back(muscle ? VariableKind::Muscle : VariableKind::ContactGenerator);
        p.variable_names.push_back((muscle ? "muscle " : "contact ") + std::to_string(i));
        for (int k = 0; k < m; ++k) {
            const double sign = u01(rng) < 0.5 ? -1.0 : 1.0;
            if (k < moment_rows)
                p.A(k, i) = muscle ? sign * (0.01 + 0.07 * u01(rng)) : sign * 0.02 * u01(rng);
            else
                p.A(k, i) = muscle ? sign * u01(rng) : (k - moment_rows == (i % force_rows) ? 1.0 : 0.2 * sign * u01(rng));
        }
        p.size[i] = muscle ? 5e-5 + (2e-3 - 5e-5) * u01(rng) : 1000.0;
        p.upper[i] = muscle ? p.size[i] * 1.0e6 : kInf;
        x0[i] = muscle ? (0.05 + 0.5 * u01(rng)) * p.upper[i] : 200.0 + 1000.0 * u01(rng);
    }
    p.b = p.A * x0;
    for (int k = 0; k < m; ++k) p.row_names.push_back("row " + std::to_string(k));
    return p;
}

// Independent KKT check in user variables. With v_i = size_i * reference_stress (muscles) or size_i
// (contacts) and y = x / v, stationarity reads  phi'(y_i) = v_i (Aᵀλ)_i  for free variables.
struct KktReport {
    double stationarity = 0.0;  // worst violation (relative to 1 + max |v_i (Aᵀλ)_i|)
    double tsum = 0.0;          // MinMax: |1 - sum nu|
    double bounds = 0.0;        // worst bound violation [N]
};

KktReport check_kkt(const SharingProblem& p, const SharingSolution& s, Criterion crit) {
    const Eigen::VectorXd Atl = p.A.transpose() * s.multipliers;
    KktReport rep;
    const double t = s.minmax_bound;
    double scale = 1.0, nu = 0.0;
    std::vector<double> g(p.A.cols()), y(p.A.cols());
    for (Eigen::Index i = 0; i < p.A.cols(); ++i) {
        const bool muscle = p.kind[i] == VariableKind::Muscle;
        const double v = muscle ? p.size[i] * p.reference_stress : p.size[i];
        y[i] = s.x[i] / v;
        double dphi;
        if (!muscle) dphi = 2.0 * p.contact_regularisation * y[i];
        else if (crit == Criterion::SumStressSquared) dphi = 2.0 * y[i];
        else if (crit == Criterion::SumStressCubed) dphi = 3.0 * y[i] * y[i];
        else dphi = 2.0 * p.minmax_quadratic_weight * y[i];
        g[i] = dphi - v * Atl[i];
        scale = std::max(scale, 1.0 + std::abs(v * Atl[i]));
        rep.bounds = std::max({rep.bounds, p.lower[i] - s.x[i], s.x[i] - p.upper[i]});
    }
    for (Eigen::Index i = 0; i < p.A.cols(); ++i) {
        const bool muscle = p.kind[i] == VariableKind::Muscle;
        const double v = muscle ? p.size[i] * p.reference_stress : p.size[i];
        const bool at_lower = s.x[i] <= p.lower[i] + 1e-12 * v;
        const bool at_upper = s.x[i] >= p.upper[i] - 1e-12 * v;
        const bool at_t = crit == Criterion::MinMaxStress && muscle && std::abs(y[i] - t) <= 1e-12 * std::max(1.0, t);
        double viol;
        if (at_lower) viol = std::max(-g[i], 0.0);          // may only want to decrease
        else if (at_upper || at_t) viol = std::max(g[i], 0.0);  // may only want to increase
        else viol = std::abs(g[i]);
        if (at_t && !at_upper && !at_lower) nu += -g[i];       // multiplier of y_i <= t
        rep.stationarity = std::max(rep.stationarity, viol / scale);
    }
    if (crit == Criterion::MinMaxStress) rep.tsum = std::abs(1.0 - nu);
    return rep;
}

}  // namespace

TEST_CASE("p=2, two muscles on one joint: x_i = lambda r_i s_i^2 / 2", "[sharing]") {
    const double r1 = 0.05, r2 = 0.03, s1 = 4e-4, s2 = 1e-3, M = 40.0;
    const SharingProblem p = one_joint({r1, r2}, {s1, s2}, M);
    const SharingSolution sol = solve(p, Criterion::SumStressSquared);
    REQUIRE(sol.status == SolveStatus::Optimal);
    // Stationarity 2 x_i / (s_i sigma)^2 = lambda r_i and r1 x1 + r2 x2 = M give
    const double denom = r1 * r1 * s1 * s1 + r2 * r2 * s2 * s2;
    const double x1 = M * r1 * s1 * s1 / denom, x2 = M * r2 * s2 * s2 / denom;
    CHECK(x1 == Approx(246.15384615384616).epsilon(1e-12));  // 40 * 0.05 * 1.6e-7 / 1.3e-9 (by hand)
    CHECK(sol.x[0] == Approx(x1).epsilon(1e-12));
    CHECK(sol.x[1] == Approx(x2).epsilon(1e-12));
    const double sigma = p.reference_stress;
    const double lambda = 2.0 * x1 / (s1 * s1 * sigma * sigma * r1);
    CHECK(sol.multipliers[0] == Approx(lambda).epsilon(1e-10));
    CHECK(sol.equality_residual <= 1e-9);
    CHECK(sol.objective == Approx(std::pow(x1 / (s1 * sigma), 2) + std::pow(x2 / (s2 * sigma), 2)).epsilon(1e-12));
    CHECK(sol.max_stress == Approx(std::max(x1 / s1, x2 / s2)).epsilon(1e-12));
}

TEST_CASE("p=2, bound active: one muscle saturates, the other takes the rest", "[sharing]") {
    SharingProblem p = one_joint({0.05, 0.03}, {1e-3, 4e-4}, 40.0);
    p.upper[0] = 300.0;  // unconstrained optimum would be ~700 N
    const SharingSolution sol = solve(p, Criterion::SumStressSquared);
    REQUIRE(sol.status == SolveStatus::Optimal);
    CHECK(sol.x[0] == 300.0);
    CHECK(sol.x[1] == Approx((40.0 - 0.05 * 300.0) / 0.03).epsilon(1e-12));  // 833.33 N
    CHECK(sol.equality_residual <= 1e-9);
    // The saturated muscle's marginal cost is below what the multiplier offers: g_0 = phi'(y_0) - v_0 r_0 λ <= 0.
    const double v0 = 1e-3 * p.reference_stress;
    CHECK(2.0 * 300.0 / v0 - v0 * 0.05 * sol.multipliers[0] < 0.0);
}

TEST_CASE("p=3 closed form: x_i = s_i^{3/2} sqrt(lambda r_i / 3)", "[sharing]") {
    const std::vector<double> r{0.04, 0.06, 0.02}, s{5e-4, 2e-4, 1.5e-3};
    const double M = 55.0;
    const SharingProblem p = one_joint(r, s, M);
    const SharingSolution sol = solve(p, Criterion::SumStressCubed);
    REQUIRE(sol.status == SolveStatus::Optimal);
    // 3 x_i^2 / (s_i sigma)^3 = lambda r_i  ->  x_i = (s_i sigma)^{3/2} sqrt(lambda r_i / 3); sum r_i x_i = M.
    double denom = 0.0;
    for (int i = 0; i < 3; ++i) denom += std::pow(r[i], 1.5) * std::pow(s[i], 1.5);
    const double sigma = p.reference_stress;
    for (int i = 0; i < 3; ++i) {
        const double xi = M * std::pow(s[i], 1.5) * std::sqrt(r[i]) / denom;
        CHECK(sol.x[i] == Approx(xi).epsilon(1e-11));
    }
    const double lambda = 3.0 * sol.x[0] * sol.x[0] / std::pow(s[0] * sigma, 3) / r[0];
    CHECK(sol.multipliers[0] == Approx(lambda).epsilon(1e-9));
    CHECK(sol.equality_residual <= 1e-9);
}

TEST_CASE("MinMax equalises stress among active muscles", "[sharing]") {
    // Three agonists and one antagonist (negative arm) that must stay silent.
    SharingProblem p = one_joint({0.05, 0.03, 0.02, -0.04}, {4e-4, 1e-3, 6e-4, 8e-4}, 30.0);
    const SharingSolution sol = solve(p, Criterion::MinMaxStress);
    REQUIRE(sol.status == SolveStatus::Optimal);
    // All agonists at the same stress sigma* with sum r_i s_i sigma* = M.
    const double sigma_star = 30.0 / (0.05 * 4e-4 + 0.03 * 1e-3 + 0.02 * 6e-4);
    for (int i = 0; i < 3; ++i) CHECK(sol.x[i] / p.size[i] == Approx(sigma_star).epsilon(1e-10));
    CHECK(sol.x[3] == 0.0);
    CHECK(sol.max_stress == Approx(sigma_star).epsilon(1e-10));
    CHECK(sol.minmax_bound * p.reference_stress == Approx(sigma_star).epsilon(1e-10));

    // A weak muscle saturating below the common stress drops out of the equalised group.
    p.upper[2] = 0.2 * sigma_star * p.size[2];
    const SharingSolution capped = solve(p, Criterion::MinMaxStress);
    REQUIRE(capped.status == SolveStatus::Optimal);
    CHECK(capped.x[2] == p.upper[2]);
    const double sigma2 = (30.0 - 0.02 * p.upper[2]) / (0.05 * 4e-4 + 0.03 * 1e-3);
    CHECK(capped.x[0] / p.size[0] == Approx(sigma2).epsilon(1e-10));
    CHECK(capped.x[1] / p.size[1] == Approx(sigma2).epsilon(1e-10));
    CHECK(capped.equality_residual <= 1e-9);
}

TEST_CASE("infeasible load is reported with the row and the missing amount", "[sharing]") {
    // Row 0: flexion moment; the two muscles can give at most 0.05*400 + 0.03*300 = 29 N·m of the 50 asked.
    // Row 1: an axial force that a contact generator carries easily.
    SharingProblem p;
    p.A.resize(2, 3);
    p.A << 0.05, 0.03, 0.0,  //
        0.2, 0.1, 1.0;
    p.b = Eigen::Vector2d(50.0, 900.0);
    p.lower = Eigen::VectorXd::Zero(3);
    p.upper = Eigen::Vector3d(400.0, 300.0, kInf);
    p.size = Eigen::Vector3d(4e-4, 3e-4, 1000.0);
    p.kind = {VariableKind::Muscle, VariableKind::Muscle, VariableKind::ContactGenerator};
    p.row_names = {"L4/L5 moment about x", "L4/L5 force along z"};
    for (Criterion c : {Criterion::SumStressSquared, Criterion::SumStressCubed, Criterion::MinMaxStress}) {
        SharingSolution sol;
        REQUIRE_NOTHROW(sol = solve(p, c));
        CHECK(sol.status == SolveStatus::Infeasible);
        CHECK(sol.infeasible_row == "L4/L5 moment about x");
        CHECK(sol.infeasible_amount == Approx(21.0).epsilon(1e-6));
        CHECK(sol.x[0] == Approx(400.0).epsilon(1e-8));  // closest point: both muscles at full force
        CHECK(sol.x[1] == Approx(300.0).epsilon(1e-8));
        CHECK(sol.x[2] == Approx(900.0 - 80.0 - 30.0).epsilon(1e-8));  // the feasible row is still satisfied
    }
}

TEST_CASE("the missing amount is the residual of the least-squares closest point over the scaled rows", "[sharing]") {
    // One fascicle crossing three levels (moment arms 0.05, 0.02, 0.04 m) and three level moments it cannot all
    // balance: each row alone asks for b_k / a_k = 200, 150, 150 N. Rows are scaled to unit norm (force units here),
    // so the closest point is the mean, F = 500/3 N (within its bound of 400 N), and the residual is
    // b - a F = (5/3, -1/3, -2/3) N·m: the first row is the largest (scaled 33.3 vs 16.7 N), short by 5/3 N·m.
    SharingProblem p;
    p.A.resize(3, 1);
    p.A << 0.05, 0.02, 0.04;
    p.b = Eigen::Vector3d(10.0, 3.0, 6.0);
    p.lower = Eigen::VectorXd::Zero(1);
    p.upper = Eigen::VectorXd::Constant(1, 400.0);
    p.size = Eigen::VectorXd::Constant(1, 4e-4);
    p.kind = {VariableKind::Muscle};
    p.row_names = {"L1/L2 moment about x", "L2/L3 moment about x", "L3/L4 moment about x"};
    for (Criterion c : {Criterion::SumStressSquared, Criterion::SumStressCubed, Criterion::MinMaxStress}) {
        INFO("criterion " << static_cast<int>(c));
        const SharingSolution sol = solve(p, c);
        REQUIRE(sol.status == SolveStatus::Infeasible);
        CHECK(sol.infeasible_row == "L1/L2 moment about x");
        // (min/max: the elastic solve alone ends at its iteration limit 3.6e-4 short; the least-squares polish of
        // solve_sharing.cpp makes it exact)
        CHECK(sol.infeasible_amount == Approx(5.0 / 3.0).epsilon(1e-9));
        CHECK(sol.x[0] == Approx(500.0 / 3.0).epsilon(1e-9));
    }
}

TEST_CASE("contact generators stay non-negative, a pulling load goes to muscles", "[sharing]") {
    // Axial row: contact pushes (+1), muscles pull (-1 components). b < 0 asks for net tension.
    SharingProblem p;
    p.A.resize(2, 3);
    p.A << 0.04, -0.03, 0.0,  // moment row
        -1.0, -1.0, 1.0;      // axial force row (contact compression positive)
    p.b = Eigen::Vector2d(2.0, -300.0);
    p.lower = Eigen::VectorXd::Zero(3);
    p.upper = Eigen::VectorXd::Constant(3, kInf);
    p.size = Eigen::Vector3d(5e-4, 5e-4, 1000.0);
    p.kind = {VariableKind::Muscle, VariableKind::Muscle, VariableKind::ContactGenerator};
    p.row_names = {"moment", "axial"};
    for (Criterion c : {Criterion::SumStressSquared, Criterion::SumStressCubed, Criterion::MinMaxStress}) {
        const SharingSolution sol = solve(p, c);
        REQUIRE(sol.status == SolveStatus::Optimal);
        CHECK(sol.x[2] >= 0.0);
        CHECK(sol.x[2] == 0.0);  // any contact force would have to be matched by more muscle force
        CHECK(sol.x[0] + sol.x[1] == Approx(300.0).epsilon(1e-11));
        CHECK(sol.equality_residual <= 1e-9);
    }
    // With a compressive load the contact takes it (cheap, regularised) and stays positive.
    p.b = Eigen::Vector2d(2.0, 800.0);
    const SharingSolution sol = solve(p, Criterion::SumStressSquared);
    REQUIRE(sol.status == SolveStatus::Optimal);
    CHECK(sol.x[2] > 0.0);
}

TEST_CASE("KKT conditions on random n=300, m=30 problems, all criteria", "[sharing]") {
    for (unsigned seed = 1; seed <= 4; ++seed) {
        const SharingProblem p = random_problem(seed);
        for (Criterion c : {Criterion::SumStressSquared, Criterion::SumStressCubed, Criterion::MinMaxStress}) {
            INFO("seed " << seed << " criterion " << static_cast<int>(c));
            const SharingSolution sol = solve(p, c);
            REQUIRE(sol.status == SolveStatus::Optimal);
            CHECK(sol.equality_residual <= 1e-9);
            CHECK((p.A * sol.x - p.b).cwiseAbs().maxCoeff() <= 1e-9);
            CHECK(sol.optimality_residual <= 1e-9);
            const KktReport kkt = check_kkt(p, sol, c);
            CHECK(kkt.stationarity <= 1e-9);
            CHECK(kkt.bounds <= 0.0);
            CHECK(kkt.tsum <= 1e-9);
            CHECK(sol.iterations <= (c == Criterion::MinMaxStress ? 100 : 40));
        }
    }
}

TEST_CASE("optimal objective is not beaten by feasible perturbations", "[sharing]") {
    // Moving along null-space directions of A inside the box must not decrease the objective.
    const SharingProblem p = random_problem(11);
    const SharingSolution sol = solve(p, Criterion::SumStressSquared);
    REQUIRE(sol.status == SolveStatus::Optimal);
    Eigen::MatrixXd N = Eigen::MatrixXd(p.A).fullPivLu().kernel();
    std::mt19937_64 rng(3);
    std::normal_distribution<double> g;
    auto objective = [&](const Eigen::VectorXd& x) {
        double f = 0.0;
        for (Eigen::Index i = 0; i < x.size(); ++i) {
            const bool muscle = p.kind[i] == VariableKind::Muscle;
            const double y = x[i] / (muscle ? p.size[i] * p.reference_stress : p.size[i]);
            f += (muscle ? 1.0 : p.contact_regularisation) * y * y;
        }
        return f;
    };
    int tried = 0;
    for (int trial = 0; trial < 200; ++trial) {
        Eigen::VectorXd z(N.cols());
        for (Eigen::Index k = 0; k < z.size(); ++k) z[k] = g(rng);
        const Eigen::VectorXd dx = N * z;
        const Eigen::VectorXd x = sol.x + 1e-3 * dx / dx.cwiseAbs().maxCoeff();
        if ((x - p.lower).minCoeff() < 0.0 || (p.upper - x).minCoeff() < 0.0) continue;
        ++tried;
        CHECK(objective(x) >= sol.objective * (1.0 - 1e-14));
    }
    CHECK(sol.objective == Approx(objective(sol.x)).epsilon(1e-14));
    (void)tried;
}

TEST_CASE("warm start from the previous frame reduces iterations along a trajectory", "[sharing]") {
    SharingProblem p = random_problem(21);
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    const Eigen::Index n = p.A.cols();
    Eigen::VectorXd x0(n), dx(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double cap = std::isfinite(p.upper[i]) ? p.upper[i] : 1500.0;
        x0[i] = (0.1 + 0.4 * u01(rng)) * cap;
        dx[i] = 0.004 * (u01(rng) - 0.5) * cap;
    }
    for (Criterion c : {Criterion::SumStressSquared, Criterion::SumStressCubed, Criterion::MinMaxStress}) {
        int cold = 0, warm = 0;
        WarmStart ws;
        for (int frame = 0; frame < 20; ++frame) {
            p.b = p.A * (x0 + frame * dx);
            const SharingSolution a = solve(p, c);
            const SharingSolution b = solve(p, c, frame ? &ws : nullptr);
            REQUIRE(a.status == SolveStatus::Optimal);
            REQUIRE(b.status == SolveStatus::Optimal);
            CHECK((a.x - b.x).cwiseAbs().maxCoeff() <= 1e-8 * a.x.cwiseAbs().maxCoeff());
            if (frame) {
                cold += a.iterations;
                warm += b.iterations;
            }
            ws.multipliers = b.multipliers;
            ws.minmax_bound = b.minmax_bound;
        }
        INFO("criterion " << static_cast<int>(c) << ": cold " << cold << " warm " << warm);
        CHECK(warm < cold);
        CHECK(warm <= cold / 2 + 5);
    }
}

TEST_CASE("results are deterministic and solve_sharing is reentrant", "[sharing]") {
    const SharingProblem p = random_problem(31);
    for (Criterion c : {Criterion::SumStressSquared, Criterion::SumStressCubed, Criterion::MinMaxStress}) {
        const SharingSolution a = solve(p, c);
        const SharingSolution other = solve(random_problem(32), c);  // interleaved unrelated solve
        const SharingSolution b = solve(p, c);
        CHECK(a.x == b.x);
        CHECK(a.multipliers == b.multipliers);
        CHECK(a.iterations == b.iterations);
        CHECK(other.status == SolveStatus::Optimal);
    }
}

TEST_CASE("malformed input throws, infeasibility does not", "[sharing]") {
    SharingProblem p = one_joint({0.05, 0.03}, {4e-4, 1e-3}, 40.0);
    p.size[1] = 0.0;
    CHECK_THROWS_AS(solve(p, Criterion::SumStressSquared), std::invalid_argument);
    SharingProblem q = one_joint({0.05, 0.03}, {4e-4, 1e-3}, 40.0);
    q.b = Eigen::VectorXd::Zero(2);
    CHECK_THROWS_AS(solve(q, Criterion::SumStressSquared), std::invalid_argument);
    SharingProblem r = one_joint({0.05, 0.03}, {4e-4, 1e-3}, -40.0);  // both arms positive, moment negative
    SharingSolution sol;
    REQUIRE_NOTHROW(sol = solve(r, Criterion::SumStressSquared));
    CHECK(sol.status == SolveStatus::Infeasible);
    CHECK(sol.infeasible_row == "L4/L5 moment about x");
    CHECK(sol.infeasible_amount == Approx(-40.0).epsilon(1e-6));
}
