// Passive structures: lumbar motion segments (moment-angle curves) and stretched muscle fibres.
#pragma once

#include "spinesim/kinematics.hpp"

namespace spinesim::detail {

// Generalised passive moments of one lumbar joint's coordinates (flexion, lateral bending, axial rotation), N·m:
// the value of the moment-angle curve, positive when the tissue resists positive motion.
Vec3 motion_segment_resistance(const Model& model, const Posture& q, int joint);

// Generalised stiffness of the same curves, d(resistance)/dq, N·m/rad per coordinate (> 0 for the published curves):
// the change of passive moment when the level deviates from its rhythm angle (linearised at q).
Vec3 motion_segment_stiffness(const Model& model, const Posture& q, int joint);

// The same as a world moment on the superior (child) vertebra: J^-T (-resistance), J = the coordinate axes.
Vec3 motion_segment_moment(const Model& model, const Workspace& ws, int joint);

// Passive fibre force of every muscle (N) from its stretch relative to the reference posture.
Eigen::VectorXd passive_muscle_forces(const Model& model, const Workspace& ws);

double evaluate_curve(const MomentAngleCurve& curve, double angle_deg);
// d evaluate_curve / d angle, N·m/deg.
double curve_slope(const MomentAngleCurve& curve, double angle_deg);

}  // namespace spinesim::detail
