// Memory figures of spinesim-bench: deep sizes of the model, a workspace and the results, and the peak resident
// memory of the batch, of the sharing solver and of Ipopt on identical problems, each in its own forked child
// (details at the top of memory_benchmark.cpp).
#pragma once

#include <spinesim/model.hpp>
#include <spinesim/sharing_problem.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace spinesim::bench {

// Deep sizes (spinesim/memory_footprint.hpp) of the model, of one Workspace and of the state one simulate() call
// holds, and the peak resident memory of the whole-library batch with 1 and `threads` threads and of a long run
// (the library simulated once and four times: no growth, no leak), with the HDF5 bytes written per frame.
// Call it before the process grows (children are forked from it). Returns non-zero if a child failed.
int memory_without_problems(const Model& model, const std::string& data_dir, int threads, std::ostream& out);

// Peak resident memory of the sharing solver and of Ipopt (same scaled problems, all three criteria) on the first
// `frames` problems, over a floor child forked from the same parent (which holds the problems).
int memory_of_solvers(const std::vector<SharingProblem>& problems, int frames, std::ostream& out);

}  // namespace spinesim::bench
