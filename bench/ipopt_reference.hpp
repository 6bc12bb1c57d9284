// Reference solution of the scaled sharing problem with Ipopt (interior point, exact Hessian).
// Used by the benchmark and by the Ipopt comparison test; not part of the library.
#pragma once

#include <spinesim/sharing_problem.hpp>

#include <Eigen/Core>

#include <memory>

namespace spinesim::bench {

struct IpoptResult {
    bool success = false;
    Eigen::VectorXd x;         // user units
    double objective = 0.0;    // same (dimensionless) objective as SharingSolution::objective
    int iterations = 0;
};

// Holds one configured Ipopt application (tol 1e-10, print_level 0, exact Hessian, no extra scaling, exact
// bounds) so that repeated solves do not pay the setup cost.
class IpoptReference {
public:
    explicit IpoptReference(double tolerance = 1e-10);
    ~IpoptReference();
    IpoptReference(const IpoptReference&) = delete;
    IpoptReference& operator=(const IpoptReference&) = delete;

    // Solves exactly the problem solve_sharing solves (same internal scaling), from a neutral start point.
    IpoptResult solve(const SharingProblem& problem, Criterion criterion);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace spinesim::bench
