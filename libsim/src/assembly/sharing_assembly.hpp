// Builds the muscle-sharing problem of one frame. Unknowns: active muscle forces, contact generator magnitudes and
// three "level" variables per lumbar level (one per coordinate: flexion, lateral bending, axial rotation). Equality
// rows: moment equilibrium of every muscle-balanced joint (3 rows each), whole-body equilibrium (6 rows), and one
// coupling row per lumbar coordinate. The level variables depend on the LumbarBalance:
//
// PerLevel: the deviation d of the level from its rhythm angle [rad], |d| <= rhythm_deviation_limit, changing the
//   passive motion-segment moment by -K_k d (K_k its stiffness at the current angle, linearised; muscle moment arms
//   and segment positions kept at the rhythm posture, first order in d). Coupling row: sum_l d_l = 0 (the
//   whole-lumbar angle the scenario prescribes is kept). See docs/model.md "Rhythm deviations".
// RhythmCoupled: the generalised constraint moment tau of the rhythm coupler at the level [N·m], free. Coupling row:
//   sum_l share_l tau_l = 0 (the coupler does no work along the motion it allows).
// Costed arm actuators (shoulders, elbows, data/model/arm_strength.toml): see AssembledProblem::actuated_joints.
#pragma once

#include "loads/body_wrench.hpp"
#include "spinesim/frame_analysis.hpp"
#include "spinesim/lumbar_balance.hpp"

#include <vector>

namespace spinesim::detail {

struct ContactBasis {
    std::vector<Vec3> generators;  // world force per unit generator magnitude
};

struct AssembledProblem {
    SharingProblem problem;
    std::vector<int> balanced_joints;            // joint index of each 3-row block
    std::vector<ContactBasis> contact_basis;     // per contact
    std::vector<Vec3> contact_points;            // world
    int muscle_count = 0;
    LumbarBalance balance = LumbarBalance::PerLevel;
    int deviation_column = 0;                    // first level-variable column; level l, coordinate k at + 3 l + k
    // World moment on the superior vertebra of level l per unit level variable of coordinate k (column k):
    // N·m/rad (PerLevel deviations) or N·m/N·m (RhythmCoupled constraint moments).
    std::vector<Mat3> deviation_moment;          // per lumbar level
    // Costed arm actuators (Joint::actuator_costed): one row per rotational coordinate of each such joint, after
    // the coupling rows: the moment about the coordinate's axis (world unit vector, fixed in the child segment) that
    // everything acting on the child subtree leaves, carried by two non-negative actuator variables (positive and
    // negative direction, columns from actuator_column on), each of kind Muscle with size strength / specific
    // tension, so that its cost is that of a muscle at the same activation under every criterion.
    std::vector<int> actuated_joints;            // joint index per costed joint
    std::vector<std::vector<Vec3>> actuator_axes;  // per costed joint, per coordinate
    int actuator_column = 0;                     // coordinate c (counted over all costed joints): + 2 c (+), + 2 c + 1 (-)
    int actuator_row = 0;                        // coordinate c at + c
};

// Four edges n + mu t of a linearised friction cone; t along +-heading and +-(n x heading) in the contact plane.
ContactBasis friction_pyramid(const Contact& contact, const Vec3& heading);

AssembledProblem assemble_sharing(const Model& model, const Workspace& ws, const FrameInput& input,
                                  const AppliedLoads& applied, const std::vector<Vec3>& tissue_moment,
                                  const Eigen::VectorXd& passive_force, LumbarBalance balance);

}  // namespace spinesim::detail
