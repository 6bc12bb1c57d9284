#include "assembly/sharing_assembly.hpp"

#include "loads/passive_tissue.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace spinesim::detail {

namespace {
// Bound of a rhythm coupling moment (N·m): effectively free, finite so that every variable has a finite box.
constexpr double kFreeMoment = 1e5;
}  // namespace

namespace {
const char* kAnatomicalAxis[3] = {"lateral bending", "axial rotation", "flexion-extension"};  // segment x, y, z
const char* kForceName[3] = {"x (antero-posterior)", "y (vertical)", "z (lateral)"};

// Name of the moment row about world axis k: the world axis plus the anatomical motion of the segment axis (of
// `frame`, the segment's rotation) closest to it. Upright, world and segment axes coincide; lying on the side, world
// z is the body's long axis (axial rotation), not flexion-extension.
std::string moment_row_name(const Mat3& frame, int k) {
    int closest = 0;
    for (int i = 1; i < 3; ++i)
        if (std::abs(frame(k, i)) > std::abs(frame(k, closest))) closest = i;
    return std::string(1, "xyz"[k]) + " (" + kAnatomicalAxis[closest] + ")";
}
}  // namespace

ContactBasis friction_pyramid(const Contact& c, const Vec3& heading) {
    const Vec3 n = c.normal.normalized();
    // Pyramid edges aligned with the body's heading projected on the contact plane, so that turning the whole
    // body about the vertical turns the friction pyramid with it (results independent of the heading).
    Vec3 t1 = heading - heading.dot(n) * n;
    if (t1.norm() < 1e-6) t1 = n.cross(std::abs(n.x()) < 0.9 ? Vec3::UnitX() : Vec3::UnitZ());
    t1.normalize();
    const Vec3 t2 = n.cross(t1);
    ContactBasis basis;
    for (const Vec3& t : {t1, Vec3(-t1), t2, Vec3(-t2)}) basis.generators.push_back(n + c.friction * t);
    return basis;
}

