// The required loads of one frame, ready for muscle sharing: kinematics, applied loads (gravity, inertia, external),
// passive tissue moments, passive muscle forces and the assembled sharing problem.
#pragma once

#include "assembly/sharing_assembly.hpp"
#include "loads/body_wrench.hpp"
#include "spinesim/frame_analysis.hpp"

#include <vector>

namespace spinesim::detail {

struct FrameProblem {
    AppliedLoads applied;
    // per joint, world, on the child subtree (lumbar levels only; zero elsewhere): the motion segment's pure moment
    // plus the moment of the ligament lines about the joint centre, and the net force of the ligament lines
    std::vector<Vec3> tissue_moment, tissue_force;
    Eigen::VectorXd ligament_tension;  // per Model::ligaments line, N
    Eigen::VectorXd passive_force;     // per muscle, N
    AssembledProblem assembled;
};

// Updates ws to input.q and builds everything analyse_frame solves (no input validation here).
FrameProblem prepare_frame(const Model& model, Workspace& ws, const FrameInput& input,
                           LumbarBalance balance = kDefaultLumbarBalance);

// prepare_frame() in its two steps, for a caller that solves one posture at several muscle strengths (the strength
// search): the first does not depend on the muscles' maximal forces (kinematics into ws, applied loads, motion
// segment and ligament loads); the second does (passive muscle forces, which scale with the maximal force, and the
// assembled problem with its force bounds) and may be repeated with models that differ only in Muscle::max_force.
FrameProblem prepare_frame_loads(const Model& model, Workspace& ws, const FrameInput& input);
void assemble_frame(const Model& model, const Workspace& ws, const FrameInput& input, FrameProblem& frame,
                    LumbarBalance balance);

// analyse_frame()'s input checks (throws InputError).
void validate_frame_input(const Model& model, const FrameInput& input, const AnalysisOptions& options);

}  // namespace spinesim::detail
