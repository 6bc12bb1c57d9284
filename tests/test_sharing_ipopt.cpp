// spinesim's sharing solver against Ipopt (interior point, exact Hessian, tol 1e-10) on the identical scaled
// problem. Ipopt is linked to the test executable only (see tests/CMakeLists.txt).
#include "ipopt_reference.hpp"
#include "random_problems.hpp"

#include <spinesim/sharing_problem.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace spinesim;

TEST_CASE("p=2 solution equals Ipopt to 1e-9 relative in x", "[sharing][ipopt]") {
    // Ipopt's tolerance is pushed to 1e-14 here: an interior-point stopping test (dual infeasibility,
    // complementarity <= tol) only pins variables near their bounds, and the cheap contact forces, to about
    // tol / curvature, so at 1e-10 Ipopt itself is only ~1e-5 accurate in x (spinesim's KKT residual is ~1e-16).
    bench::IpoptReference ipopt(1e-14);
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const SharingProblem p = bench::make_random_problem(seed);
        SolverOptions o;
        o.criterion = Criterion::SumStressSquared;
        const SharingSolution s = solve_sharing(p, o);
        const bench::IpoptResult r = ipopt.solve(p, o.criterion);
        REQUIRE(s.status == SolveStatus::Optimal);
        REQUIRE(r.success);
        INFO("seed " << seed);
        CHECK((s.x - r.x).cwiseAbs().maxCoeff() <= 1e-9 * r.x.cwiseAbs().maxCoeff());
        CHECK(std::abs(s.objective - r.objective) <= 1e-10 * std::abs(r.objective));
        CHECK(s.objective <= r.objective * (1.0 + 1e-12));  // Ipopt never beats the exact optimum
    }
}

TEST_CASE("all criteria match Ipopt's objective to 1e-8", "[sharing][ipopt]") {
    bench::IpoptReference ipopt(1e-13);
    for (std::uint64_t seed = 11; seed <= 13; ++seed) {
        const SharingProblem p = bench::make_random_problem(seed);
        for (Criterion c : {Criterion::SumStressSquared, Criterion::SumStressCubed, Criterion::MinMaxStress}) {
            SolverOptions o;
            o.criterion = c;
            const SharingSolution s = solve_sharing(p, o);
            const bench::IpoptResult r = ipopt.solve(p, c);
            REQUIRE(s.status == SolveStatus::Optimal);
            REQUIRE(r.success);
            INFO("seed " << seed << " criterion " << static_cast<int>(c));
            CHECK(std::abs(s.objective - r.objective) <= 1e-8 * std::abs(r.objective));
            CHECK(s.equality_residual <= 1e-9);
        }
    }
}
