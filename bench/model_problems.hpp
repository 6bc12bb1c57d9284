// Full-model sharing problems: every solved frame of the scenario library, re-assembled exactly as the frame
// analysis builds it (290 fascicles + contact generators, 21 equilibrium rows + 6 whole-body rows).
#pragma once

#include <spinesim/model.hpp>
#include <spinesim/scenario.hpp>
#include <spinesim/sharing_problem.hpp>
#include <spinesim/simulation.hpp>

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace spinesim::bench {

struct LibraryRun {
    std::vector<SharingProblem> problems;   // one per solved frame
    int frames = 0;                         // frames simulated (solved or not)
    int solved_frames = 0;
};

// Every scenario of data_dir/scenarios (with overrides applied); those that fail to load are named in log and skipped.
std::vector<Scenario> library(const std::string& data_dir, std::ostream& log,
                              const std::map<std::string, std::string>& overrides = {});

// simulate() of every scenario, split across `threads` threads (each takes the next scenario); results in order.
std::vector<SimulationResult> simulate_all(const Model& model, const std::vector<Scenario>& scenarios, int threads);

// Simulates every scenario in data_dir/scenarios for the model's subject and collects the problems of solved frames.
LibraryRun library_problems(const Model& model, const std::string& data_dir, std::ostream& log);

// Times simulate() over the whole scenario library with 1 thread and with `threads` threads (scenarios split
// across threads), prints frames per second for both and the speed-up, and checks that the results are identical.
int batch_throughput(const Model& model, const std::string& data_dir, int threads, std::ostream& out);

// Times the strength search over the whole scenario library, coupled (each scenario's balance) and per-level, 1 thread:
// simulate() of every scenario and, where its muscles cannot hold some frames, again at the smallest factor that
// holds every frame (the CLI's --strength auto); and the searches alone (strength_needed() of every unheld frame,
// galloping from the previous frame's answer as simulate() does), per unheld frame. Returns non-zero if a search
// disagrees with simulate()'s.
int strength_search_throughput(const Model& model, const std::string& data_dir, std::ostream& out);

}  // namespace spinesim::bench
