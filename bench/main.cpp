// spinesim-bench: times the muscle-sharing solver against Ipopt on random realistic problems.
//
//   spinesim-bench [--frames N] [--seed S] [--ipopt-frames K] [--repeats R] [--out problems.bin]
#include "random_problems.hpp"
#include "sharing_benchmark.hpp"

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    int frames = 200;
    unsigned long long seed = 20240601ULL;
    spinesim::bench::BenchmarkOptions options;
    options.problem_file = "sharing_problems.bin";
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        const bool has_value = a + 1 < argc;
        if (arg == "--frames" && has_value) frames = std::atoi(argv[++a]);
        else if (arg == "--seed" && has_value) seed = std::strtoull(argv[++a], nullptr, 10);
        else if (arg == "--ipopt-frames" && has_value) options.ipopt_frames = std::atoi(argv[++a]);
        else if (arg == "--repeats" && has_value) options.repeats = std::atoi(argv[++a]);
        else if (arg == "--out" && has_value) options.problem_file = argv[++a];
        else {
            std::cerr << "usage: spinesim-bench [--frames N] [--seed S] [--ipopt-frames K] [--repeats R] "
                         "[--out problems.bin]\n";
            return 2;
        }
    }
    spinesim::bench::RandomProblemShape shape;
    const auto problems = spinesim::bench::make_random_problems(frames, seed, shape);
    std::cout << "spinesim-bench: " << frames << " random lumbar sharing problems, n = "
              << problems.front().A.cols() << " (" << shape.muscles << " muscles + "
              << shape.joints * shape.contacts_per_joint << " contact generators), m = " << problems.front().A.rows()
              << "\n";
    return spinesim::bench::run_benchmark(problems, std::cout, options);
}
