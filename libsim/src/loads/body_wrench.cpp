#include "loads/body_wrench.hpp"

#include "spinesim/error.hpp"
#include "spinesim/number_text.hpp"

#include <cmath>

namespace spinesim::detail {

namespace {

// Rotation vector of a rotation matrix (log map), world frame.
Vec3 rotation_vector(const Mat3& r) {
    const Eigen::AngleAxisd aa(r);
    return aa.axis() * aa.angle();
}

// Adds a force f applied at world point p on segment s to every subtree containing s and to the whole body.
void add_force(const Model& model, const Workspace& ws, AppliedLoads& out, int s, const Vec3& p, const Vec3& f) {
    for (std::size_t j = 0; j < model.joints.size(); ++j) {
        if (!model.subtree[j][s]) continue;
        out.on_subtree[j].force += f;
        out.on_subtree[j].moment += (p - ws.joint_centre[j]).cross(f);
    }
    out.on_body.force += f;
    out.on_body.moment += p.cross(f);
}

void add_moment(const Model& model, AppliedLoads& out, int s, const Vec3& m) {
    for (std::size_t j = 0; j < model.joints.size(); ++j)
        if (model.subtree[j][s]) out.on_subtree[j].moment += m;
    out.on_body.moment += m;
}

}  // namespace

SegmentMotion segment_motion(const Model& model, const Workspace& ws, const FrameInput& input) {
    const std::size_t ns = model.segments.size();
    SegmentMotion m;
    m.com_acceleration.assign(ns, Vec3::Zero());
    m.angular_velocity.assign(ns, Vec3::Zero());
    m.angular_acceleration.assign(ns, Vec3::Zero());
    m.point_acceleration.assign(input.held_mass_points.size(), Vec3::Zero());
    if (!input.q_previous || !input.q_next) return m;
    const double h = input.time_step;
    if (!(h > 0) || !std::isfinite(h)) throw InputError("frame", "time_step", number_text(h), "must be > 0 with neighbouring postures");
    Workspace before(model), after(model);
    update_kinematics(model, *input.q_previous, before);
    update_kinematics(model, *input.q_next, after);
    for (std::size_t s = 0; s < ns; ++s) {
        const Vec3& c = model.segments[s].com;
        m.com_acceleration[s] = (after.pose[s] * c - 2.0 * (ws.pose[s] * c) + before.pose[s] * c) / (h * h);
        const Vec3 w_minus = rotation_vector(ws.pose[s].linear() * before.pose[s].linear().transpose()) / h;
        const Vec3 w_plus = rotation_vector(after.pose[s].linear() * ws.pose[s].linear().transpose()) / h;
        m.angular_velocity[s] = 0.5 * (w_minus + w_plus);
        m.angular_acceleration[s] = (w_plus - w_minus) / h;
    }
    for (std::size_t k = 0; k < input.held_mass_points.size(); ++k) {
        const BodyPoint& p = model.points[model.point_index(input.held_mass_points[k])];
        m.point_acceleration[k] =
            (after.pose[p.segment] * p.location - 2.0 * (ws.pose[p.segment] * p.location) + before.pose[p.segment] * p.location) / (h * h);
    }
    return m;
}

AppliedLoads applied_loads(const Model& model, const Workspace& ws, const FrameInput& input, const SegmentMotion* motion) {
    AppliedLoads out;
    out.on_subtree.assign(model.joints.size(), Wrench{});
    const Vec3 g(0, -model.gravity, 0);
    for (std::size_t s = 0; s < model.segments.size(); ++s) {
        const Segment& seg = model.segments[s];
        const Vec3 com = ws.pose[s] * seg.com;
        Vec3 f = seg.mass * g;
        if (motion) {
            f -= seg.mass * motion->com_acceleration[s];
            const Mat3 r = ws.pose[s].linear();
            const Mat3 inertia_world = r * seg.inertia * r.transpose();
            const Vec3& w = motion->angular_velocity[s];
            add_moment(model, out, static_cast<int>(s),
                       -(inertia_world * motion->angular_acceleration[s] + w.cross(inertia_world * w)));
        }
        add_force(model, ws, out, static_cast<int>(s), com, f);
    }
    for (const ExternalLoad& load : input.loads)
        add_force(model, ws, out, load.segment, ws.pose[load.segment] * load.location, load.force);
    if (input.held_mass_kg > 0 && !input.held_mass_points.empty()) {
        const double share = input.held_mass_kg / static_cast<double>(input.held_mass_points.size());
        for (std::size_t k = 0; k < input.held_mass_points.size(); ++k) {
            const BodyPoint& p = model.points[model.point_index(input.held_mass_points[k])];
            Vec3 f = share * g;
            if (motion) f -= share * motion->point_acceleration[k];
            add_force(model, ws, out, p.segment, ws.pose[p.segment] * p.location, f);
        }
    }
    return out;
}

}  // namespace spinesim::detail
