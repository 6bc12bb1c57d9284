#include "spinesim/kinematics.hpp"

#include "kinematics/rotation.hpp"
#include "kinematics/wrap_cylinder.hpp"

#include <algorithm>

namespace spinesim {

Workspace::Workspace(const Model& model)
    : q(Posture::Zero(model.coordinate_count())),
      pose(model.segments.size(), Eigen::Isometry3d::Identity()),
      joint_centre(model.joints.size(), Vec3::Zero()),
      joint_axes(model.joints.size(), Mat3::Zero()),
      muscle_points(model.muscles.size()),
      muscle_length(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model.muscles.size()))),
      muscle_moment(Eigen::MatrixXd::Zero(3 * static_cast<Eigen::Index>(model.joints.size()),
                                          static_cast<Eigen::Index>(model.muscles.size()))),
      muscle_direction(Eigen::MatrixXd::Zero(3 * static_cast<Eigen::Index>(model.joints.size()),
                                             static_cast<Eigen::Index>(model.muscles.size()))),
      ligament_length(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model.ligaments.size()))),
      ligament_moment(Eigen::MatrixXd::Zero(3 * static_cast<Eigen::Index>(model.joints.size()),
                                            static_cast<Eigen::Index>(model.ligaments.size()))),
      ligament_direction(Eigen::MatrixXd::Zero(3 * static_cast<Eigen::Index>(model.joints.size()),
                                               static_cast<Eigen::Index>(model.ligaments.size()))),
      muscle_wrap(model.muscles.size()) {
    std::size_t longest = 0;
    for (std::size_t i = 0; i < model.muscles.size(); ++i) {
        muscle_points[i].resize(model.muscles[i].path.size());
        longest = std::max(longest, model.muscles[i].path.size());
    }
    active_points.resize(longest);
    path_points.resize(longest + 2);
    path_segments.resize(longest + 2);
}

Vec3 world_point(const Workspace& ws, int segment, const Vec3& local) { return ws.pose[segment] * local; }

