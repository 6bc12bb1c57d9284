// The on-disk vocabulary shared by the HDF5 writer, the reader and the CSV writer: dataset names and units, the
// sign-convention text and the temporary-group prefix used for atomic writes (criterion names: sharing_problem.hpp).
#pragma once

#include "spinesim/sharing_problem.hpp"

#include <string>

#ifndef SPINESIM_VERSION
#define SPINESIM_VERSION "unknown"
#endif

namespace spinesim::results {

inline constexpr const char* kSignConvention =
    "disc frame of the inferior vertebra; compression positive; shear_ap positive = superior vertebra loaded "
    "anteriorly; shear_lateral positive = superior vertebra loaded to the right; moments positive = extensor "
    "(tissue, passive muscle) resp. flexion (external)";

inline constexpr const char* kVersion = SPINESIM_VERSION;

// A group being written lives under this prefix until it is complete, then is renamed (H5Lmove) to its final name.
inline constexpr const char* kTemporaryPrefix = ".incomplete.";
inline constexpr const char* kReplacedPrefix = ".replaced.";

inline constexpr const char* kCoordinateUnits = "rad (rotations) or m (translations: *.tx, *.ty, *.tz)";

// Per-level datasets (frames x levels) and their units, in writing order.
struct LevelDataset {
    const char* name;
    const char* units;
};
inline constexpr LevelDataset kLevelDatasets[] = {
    {"compression", "N"},        {"shear_ap", "N"},
    {"shear_lateral", "N"},      {"tissue_moment", "N*m"},
    {"passive_muscle_moment", "N*m"}, {"external_moment", "N*m"},
    {"intradiscal_pressure", "Pa"}, {"flexion_deviation", "rad"},
    {"coupling_moment", "N*m"},  {"ligament_moment", "N*m"},
    {"ligament_force", "N"},
};

}  // namespace spinesim::results
