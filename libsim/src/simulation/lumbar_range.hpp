// Whole-lumbar range of motion in the posture solver. Box bounds keep each free lumbar coordinate inside its own
// level's limits, but the sum over the five levels (the whole-lumbar angle) can still leave the whole-lumbar range of
// lumbar_rhythm.toml (Model::whole_lumbar_lower/upper): the per-level limits alone allow 90 deg of flexion. A residual
// block per component keeps the sum inside (zero inside the range, stiffly proportional to the excess outside), and
// the solved posture is checked against the range afterwards.
#pragma once

#include "simulation/posture_problem.hpp"

#include <string>

namespace ceres {
class Problem;
}

namespace spinesim::detail {

// How far (rad) a solved whole-lumbar angle may lie beyond its range before the frame is reported: 0.1 deg, a fifth of
// the angle-target tolerance; the penalty leaves a few thousandths of a degree.
constexpr double kLumbarRangeTolerance = 0.1 * 3.14159265358979323846 / 180.0;

// Sum over the lumbar levels of coordinate `component` (0 flexion, 1 lateral bending, 2 axial rotation), rad.
double whole_lumbar_angle(const Model& model, const Posture& q, int component);

// Adds to `ceres_problem` one residual block on the free-coordinate vector `x` (problem.free order) per component
// that has a finite whole-lumbar range and at least one free lumbar coordinate: `scale` x the whole-lumbar angle's
// distance (rad) beyond the range, zero inside it. `base` holds the coordinates that are not free.
void add_lumbar_range_residuals(const PostureProblem& problem, const Posture& base, double scale, double* x,
                                ceres::Problem& ceres_problem);

// "" when every whole-lumbar angle of q lies in its range (within `tolerance`, rad), else e.g. "whole-lumbar flexion
// 70 deg beyond its range of motion [-26, 60] deg", one clause per component, "; "-separated.
std::string lumbar_range_violations(const Model& model, const Posture& q, double tolerance = kLumbarRangeTolerance);

}  // namespace spinesim::detail