void update_kinematics(const Model& model, const Posture& q, Workspace& ws) {
    ws.q = q;
    for (std::size_t jj = 0; jj < model.joints.size(); ++jj) {
        const Joint& j = model.joints[jj];
        const Eigen::Isometry3d parent = j.parent < 0 ? Eigen::Isometry3d::Identity() : ws.pose[j.parent];
        Eigen::Isometry3d child = parent;
        child.translate(j.location);
        Mat3 axes = Mat3::Zero();
        const double* qj = q.data() + std::max(j.first_coordinate, 0);
        switch (j.type) {
            case JointType::Free: {
                child = Eigen::Isometry3d::Identity();
                child.translate(Vec3(qj[0], qj[1], qj[2]));
                child.rotate(detail::joint_rotation(j, qj + 3, 3, &axes));
                break;
            }
            case JointType::Ball: child.rotate(detail::joint_rotation(j, qj, 3, &axes)); break;
            case JointType::Hinge: child.rotate(detail::joint_rotation(j, qj, 1, &axes)); break;
            case JointType::Weld: break;
        }
        ws.pose[j.child] = child;
        ws.joint_centre[jj] = child.translation();
        ws.joint_axes[jj] = parent.linear() * axes;
    }
    const int nj = static_cast<int>(model.joints.size());
    ws.muscle_moment.setZero();
    ws.muscle_direction.setZero();
    for (std::size_t i = 0; i < model.muscles.size(); ++i) {
        const Muscle& m = model.muscles[i];
        auto& pts = ws.muscle_points[i];
        // Conditional via points out of their range are not part of the path: the path runs through the active
        // points only (an inactive point keeps its world position in muscle_points for display).
        std::size_t active = 0;
        for (std::size_t k = 0; k < m.path.size(); ++k) {
            pts[k] = ws.pose[m.path[k].segment] * m.path[k].location;
            if (m.path[k].active(q)) ws.active_points[active++] = static_cast<int>(k);
        }
        // Wrapping: of the path segments that cross the cylinder's joint (one end on the cylinder's segment, the
        // other on the joint's child), the one whose wrap adds the least length (OpenSim's choice among the
        // segments a wrap applies to; OpenSim would also try segments lying wholly on one body).
        Workspace::MuscleWrap& wrap = ws.muscle_wrap[i];
        wrap.wrapped = false;
        double wrap_extra = 0, arc = 0;
        if (m.wrap >= 0) {
            const WrapCylinder& c = model.wrap_cylinders[m.wrap];
            const Eigen::Isometry3d cylinder = ws.pose[c.segment] * c.frame;
            const Eigen::Isometry3d to_cylinder = cylinder.inverse();
            const int child = model.joints[c.joint].child;
            Vec3 previous = to_cylinder * pts[ws.active_points[0]];
            for (std::size_t a = 1; a < active; ++a) {
                const Vec3 next = to_cylinder * pts[ws.active_points[a]];
                const int s0 = m.path[ws.active_points[a - 1]].segment, s1 = m.path[ws.active_points[a]].segment;
                if (!((s0 == c.segment && s1 == child) || (s0 == child && s1 == c.segment))) {
                    previous = next;
                    continue;
                }
                const detail::CylinderWrapResult w =
                    detail::wrap_cylinder(previous, next, c.radius, c.quadrant_axis, c.quadrant_sign);
                if (w.wrapped) {
                    const double extra = w.length - (next - previous).norm();
                    if (!wrap.wrapped || extra < wrap_extra) {
                        wrap.wrapped = true;
                        wrap.after = static_cast<int>(a - 1);  // index into active_points for now
                        wrap.t1 = cylinder * w.t1;
                        wrap.t2 = cylinder * w.t2;
                        wrap_extra = extra;
                        arc = w.length - (w.t1 - previous).norm() - (next - w.t2).norm();
                    }
                }
                previous = next;
            }
        }
        // The path as a point sequence: active points, with the tangent points inserted where the path wraps.
        int n = 0;
        auto& path = ws.path_points;
        auto& segment = ws.path_segments;
        for (std::size_t a = 0; a < active; ++a) {
            const int k = ws.active_points[a];
            path[n] = pts[k];
            segment[n++] = m.path[k].segment;
            if (wrap.wrapped && wrap.after == static_cast<int>(a)) {
                const int s = model.wrap_cylinders[m.wrap].segment;
                path[n] = wrap.t1;
                segment[n++] = s;
                path[n] = wrap.t2;
                segment[n++] = s;
            }
        }
        if (wrap.wrapped) wrap.after = ws.active_points[wrap.after];
        double length = 0;
        for (int a = 1; a < n; ++a) length += (path[a] - path[a - 1]).norm();
        if (wrap.wrapped) length += arc - (wrap.t2 - wrap.t1).norm();  // the helix, not the chord
        ws.muscle_length[i] = length;
        // Net pull at each path point: unit vectors towards its neighbours (unit tension). Summing moments of the
        // points that lie distal to a joint gives the moment the muscle exerts on that subtree; segments wholly
        // inside the subtree cancel. The two tangent points of a wrap pull on each other along their chord: both
        // lie on the wrapping segment, so these pulls cancel in every sum, leaving on that segment the resultant
        // of the two tangent-line forces, which is the load the muscle puts on the wrapping surface.
        for (int a = 0; a < n; ++a) {
            Vec3 pull = Vec3::Zero();
            if (a > 0) {
                const Vec3 d = path[a - 1] - path[a];
                const double norm = d.norm();
                if (norm > 0) pull += d / norm;
            }
            if (a + 1 < n) {
                const Vec3 d = path[a + 1] - path[a];
                const double norm = d.norm();
                if (norm > 0) pull += d / norm;
            }
            const int s = segment[a];
            for (int jj = 0; jj < nj; ++jj) {
                if (!model.subtree[jj][s]) continue;
                ws.muscle_moment.block<3, 1>(3 * jj, i) += (path[a] - ws.joint_centre[jj]).cross(pull);
                ws.muscle_direction.block<3, 1>(3 * jj, i) += pull;
            }
        }
    }
    // Posterior ligament lines: the same per unit tension for a two-point path (inferior -> superior vertebra).
    ws.ligament_moment.setZero();
    ws.ligament_direction.setZero();
    for (std::size_t i = 0; i < model.ligaments.size(); ++i) {
        const Ligament& l = model.ligaments[i];
        const Vec3 a = ws.pose[l.inferior] * l.inferior_point, b = ws.pose[l.superior] * l.superior_point;
        ws.ligament_length[static_cast<Eigen::Index>(i)] = (b - a).norm();
        const Vec3 pull_on_superior = (a - b).normalized();
        for (int jj = 0; jj < nj; ++jj) {
            const bool superior = model.subtree[jj][l.superior] != 0, inferior = model.subtree[jj][l.inferior] != 0;
            if (superior == inferior) continue;  // both or neither on the distal side: no net load on the subtree
            const Vec3 point = superior ? b : a;
            const Vec3 pull = superior ? pull_on_superior : Vec3(-pull_on_superior);
            ws.ligament_moment.block<3, 1>(3 * jj, static_cast<Eigen::Index>(i)) = (point - ws.joint_centre[jj]).cross(pull);
            ws.ligament_direction.block<3, 1>(3 * jj, static_cast<Eigen::Index>(i)) = pull;
        }
    }
}

double moment_arm(const Model& model, const Workspace& ws, int muscle, int coordinate) {
    const Coordinate& c = model.coordinates[coordinate];
    const Joint& j = model.joints[c.joint];
    const int k = coordinate - j.first_coordinate - (j.type == JointType::Free ? 3 : 0);
    if (!c.rotational || k < 0) return 0.0;
    return ws.joint_axes[c.joint].col(k).dot(ws.muscle_moment.block<3, 1>(3 * c.joint, muscle));
}

Vec3 centre_of_mass(const Model& model, const Workspace& ws) {
    Vec3 sum = Vec3::Zero();
    double mass = 0;
    for (std::size_t s = 0; s < model.segments.size(); ++s) {
        sum += model.segments[s].mass * (ws.pose[s] * model.segments[s].com);
        mass += model.segments[s].mass;
    }
    return sum / mass;
}

}  // namespace spinesim
