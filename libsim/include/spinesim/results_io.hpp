// Results on disk: HDF5 (one group per scenario run, datasets with units and parameters as attributes) and CSV.
#pragma once

#include "spinesim/simulation.hpp"

#include <string>
#include <vector>

namespace spinesim {

// Writes (or, with overwrite, replaces) group /<group> in the HDF5 file `path`, creating the file if needed.
// Writes atomically per group: a failed write never leaves a half-written group behind. Throws InputError naming
// the path when it cannot be written, or when the group exists and overwrite is false.
void write_hdf5(const SimulationResult& result, const std::string& path, const std::string& group, bool overwrite);
// Throws InputError naming the path and group unless the group name is usable (non-empty, no '/', no leading '.');
// write_hdf5 checks it too, but a command can check before a long run.
void validate_group_name(const std::string& path, const std::string& group);

std::vector<std::string> hdf5_groups(const std::string& path);

// Reads the per-level loads and muscle forces back (for comparisons and for Python).
SimulationResult read_hdf5(const std::string& path, const std::string& group);

// One row per frame: time, per-level compression/shear/IDP, muscle-group forces.
void write_csv(const SimulationResult& result, const std::string& path);

}  // namespace spinesim
