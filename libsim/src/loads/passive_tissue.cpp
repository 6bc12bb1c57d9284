#include "loads/passive_tissue.hpp"

#include "loads/ligament_forces.hpp"

#include <cmath>

namespace spinesim::detail {

namespace {
constexpr double kRadToDeg = 180.0 / 3.14159265358979323846;
}

double evaluate_curve(const MomentAngleCurve& c, double t) {
    const double a = std::abs(t);
    return (c.p[0] * a * a + c.p[1] * a + c.p[2]) * t;
}

double curve_slope(const MomentAngleCurve& c, double t) {
    const double a = std::abs(t);
    return 3.0 * c.p[0] * a * a + 2.0 * c.p[1] * a + c.p[2];
}

// The level whose in vitro curve the data give (L4/L5); a model without it uses each level's own share.
const LumbarLevel& reference_level(const Model& model, const LumbarLevel& level) {
    for (const LumbarLevel& l : model.lumbar_levels)
        if (l.name == "L4/L5") return l;
    return level;
}

namespace {
// Angles of the three coordinates on the L4/L5 curves (degrees) and the factor d(curve angle)/d(q) (deg/rad).
// The published curves are those of L4/L5. Every other level is given the same curve over its own share of the
// lumbar range of motion (the rhythm fractions): a level that takes twice L4/L5's share of a trunk motion reaches the
// same moment at twice the angle, so that all levels reach their end range together.
void curve_angles(const Model& model, const Posture& q, int joint, Vec3& angle_deg, Vec3& deg_per_rad) {
    const Joint& j = model.joints[joint];
    const LumbarLevel& level = model.lumbar_levels.at(j.lumbar_level);
    const LumbarLevel& reference = reference_level(model, level);
    auto relative = [](double reference_share, double share) { return share > 0 ? reference_share / share : 1.0; };
    deg_per_rad = kRadToDeg * Vec3(relative(reference.flexion_share, level.flexion_share),
                                   relative(reference.lateral_share, level.lateral_share),
                                   relative(reference.axial_share, level.axial_share));
    for (int k = 0; k < 3; ++k) angle_deg[k] = q[j.first_coordinate + k] * deg_per_rad[k];
}
}  // namespace

Vec3 motion_segment_resistance(const Model& model, const Posture& q, int joint) {
    Vec3 angle, scale;
    curve_angles(model, q, joint, angle, scale);
    return Vec3(evaluate_curve(angle.x() >= 0 ? model.flexion_curve : model.extension_curve, angle.x()),
                evaluate_curve(model.lateral_curve, angle.y()), evaluate_curve(model.axial_curve, angle.z()));
}

Vec3 motion_segment_stiffness(const Model& model, const Posture& q, int joint) {
    Vec3 angle, scale;
    curve_angles(model, q, joint, angle, scale);
    return Vec3(curve_slope(angle.x() >= 0 ? model.flexion_curve : model.extension_curve, angle.x()) * scale.x(),
                curve_slope(model.lateral_curve, angle.y()) * scale.y(),
                curve_slope(model.axial_curve, angle.z()) * scale.z());
}

Vec3 disc_resistance(const Model& model, const Posture& q, int joint) {
    const Joint& j = model.joints[joint];
    const double lines = ligament_flexion_table_value(model.lumbar_levels.at(j.lumbar_level), q[j.first_coordinate]);
    return motion_segment_resistance(model, q, joint) - Vec3(lines, 0.0, 0.0);
}

Vec3 motion_segment_moment(const Model& model, const Workspace& ws, int joint) {
    const Vec3 generalised = -disc_resistance(model, ws.q, joint);
    return ws.joint_axes[joint].transpose().partialPivLu().solve(generalised);
}

Eigen::VectorXd passive_muscle_forces(const Model& model, const Workspace& ws) {
    Eigen::VectorXd f = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model.muscles.size()));
    const double k = model.passive_shape_factor, e0 = model.passive_strain_at_fmax;
    const double denominator = std::exp(k) - 1.0;
    for (std::size_t i = 0; i < model.muscles.size(); ++i) {
        if (!model.muscles[i].passive_fibre_force) continue;
        const double stretch = ws.muscle_length[i] / model.muscles[i].reference_length - 1.0;
        if (stretch > 0) f[i] = model.muscles[i].max_force * (std::exp(k * stretch / e0) - 1.0) / denominator;
    }
    return f;
}

}  // namespace spinesim::detail
