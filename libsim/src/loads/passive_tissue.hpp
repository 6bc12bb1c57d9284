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

// The part of the resistance carried as a pure moment (the disc and every structure not modelled as a ligament line):
// the intact curves minus the ligament lines' flexion resistance in pure flexion of the level
// (LumbarLevel::ligament_flexion_table), so that disc + lines reproduce the intact flexion curve.
Vec3 disc_resistance(const Model& model, const Posture& q, int joint);

// The pure-moment part (disc_resistance) as a world moment on the superior (child) vertebra: J^-T (-resistance),
// J = the coordinate axes. The ligament lines add their forces separately (ligament_forces.hpp).
Vec3 motion_segment_moment(const Model& model, const Workspace& ws, int joint);

// Passive fibre force of every muscle (N) from its stretch relative to the reference posture.
Eigen::VectorXd passive_muscle_forces(const Model& model, const Workspace& ws);

double evaluate_curve(const MomentAngleCurve& curve, double angle_deg);
// d evaluate_curve / d angle, N·m/deg.
double curve_slope(const MomentAngleCurve& curve, double angle_deg);

}  // namespace spinesim::detail
