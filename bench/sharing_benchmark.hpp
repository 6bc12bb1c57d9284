// spinesim's sharing solver against Ipopt on a set of problems (random ones from random_problems.hpp, or
// full-model frames supplied by the model code).
#pragma once

#include <spinesim/sharing_problem.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace spinesim::bench {

struct BenchmarkOptions {
    int repeats = 5;             // spinesim: each frame is timed `repeats` times, the fastest run counts
    int ipopt_frames = -1;       // Ipopt is timed on the first ipopt_frames problems (-1: all)
    std::string problem_file;    // if non-empty, the problems and spinesim's objectives are written here
    double agreement = 1e-6;     // required relative objective agreement with Ipopt
};

// Solves every problem with all three criteria, by spinesim (cold start) and by Ipopt (exact Hessian,
// tol 1e-10, identical scaled problem), and prints per criterion: median µs/frame of each, the speed ratio,
// the max relative objective difference, the max relative x difference, equality residuals and iterations.
// Returns 0 if every frame was solved to optimality by both and the objectives agree, 1 otherwise.
int run_benchmark(const std::vector<SharingProblem>& problems, std::ostream& out,
                  const BenchmarkOptions& options = {});

}  // namespace spinesim::bench
