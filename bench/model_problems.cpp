#include "model_problems.hpp"

#include "analysis/frame_problem.hpp"

#include <spinesim/error.hpp>
#include <spinesim/scenario.hpp>
#include <spinesim/simulation.hpp>
#include <spinesim/strength_needed.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <cmath>
#include <limits>
#include <cstdio>
#include <thread>

namespace spinesim::bench {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<Posture> postures(const SimulationResult& r) {
    std::vector<Posture> q;
    for (Eigen::Index i = 0; i < r.coordinates.rows(); ++i) q.push_back(r.coordinates.row(i).transpose());
    return q;
}

}  // namespace

std::vector<Scenario> library(const std::string& data_dir, std::ostream& log,
                              const std::map<std::string, std::string>& overrides) {
    std::vector<Scenario> scenarios;
    for (const std::string& name : list_scenarios(data_dir)) {
        try {
            scenarios.push_back(load_scenario(scenario_path(data_dir, name), overrides));
        } catch (const InputError& e) {
            log << "  skipped " << name << ": " << e.what() << "\n";
        }
    }
    return scenarios;
}

std::vector<SimulationResult> simulate_all(const Model& model, const std::vector<Scenario>& scenarios, int threads) {
    std::vector<SimulationResult> results(scenarios.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t k = next++; k < scenarios.size(); k = next++) results[k] = simulate(model, scenarios[k]);
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    return results;
}

LibraryRun library_problems(const Model& model, const std::string& data_dir, std::ostream& log) {
    LibraryRun run;
    Workspace ws(model);
    for (const Scenario& s : library(data_dir, log)) {
        const SimulationResult r = simulate(model, s);
        const std::vector<Posture> q = postures(r);
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
        const auto a = std::chrono::steady_clock::now();
        results = simulate_all(model, scenarios, n_threads);
        return seconds_since(a);
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

int strength_search_throughput(const Model& model, const std::string& data_dir, std::ostream& out) {
    out << "strength search over the whole scenario library (--strength auto: again at the factor that holds every "
           "frame; 1 thread):\n";
    bool agree = true;
    for (const char* balance : {"coupled", "per_level"}) {
        const std::vector<Scenario> scenarios = library(data_dir, out, {{"lumbar_balance", balance}});
        int frames = 0, unheld = 0;
        std::vector<SimulationResult> first;
        const auto a = std::chrono::steady_clock::now();
        for (const Scenario& s : scenarios) {
            first.push_back(simulate(model, s));
            frames += s.frames;
            const double needed = first.back().strength_to_hold_all();
            if (std::isfinite(needed)) simulate(with_strength_scale(model, needed), s);
        }
        const double t_auto = seconds_since(a);
        // The searches alone, as simulate() runs them.
        double t_search = 0.0;
        for (std::size_t k = 0; k < scenarios.size(); ++k) {
            const Scenario& s = scenarios[k];
            const SimulationResult& r = first[k];
            const std::vector<Posture> q = postures(r);
            AnalysisOptions options;
            options.solver.criterion = s.criterion;
            options.lumbar_balance = s.lumbar_balance;
            double hint = std::numeric_limits<double>::quiet_NaN();
            for (int i = 0; i < s.frames; ++i) {
                const std::string& status = r.frame_status[static_cast<std::size_t>(i)];
                if (status.find("muscles cannot hold") == std::string::npos) continue;
                const FrameInput in = scenario_frame_input(model, s, q, i);
                const auto b = std::chrono::steady_clock::now();
                const double needed = strength_needed(model, in, options, model.subject.strength_scale,
                                                      kMaxStrengthScale, 0.01, hint, true);
                t_search += seconds_since(b);
                ++unheld;
                const double reported = r.strength_needed[i];
                agree = agree && (needed == reported || (std::isinf(needed) && std::isinf(reported)));
                if (std::isfinite(needed)) hint = needed;
            }
        }
        char line[256];
        std::snprintf(line, sizeof line,
                      "  %-9s: %4d frames, %3d unheld: %6.2f s  %7.1f frames/s; the searches alone %6.2f ms per "
                      "unheld frame\n",
                      balance, frames, unheld, t_auto, frames / t_auto, unheld ? 1e3 * t_search / unheld : 0.0);
        out << line;
    }
    out << "  searches agree with simulate(): " << (agree ? "yes" : "NO") << "\n";
    return agree ? 0 : 1;
}

}  // namespace spinesim::bench
