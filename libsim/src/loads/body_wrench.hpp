// Forces and moments of gravity, inertia and known external loads, summed per joint subtree.
#pragma once

#include "spinesim/frame_analysis.hpp"

#include <vector>

namespace spinesim::detail {

struct Wrench {
    Vec3 force = Vec3::Zero();
    Vec3 moment = Vec3::Zero();  // about the reference point named by the owner
};

struct AppliedLoads {
    std::vector<Wrench> on_subtree;  // per joint: on the child subtree, moment about the joint centre
    Wrench on_body;                  // whole body, moment about the world origin
};

// Segment COM accelerations and angular velocity/acceleration by central differences of the neighbouring postures.
struct SegmentMotion {
    std::vector<Vec3> com_acceleration, angular_velocity, angular_acceleration;  // world
    std::vector<Vec3> point_acceleration;  // per held-mass grip point
};

SegmentMotion segment_motion(const Model& model, const Workspace& ws, const FrameInput& input);

AppliedLoads applied_loads(const Model& model, const Workspace& ws, const FrameInput& input, const SegmentMotion* motion);

}  // namespace spinesim::detail