AssembledProblem assemble_sharing(const Model& model, const Workspace& ws, const FrameInput& input,
                                  const AppliedLoads& applied, const std::vector<Vec3>& tissue_moment,
                                  const Eigen::VectorXd& passive_force, LumbarBalance balance) {
    static const char* kCoordinateName[3] = {"flexion", "lateral bending", "axial rotation"};
    AssembledProblem out;
    const int nm = static_cast<int>(model.muscles.size());
    out.muscle_count = nm;
    out.balance = balance;
    const bool coupled = balance == LumbarBalance::RhythmCoupled;
    for (std::size_t j = 0; j < model.joints.size(); ++j)
        if (model.joints[j].muscle_balanced) out.balanced_joints.push_back(static_cast<int>(j));
    const Vec3 heading = ws.pose[model.joints[0].child].linear().col(0);  // pelvis x axis
    for (const Contact& c : input.contacts) {
        out.contact_basis.push_back(friction_pyramid(c, heading));
        out.contact_points.push_back(ws.pose[c.segment] * c.location);
    }
    int n = nm;
    for (const auto& b : out.contact_basis) n += static_cast<int>(b.generators.size());
    out.deviation_column = n;
    const int levels = static_cast<int>(model.lumbar_levels.size());
    n += 3 * levels;
    int m = 3 * static_cast<int>(out.balanced_joints.size()) + 6 + (levels > 0 ? 3 : 0);
    out.actuator_column = n;
    out.actuator_row = m;
    for (std::size_t j = 0; j < model.joints.size(); ++j) {
        const Joint& joint = model.joints[j];
        if (!joint.actuator_costed || joint.muscle_balanced) continue;
        out.actuated_joints.push_back(static_cast<int>(j));
        std::vector<Vec3> axes;
        const Mat3& child = ws.pose[joint.child].linear();
        for (int k = 0; k < joint.coordinate_count; ++k)
            axes.push_back(child.col(joint.axis[static_cast<std::size_t>(k)]) * joint.sign[static_cast<std::size_t>(k)]);
        m += joint.coordinate_count;
        n += 2 * joint.coordinate_count;
        out.actuator_axes.push_back(std::move(axes));
    }

    SharingProblem& p = out.problem;
    p.A = Eigen::MatrixXd::Zero(m, n);
    p.b = Eigen::VectorXd::Zero(m);
    p.lower = Eigen::VectorXd::Zero(n);
    p.upper = Eigen::VectorXd::Constant(n, std::numeric_limits<double>::infinity());
    p.size = Eigen::VectorXd::Ones(n);
    p.kind.assign(n, VariableKind::ContactGenerator);
    p.row_names.resize(m);
    p.variable_names.resize(n);
    const double body_weight = model.total_mass() * 9.81;  // reference force of the contact terms (N)

    for (int i = 0; i < nm; ++i) {
        const Muscle& mu = model.muscles[i];
        p.kind[i] = VariableKind::Muscle;
        p.size[i] = mu.pcsa;
        p.upper[i] = std::max(0.0, mu.max_force - passive_force[i]);
        p.variable_names[i] = mu.name;
    }
    int col = nm;
    for (std::size_t c = 0; c < out.contact_basis.size(); ++c)
        for (std::size_t g = 0; g < out.contact_basis[c].generators.size(); ++g, ++col) {
            p.size[col] = body_weight;
            p.variable_names[col] = input.contacts[c].label + " generator " + std::to_string(g);
        }
    for (const LumbarLevel& level : model.lumbar_levels) {
        const Vec3 stiffness = motion_segment_stiffness(model, ws.q, level.joint);
        // generalised moment change -K_k per unit deviation of coordinate k, as a world moment (J^-T)
        const Mat3 to_world = ws.joint_axes[level.joint].transpose().inverse();
        out.deviation_moment.push_back(coupled ? to_world : Mat3(to_world * (-stiffness).asDiagonal()));
        for (int k = 0; k < 3; ++k, ++col) {
            p.kind[col] = VariableKind::Compliance;
            if (coupled) {
                // free constraint moment (reference size 1 N·m for the tiny regularisation that makes it unique);
                // a level that takes no share of this coordinate in the rhythm is not coupled: no moment
                const double share = k == 0 ? level.flexion_share : k == 1 ? level.lateral_share : level.axial_share;
                p.size[col] = 1.0;
                p.lower[col] = share > 0 ? -kFreeMoment : 0.0;
                p.upper[col] = share > 0 ? kFreeMoment : 0.0;
                p.variable_names[col] = level.name + " " + kCoordinateName[k] + " rhythm coupling moment";
            } else {
                const double limit = model.rhythm_deviation_limit[k];
                p.size[col] = limit > 0 ? limit : 1.0;
                p.lower[col] = -limit;
                p.upper[col] = limit;
                p.variable_names[col] = level.name + " " + kCoordinateName[k] + " deviation from the rhythm";
            }
        }
    }

    int row = 0;
    for (int j : out.balanced_joints) {
        const Joint& joint = model.joints[j];
        p.A.block(row, 0, 3, nm) = ws.muscle_moment.block(3 * j, 0, 3, nm);
        col = nm;
        for (std::size_t c = 0; c < out.contact_basis.size(); ++c) {
            const bool distal = model.subtree[j][input.contacts[c].segment];
            for (const Vec3& g : out.contact_basis[c].generators) {
                if (distal) p.A.block<3, 1>(row, col) = (out.contact_points[c] - ws.joint_centre[j]).cross(g);
                ++col;
            }
        }
        if (joint.lumbar_level >= 0)
            p.A.block(row, out.deviation_column + 3 * joint.lumbar_level, 3, 3) = out.deviation_moment[joint.lumbar_level];
        // muscles (active x + passive), contacts, deviations, applied loads and passive tissue balance to zero
        p.b.segment<3>(row) = -(applied.on_subtree[j].moment + tissue_moment[j] +
                                ws.muscle_moment.block(3 * j, 0, 3, nm) * passive_force);
        const Mat3& inferior = ws.pose[joint.parent].linear();
        for (int k = 0; k < 3; ++k) p.row_names[row + k] = joint.name + " moment about " + moment_row_name(inferior, k);
        row += 3;
    }
    // whole-body equilibrium about the pelvis origin: contacts balance gravity, inertia and external loads
    // (muscles are internal forces)
    const Vec3 r0 = ws.pose[model.joints[0].child].translation();
    col = nm;
    for (std::size_t c = 0; c < out.contact_basis.size(); ++c)
        for (const Vec3& g : out.contact_basis[c].generators) {
            p.A.block<3, 1>(row, col) = g;
            p.A.block<3, 1>(row + 3, col) = (out.contact_points[c] - r0).cross(g);
            ++col;
        }
    p.b.segment<3>(row) = -applied.on_body.force;
    p.b.segment<3>(row + 3) = -(applied.on_body.moment - r0.cross(applied.on_body.force));
    for (int k = 0; k < 3; ++k) {
        p.row_names[row + k] = std::string("whole-body force along ") + kForceName[k] + " (supports)";
        p.row_names[row + 3 + k] = "whole-body moment about " + moment_row_name(ws.pose[model.joints[0].child].linear(), k) + " (supports)";
    }
    row += 6;
    if (levels > 0)
        for (int k = 0; k < 3; ++k, ++row) {
            for (int l = 0; l < levels; ++l) {
                const LumbarLevel& level = model.lumbar_levels[l];
                const double share = k == 0 ? level.flexion_share : k == 1 ? level.lateral_share : level.axial_share;
                p.A(row, out.deviation_column + 3 * l + k) = coupled ? share : 1.0;
            }
            p.row_names[row] = std::string(coupled ? "rhythm coupling (virtual work) in " : "sum of the level deviations in ") +
                               kCoordinateName[k];
        }
    // costed arm actuators: moment about each coordinate axis of the child subtree, carried by the actuator pair
    col = out.actuator_column;
    for (std::size_t a = 0; a < out.actuated_joints.size(); ++a) {
        const int j = out.actuated_joints[a];
        const Joint& joint = model.joints[static_cast<std::size_t>(j)];
        const Vec3 loads = applied.on_subtree[j].moment + tissue_moment[j] + ws.muscle_moment.block(3 * j, 0, 3, nm) * passive_force;
        for (int k = 0; k < joint.coordinate_count; ++k, ++row) {
            const Vec3& u = out.actuator_axes[a][static_cast<std::size_t>(k)];
            p.A.block(row, 0, 1, nm) = u.transpose() * ws.muscle_moment.block(3 * j, 0, 3, nm);
            int c = nm;
            for (std::size_t ci = 0; ci < out.contact_basis.size(); ++ci) {
                const bool distal = model.subtree[j][input.contacts[ci].segment];
                for (const Vec3& g : out.contact_basis[ci].generators) {
                    if (distal) p.A(row, c) = u.dot((out.contact_points[ci] - ws.joint_centre[j]).cross(g));
                    ++c;
                }
            }
            p.b[row] = -u.dot(loads);
            const std::string coordinate = model.coordinates[static_cast<std::size_t>(joint.first_coordinate + k)].name;
            p.row_names[row] = coordinate + " moment (costed actuator)";
            for (int s = 0; s < 2; ++s, ++col) {
                const double strength = joint.actuator_strength[static_cast<std::size_t>(k)][static_cast<std::size_t>(s)];
                p.A(row, col) = s == 0 ? 1.0 : -1.0;
                p.kind[col] = VariableKind::Muscle;  // costed like a muscle at activation tau / strength
                p.size[col] = strength / model.specific_tension;
                p.variable_names[col] = coordinate + (s == 0 ? " actuator (+)" : " actuator (-)");
            }
        }
    }
    return out;
}

}  // namespace spinesim::detail
