// Builds the muscle-sharing problem of one frame: unknown active muscle forces and contact generator magnitudes,
// equality rows = moment equilibrium of every muscle-balanced joint (3 rows each) + whole-body equilibrium (6 rows).
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
};

// Four edges n + mu t of a linearised friction cone; t along +-heading and +-(n x heading) in the contact plane.
ContactBasis friction_pyramid(const Contact& contact, const Vec3& heading);

AssembledProblem assemble_sharing(const Model& model, const Workspace& ws, const FrameInput& input,
                                  const AppliedLoads& applied, const std::vector<Vec3>& tissue_moment,
                                  const Eigen::VectorXd& passive_force);

}  // namespace spinesim::detail
