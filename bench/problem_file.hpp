// A plain binary file of sharing problems, read by bench/scipy_slsqp.py (little-endian, no padding):
//
//   char[8]  "SPSHARE1"
//   uint32   count
//   count times:
//     uint32 n, uint32 m
//     float64 reference_stress, contact_regularisation, minmax_quadratic_weight
//     float64 A[m][n] (row-major), b[m], lower[n], upper[n] (+inf allowed), size[n]
//     uint8   kind[n]                 (0 muscle, 1 contact generator)
//     float64 objective[3]            (spinesim's optimum for SumStressSquared, SumStressCubed, MinMaxStress;
//                                      NaN if not solved)
#pragma once

#include <spinesim/sharing_problem.hpp>

#include <array>
#include <string>
#include <vector>

namespace spinesim::bench {

using ObjectiveTriple = std::array<double, 3>;

// Throws std::runtime_error if the file cannot be written.
void write_problem_file(const std::string& path, const std::vector<SharingProblem>& problems,
                        const std::vector<ObjectiveTriple>& objectives);

}  // namespace spinesim::bench
