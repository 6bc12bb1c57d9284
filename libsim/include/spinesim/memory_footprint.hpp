// Deep memory footprint of spinesim's objects, in bytes: the object itself (sizeof) plus the heap storage it owns,
// recursively (std::vector capacity, std::string capacity beyond the small-string buffer, Eigen dynamic matrices,
// std::map nodes). Allocator bookkeeping (malloc's ~16 B per block) is not counted, so this is what the objects
// hold, a little below what the heap spends on them. The benchmark (bench/memory_benchmark.cpp) prints these
// beside the measured peak resident memory.
#pragma once

#include "spinesim/frame_analysis.hpp"
#include "spinesim/kinematics.hpp"
#include "spinesim/model.hpp"
#include "spinesim/sharing_problem.hpp"
#include "spinesim/simulation.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace spinesim {

std::size_t memory_footprint(const Model& model);
std::size_t memory_footprint(const Workspace& ws);
std::size_t memory_footprint(const SharingProblem& problem);
std::size_t memory_footprint(const FrameResult& result);
std::size_t memory_footprint(const SimulationResult& result);

// Where the footprint goes: the heap bytes of each member that owns heap storage (e.g. "muscles", "subtree" of the
// Model; "muscle_moment" of the Workspace), largest first. sizeof(object) + the sum of the parts = memory_footprint.
struct MemoryPart {
    std::string name;
    std::size_t bytes = 0;
};
std::vector<MemoryPart> memory_parts(const Model& model);
std::vector<MemoryPart> memory_parts(const Workspace& ws);

}  // namespace spinesim
