#include "analysis/frame_problem.hpp"

#include "loads/ligament_forces.hpp"
#include "loads/passive_tissue.hpp"

namespace spinesim::detail {

FrameProblem prepare_frame(const Model& model, Workspace& ws, const FrameInput& input, LumbarBalance balance) {
    FrameProblem f = prepare_frame_loads(model, ws, input);
    assemble_frame(model, ws, input, f, balance);
    return f;
}

FrameProblem prepare_frame_loads(const Model& model, Workspace& ws, const FrameInput& input) {
    update_kinematics(model, input.q, ws);
    const bool dynamic = input.q_previous && input.q_next;
    SegmentMotion motion;
    if (dynamic) motion = segment_motion(model, ws, input);
    FrameProblem f;
    f.applied = applied_loads(model, ws, input, dynamic ? &motion : nullptr);
    f.tissue_moment.assign(model.joints.size(), Vec3::Zero());
    f.tissue_force.assign(model.joints.size(), Vec3::Zero());
    for (const LumbarLevel& level : model.lumbar_levels) f.tissue_moment[level.joint] = motion_segment_moment(model, ws, level.joint);
    // ligament lines: internal forces between two vertebrae, a load on the subtree of the level they cross
    f.ligament_tension = ligament_tensions(model, ws);
    const int nl = static_cast<int>(model.ligaments.size());
    for (std::size_t j = 0; j < model.joints.size() && nl > 0; ++j) {
        f.tissue_moment[j] += ws.ligament_moment.block(3 * static_cast<Eigen::Index>(j), 0, 3, nl) * f.ligament_tension;
        f.tissue_force[j] += ws.ligament_direction.block(3 * static_cast<Eigen::Index>(j), 0, 3, nl) * f.ligament_tension;
    }
    return f;
}

void assemble_frame(const Model& model, const Workspace& ws, const FrameInput& input, FrameProblem& f,
                    LumbarBalance balance) {
    f.passive_force = passive_muscle_forces(model, ws);
    f.assembled = assemble_sharing(model, ws, input, f.applied, f.tissue_moment, f.passive_force, balance);
}

}  // namespace spinesim::detail
