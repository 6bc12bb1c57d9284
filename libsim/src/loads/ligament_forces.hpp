// Posterior ligaments of the lumbar levels as straight tension-only lines (posterior_ligaments.toml): tension from
// length, their flexion resistance in pure flexion of one level (the part of the intact curve they take over from the
// disc), and the calibration of their stiffness when the model is loaded.
#pragma once

#include "spinesim/kinematics.hpp"

#include <array>
#include <string>
#include <vector>

namespace spinesim::detail {

// Tension (N) of a line at length L (m): stiffness * (L - slack)^2 above the slack length, zero below.
double ligament_tension(const Ligament& ligament, double length);

// Tension of every line at the state in ws (ws.ligament_length), N.
Eigen::VectorXd ligament_tensions(const Model& model, const Workspace& ws);

// One line in pure flexion of its level alone (flexion coordinate `flexion`, rad, the other two zero), in the
// inferior vertebra's frame: length (m) and the flexion resistance per unit tension (m, positive resisting flexion).
struct LinePose {
    double length = 0.0;
    double flexion_arm = 0.0;
};
LinePose pure_flexion_pose(const Model& model, const Ligament& ligament, double flexion);

// Flexion resistance of all lines of lumbar level `level` in pure flexion of that level (N·m, positive resisting
// flexion): the tabulated value (LumbarLevel::ligament_flexion_table, linear interpolation, linear extrapolation
// beyond the end, zero table = zero).
double ligament_flexion_table_value(const LumbarLevel& level, double flexion);

// The end-of-range calibration read from posterior_ligaments.toml.
struct LigamentCalibration {
    double interspinous_supraspinous_force = 0.0;  // N, both together at the end of the level's flexion range
    double interspinous_fraction = 0.0;            // of that force
    double share_supraspinous_interspinous = 0.0;  // shares of the full-flexion resistance (only ratios used)
    double share_capsular = 0.0;
    double share_flavum = 0.0;
};

// Slack lengths (reference posture), stiffnesses (calibration at each level's flexion limit) and the per-level pure
// flexion tables, for the lines already in model.ligaments. Throws InputError for an unknown group or a line that
// does not lengthen in flexion.
void calibrate_ligaments(Model& model, const LigamentCalibration& calibration);

}  // namespace spinesim::detail
