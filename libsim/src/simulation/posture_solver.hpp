// Frame posture from the targets: weighted least squares over the free coordinates (Ceres, bounded to the range
// of motion, free lumbar coordinates together to the whole-lumbar range), other coordinates fixed at their targets.
#pragma once

#include "simulation/posture_problem.hpp"

#include <string>

namespace spinesim::detail {

// Tolerances that define "met" for hard targets, and the residual scaling of the least-squares problem.
constexpr double kLengthTolerance = 1e-3;                                    // m
constexpr double kAngleTolerance = 0.5 * 3.14159265358979323846 / 180.0;     // rad

struct PostureSolution {
    Posture q;
    double rms = 0.0;      // RMS of raw residuals, lengths in mm and angles in degrees
    std::string missed;    // empty, or which hard targets are missed and by how much, and any whole-lumbar angle
                           // beyond its range of motion
};

// Solves at `phase`, starting the free coordinates from `start` (the previous frame, or any posture). ws must be
// a Workspace of problem.model.
PostureSolution solve_posture(const PostureProblem& problem, double phase, const Posture& start, Workspace& ws);

}  // namespace spinesim::detail
