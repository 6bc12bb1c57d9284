#include "model_problems.hpp"

#include "analysis/frame_problem.hpp"

#include <spinesim/error.hpp>
#include <spinesim/scenario.hpp>
#include <spinesim/simulation.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

namespace spinesim::bench {

namespace {

std::vector<Scenario> library(const std::string& data_dir, std::ostream& log) {
    std::vector<Scenario> scenarios;
    for (const std::string& name : list_scenarios(data_dir)) {
        try {
            scenarios.push_back(load_scenario(scenario_path(data_dir, name)));
        } catch (const InputError& e) {
            log << "  skipped " << name << ": " << e.what() << "\n";
        }
    }
    return scenarios;
}

}  // namespace

LibraryRun library_problems(const Model& model, const std::string& data_dir, std::ostream& log) {
    LibraryRun run;
    Workspace ws(model);
    for (const Scenario& s : library(data_dir, log)) {
        const SimulationResult r = simulate(model, s);
        std::vector<Posture> q;
        for (Eigen::Index i = 0; i < r.coordinates.rows(); ++i) q.push_back(r.coordinates.row(i).transpose());
        for (int i = 0; i < static_cast<int>(q.size()); ++i) {
            ++run.frames;
            if (r.frame_status[i] != "optimal") continue;
            ++run.solved_frames;
            run.problems.push_back(detail::prepare_frame(model, ws, scenario_frame_input(model, s, q, i)).assembled.problem);
        }
    }
    return run;
}

int batch_throughput(const Model& model, const std::string& data_dir, int threads, std::ostream& out) {
    const std::vector<Scenario> scenarios = library(data_dir, out);
    int frames = 0;
    for (const Scenario& s : scenarios) frames += s.frames;
    auto run = [&](int n_threads, std::vector<SimulationResult>& results) {
        results.assign(scenarios.size(), SimulationResult{});
        std::atomic<std::size_t> next{0};
        auto worker = [&] {
            for (std::size_t k = next++; k < scenarios.size(); k = next++) results[k] = simulate(model, scenarios[k]);
        };
        const auto a = std::chrono::steady_clock::now();
        std::vector<std::thread> pool;
        for (int t = 0; t < n_threads; ++t) pool.emplace_back(worker);
        for (auto& t : pool) t.join();
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
    };
    std::vector<SimulationResult> serial, parallel;
    const double t1 = run(1, serial);
    const double tn = run(threads, parallel);
    bool identical = true;
    for (std::size_t k = 0; k < scenarios.size(); ++k)
        identical = identical && serial[k].compression == parallel[k].compression &&
                    serial[k].muscle_force == parallel[k].muscle_force;
    char line[256];
    std::snprintf(line, sizeof line,
                  "batch throughput, whole scenario library (%zu scenarios, %d frames, posture solver + analysis):\n"
                  "  1 thread : %8.2f s  %8.1f frames/s\n  %d threads: %8.2f s  %8.1f frames/s  (speed-up %.2f)\n"
                  "  results identical across thread counts: %s\n",
                  scenarios.size(), frames, t1, frames / t1, threads, tn, frames / tn, t1 / tn, identical ? "yes" : "NO");
    out << line;
    return identical ? 0 : 1;
}

}  // namespace spinesim::bench
