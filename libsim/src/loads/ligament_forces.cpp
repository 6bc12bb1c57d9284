#include "loads/ligament_forces.hpp"

#include "kinematics/rotation.hpp"
#include "spinesim/error.hpp"

#include <algorithm>
#include <cmath>

namespace spinesim::detail {

namespace {
constexpr double kTableStep = 0.1 * 3.14159265358979323846 / 180.0;  // rad
}

double ligament_tension(const Ligament& ligament, double length) {
    const double stretch = length - ligament.slack_length;
    return stretch > 0 ? ligament.stiffness * stretch * stretch : 0.0;
}

Eigen::VectorXd ligament_tensions(const Model& model, const Workspace& ws) {
    Eigen::VectorXd t(static_cast<Eigen::Index>(model.ligaments.size()));
    for (std::size_t i = 0; i < model.ligaments.size(); ++i)
        t[static_cast<Eigen::Index>(i)] = ligament_tension(model.ligaments[i], ws.ligament_length[static_cast<Eigen::Index>(i)]);
    return t;
}

LinePose pure_flexion_pose(const Model& model, const Ligament& ligament, double flexion) {
    const Joint& joint = model.joints[model.lumbar_levels[ligament.level].joint];
    const std::array<double, 3> q{{flexion, 0.0, 0.0}};
    Mat3 axes;
    const Mat3 rotation = joint_rotation(joint, q.data(), 3, &axes);
    const Vec3 a = ligament.inferior_point;                                   // inferior (parent) frame
    const Vec3 b = joint.location + rotation * ligament.superior_point;      // child origin = joint centre
    LinePose pose;
    pose.length = (b - a).norm();
    // moment of a unit pull on the superior vertebra about the joint centre; resistance = minus its flexion component
    pose.flexion_arm = -axes.col(0).dot((b - joint.location).cross((a - b) / pose.length));
    return pose;
}

double ligament_flexion_table_value(const LumbarLevel& level, double flexion) {
    const std::vector<double>& t = level.ligament_flexion_table;
    if (t.size() < 2) return 0.0;
    const double x = (flexion - level.ligament_table_start) / level.ligament_table_step;
    if (x <= 0) return t.front();
    const std::size_t i = std::min(static_cast<std::size_t>(x), t.size() - 2);
    const double f = x - static_cast<double>(i);  // > 1 beyond the end: linear extrapolation
    return t[i] + f * (t[i + 1] - t[i]);
}

void calibrate_ligaments(Model& model, const LigamentCalibration& c) {
    const char* file = "posterior_ligaments.toml";
    for (std::size_t l = 0; l < model.lumbar_levels.size(); ++l) {
        LumbarLevel& level = model.lumbar_levels[l];
        const Coordinate& flexion = model.coordinates[model.joints[level.joint].first_coordinate];
        const double end = flexion.upper;
        std::vector<Ligament*> lines;
        for (Ligament& g : model.ligaments)
            if (g.level == static_cast<int>(l)) lines.push_back(&g);
        if (lines.empty()) continue;
        auto count = [&](const std::string& group) {
            return static_cast<double>(std::count_if(lines.begin(), lines.end(), [&](const Ligament* g) { return g->group == group; }));
        };
        // end-of-range stretch e and arm r of every line; the force-prescribed groups first
        double supraspinous_interspinous_moment = 0.0;
        std::vector<double> stretch(lines.size()), arm(lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            Ligament& g = *lines[i];
            g.slack_length = pure_flexion_pose(model, g, 0.0).length;
            const LinePose p = pure_flexion_pose(model, g, end);
            stretch[i] = p.length - g.slack_length;
            arm[i] = p.flexion_arm;
            if (!(stretch[i] > 0 && arm[i] > 0))
                throw InputError(file, g.name, "", "the line must lengthen and resist flexion in flexion");
            double force = 0.0;
            if (g.group == "interspinous") force = c.interspinous_supraspinous_force * c.interspinous_fraction / count(g.group);
            else if (g.group == "supraspinous")
                force = c.interspinous_supraspinous_force * (1.0 - c.interspinous_fraction) / count(g.group);
            else if (g.group != "capsular" && g.group != "flavum")
                throw InputError(file, g.name, g.group, "unknown group (supraspinous, interspinous, flavum, capsular)");
            if (force > 0) {
                g.stiffness = force / (stretch[i] * stretch[i]);
                supraspinous_interspinous_moment += force * arm[i];
            }
        }
        // moment-prescribed groups: one stiffness per group and level, sum k e^2 r = target moment
        for (const auto& [group, share] : {std::pair<std::string, double>{"capsular", c.share_capsular},
                                           std::pair<std::string, double>{"flavum", c.share_flavum}}) {
            double sum = 0.0;
            for (std::size_t i = 0; i < lines.size(); ++i)
                if (lines[i]->group == group) sum += stretch[i] * stretch[i] * arm[i];
            if (sum <= 0) continue;
            const double k = supraspinous_interspinous_moment * share / c.share_supraspinous_interspinous / sum;
            for (Ligament* g : lines)
                if (g->group == group) g->stiffness = k;
        }
        // pure-flexion table from the flexion lower limit to twice the upper one
        level.ligament_table_start = flexion.lower;
        level.ligament_table_step = kTableStep;
        level.ligament_flexion_table.clear();
        const int samples = static_cast<int>(std::ceil((2.0 * end - flexion.lower) / kTableStep)) + 1;
        for (int s = 0; s < samples; ++s) {
            const double q = flexion.lower + s * kTableStep;
            double m = 0.0;
            for (const Ligament* g : lines) {
                const LinePose p = pure_flexion_pose(model, *g, q);
                m += ligament_tension(*g, p.length) * p.flexion_arm;
            }
            level.ligament_flexion_table.push_back(m);
        }
    }
}

}  // namespace spinesim::detail
