// spinesim-bench: times the muscle-sharing solver against Ipopt (same run, identical problems), the batch
// throughput of the whole scenario library and its strength search (--strength auto; per unheld frame).
//
//   spinesim-bench [--source model|random] [--frames N] [--seed S] [--ipopt-frames K] [--repeats R]
//                  [--threads T] [--out problems.bin] [--memory-frames M]
// --source model (default): every solved frame of data/scenarios for the default 75 kg, 1.78 m male.
// --source random: N random problems of the same size (no data needed).
// With --source model the memory figures (memory_benchmark.hpp) follow: deep sizes, peak resident memory of the
// batch (1 and T threads), of the sharing solver and of Ipopt on the first M (default 20) problems, a long-run check.
#include "memory_benchmark.hpp"
#include "model_problems.hpp"
#include "random_problems.hpp"
#include "sharing_benchmark.hpp"

#include <spinesim/model_loader.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    int frames = 200;
    int threads = 2;
    int memory_frames = 20;
    std::string source = "model";
    unsigned long long seed = 20240601ULL;
    spinesim::bench::BenchmarkOptions options;
    options.problem_file = "sharing_problems.bin";
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        const bool has_value = a + 1 < argc;
        if (arg == "--frames" && has_value) frames = std::atoi(argv[++a]);
        else if (arg == "--source" && has_value) source = argv[++a];
        else if (arg == "--seed" && has_value) seed = std::strtoull(argv[++a], nullptr, 10);
        else if (arg == "--ipopt-frames" && has_value) options.ipopt_frames = std::atoi(argv[++a]);
        else if (arg == "--repeats" && has_value) options.repeats = std::atoi(argv[++a]);
        else if (arg == "--threads" && has_value) threads = std::atoi(argv[++a]);
        else if (arg == "--out" && has_value) options.problem_file = argv[++a];
        else if (arg == "--memory-frames" && has_value) memory_frames = std::atoi(argv[++a]);
        else {
            std::cerr << "usage: spinesim-bench [--source model|random] [--frames N] [--seed S] [--ipopt-frames K] "
                         "[--repeats R] [--threads T] [--out problems.bin] [--memory-frames M]\n";
            return 2;
        }
    }
    if (source == "random") {
        spinesim::bench::RandomProblemShape shape;
        const auto problems = spinesim::bench::make_random_problems(frames, seed, shape);
        std::cout << "spinesim-bench: " << frames << " random lumbar sharing problems, n = " << problems.front().A.cols()
                  << ", m = " << problems.front().A.rows() << "\n";
        return spinesim::bench::run_benchmark(problems, std::cout, options);
    }
    if (source != "model") {
        std::cerr << "spinesim-bench: --source must be 'model' or 'random', not '" << source << "'\n";
        return 2;
    }
    const spinesim::Model model = spinesim::load_model(spinesim::Subject{});
    const std::string data = spinesim::default_data_dir();
    // Memory is measured first, in children forked from this still small process, and printed last.
    std::ostringstream memory;
    int status_memory = spinesim::bench::memory_without_problems(model, data, threads, memory);
    const spinesim::bench::LibraryRun run = spinesim::bench::library_problems(model, data, std::cerr);
    if (run.problems.empty()) {
        std::cerr << "spinesim-bench: no solved frame in the scenario library\n";
        return 1;
    }
    status_memory = std::max(status_memory, spinesim::bench::memory_of_solvers(run.problems, memory_frames, memory));
    int status_batch = spinesim::bench::batch_throughput(model, data, threads, std::cout);
    status_batch = std::max(status_batch, spinesim::bench::strength_search_throughput(model, data, std::cout));
    std::cout << "\nspinesim-bench: full-model muscle sharing, " << run.problems.size() << " solved frames of "
              << run.frames << " in the scenario library, n = " << run.problems.front().A.cols()
              << " variables (muscles + contact generators; varies with contacts), m = " << run.problems.front().A.rows()
              << " equilibrium rows\n";
    const int status = spinesim::bench::run_benchmark(run.problems, std::cout, options);
    std::cout << "\n" << memory.str();
    return status != 0 ? status : std::max(status_batch, status_memory);
}
