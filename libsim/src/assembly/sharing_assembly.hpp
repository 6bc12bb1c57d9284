// Builds the muscle-sharing problem of one frame. Unknowns: active muscle forces, contact generator magnitudes and
// the deviation of each lumbar level from the rhythm (3 coordinates per level, signed, bounded by the model's
// rhythm_deviation_limit). Equality rows: moment equilibrium of every muscle-balanced joint (3 rows each), whole-body
// equilibrium (6 rows), and "the deviations sum to zero" per lumbar coordinate (3 rows: the whole-lumbar angle the
// scenario prescribes is kept).
//
// A deviation d of one level's coordinate k changes that level's passive motion-segment moment by -K_k d (K_k its
// stiffness at the current angle, linearised); muscle moment arms and the positions of the segments above are kept
// at the rhythm posture (first-order in d, at most 2 deg). See docs/model.md "Rhythm deviations".
#pragma once

#include "loads/body_wrench.hpp"
#include "spinesim/frame_analysis.hpp"

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
    int deviation_column = 0;                    // first deviation column; level l, coordinate k at + 3 l + k
    // World moment on the superior vertebra of level l per unit deviation (rad) of coordinate k: column k.
    std::vector<Mat3> deviation_moment;          // per lumbar level, N·m/rad
};

// Four edges n + mu t of a linearised friction cone; t along +-heading and +-(n x heading) in the contact plane.
ContactBasis friction_pyramid(const Contact& contact, const Vec3& heading);

AssembledProblem assemble_sharing(const Model& model, const Workspace& ws, const FrameInput& input,
                                  const AppliedLoads& applied, const std::vector<Vec3>& tissue_moment,
                                  const Eigen::VectorXd& passive_force);

}  // namespace spinesim::detail
