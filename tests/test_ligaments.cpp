// Posterior ligament lines (posterior_ligaments.toml): closed-form line mechanics, consistency of disc + lines with
// the intact Heuer et al. 2007 curve, left/right symmetry, and the lines' loads in the per-level report.
#include "fixtures.hpp"

#include "loads/ligament_forces.hpp"
#include "loads/passive_tissue.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace spinesim;

namespace {

// Posture with only lumbar level `joint` flexed (everything else at the reference posture).
Posture level_flexion(const Model& model, int joint, double flexion) {
    Posture q = Posture::Zero(model.coordinate_count());
    q[model.joints[joint].first_coordinate] = flexion;
    return q;
}

// Flexion resistance (N·m) of the lines crossing `joint` at the state in ws.
double lines_flexion_resistance(const Model& model, const Workspace& ws, int joint) {
    const Eigen::VectorXd t = detail::ligament_tensions(model, ws);
    const int n = static_cast<int>(model.ligaments.size());
    return -ws.joint_axes[joint].col(0).dot(ws.ligament_moment.block(3 * joint, 0, 3, n) * t);
}

Model without_ligaments(const Model& model) {
    Model m = model;
    m.ligaments.clear();
    for (LumbarLevel& l : m.lumbar_levels) l.ligament_flexion_table.clear();
    return m;
}

}  // namespace

TEST_CASE("a single ligament line: force, moment about the joint centre and disc components in closed form", "[ligaments]") {
    // A line from 5 cm behind the L4/L5 centre on L4 (at the centre's height) to 1.5 cm lower on L5; flexion theta
    // swings the L4 point up: b - c = r(-cos t, sin t), a - c = (-r, -h), so
    // L = sqrt((r - r cos t)^2 + (h + r sin t)^2), flexion arm = r (h cos t + r sin t) / L.
    Model model = test::default_model();
    const int level = model.lumbar_level_index("L4/L5");
    const int joint = model.lumbar_levels[level].joint;
    const double r = 0.05, h = 0.015, k = 2.0e6, theta = 10.0 * test::kDeg;
    Ligament g;
    g.name = "test line";
    g.group = "interspinous";
    g.level = level;
    g.inferior = model.joints[joint].parent;
    g.superior = model.joints[joint].child;
    g.superior_point = Vec3(-r, 0, 0);
    g.inferior_point = model.joints[joint].location + Vec3(-r, -h, 0);
    g.slack_length = h;
    g.stiffness = k;
    model.ligaments = {g};
    for (LumbarLevel& l : model.lumbar_levels) l.ligament_flexion_table.clear();

    const double length = std::hypot(r - r * std::cos(theta), h + r * std::sin(theta));
    const double tension = k * (length - h) * (length - h);
    const double arm = r * (h * std::cos(theta) + r * std::sin(theta)) / length;
    const detail::LinePose pose = detail::pure_flexion_pose(model, g, theta);
    CHECK(pose.length == Approx(length).epsilon(1e-12));
    CHECK(pose.flexion_arm == Approx(arm).epsilon(1e-12));
    CHECK(detail::ligament_tension(g, length) == Approx(tension).epsilon(1e-12));
    CHECK(detail::ligament_tension(g, 0.9 * h) == 0.0);  // slack: no compression

    // the same through the full kinematics (pelvis upright, so world = segment axes)
    Workspace ws(model);
    update_kinematics(model, level_flexion(model, joint, theta), ws);
    CHECK(ws.ligament_length[0] == Approx(length).epsilon(1e-12));
    CHECK(lines_flexion_resistance(model, ws, joint) == Approx(tension * arm).epsilon(1e-9));
    // force on L4: tension along (a - b) / L = (-r + r cos t, -h - r sin t) / L, i.e. down and (slightly) forward
    const Vec3 pull(-r + r * std::cos(theta), -h - r * std::sin(theta), 0.0);
    const Vec3 force = ws.ligament_direction.block<3, 1>(3 * joint, 0) * tension;
    CHECK((force - pull / length * tension).norm() < 1e-9 * tension);
    // only the crossed joint sees it: the L5/S1 subtree contains both vertebrae, L3/L4's neither
    for (const char* other : {"L5S1", "L3L4"})
        CHECK(ws.ligament_direction.block<3, 1>(3 * model.joint_index(other), 0).norm() == 0.0);

    // in the disc frame of the inferior vertebra (tilt t0): compression = -F.n, anterior shear = F.a
    const double t0 = model.lumbar_levels[level].normal_tilt;
    const Vec3 normal(std::sin(t0), std::cos(t0), 0), anterior(std::cos(t0), -std::sin(t0), 0);
    // with and without the line, the level's balance differs only by the line: same posture, pure sagittal flexion
    FrameInput in = test::standing_input(model, 0, 0, 0);
    in.q[model.joints[joint].first_coordinate] += theta;  // reference posture + the level's flexion
    const Model bare = without_ligaments(model);
    Workspace ws_bare(bare), ws_line(model);
    const FrameResult with_line = analyse_frame(model, ws_line, in, AnalysisOptions{});
    const FrameResult without = analyse_frame(bare, ws_bare, in, AnalysisOptions{});
    REQUIRE(with_line.status == SolveStatus::Optimal);
    REQUIRE(without.status == SolveStatus::Optimal);
    const LevelLoad& a = with_line.levels[level];
    const LevelLoad& b = without.levels[level];
    // the line adds a flexion resistance (the bare model's disc carries nothing for it here: no table), so the
    // muscles change; compare the reaction after removing the muscles' part, i.e. check the decomposition directly
    const Vec3 muscles_with = ws_line.muscle_direction.block(3 * joint, 0, 3, ws_line.muscle_direction.cols()) * with_line.muscle_force;
    const Vec3 muscles_without = ws_bare.muscle_direction.block(3 * joint, 0, 3, ws_bare.muscle_direction.cols()) * without.muscle_force;
    const Vec3 d_reaction = -(force + muscles_with - muscles_without);
    CHECK(a.compression - b.compression == Approx(d_reaction.dot(normal)).margin(1e-6));
    CHECK(a.shear_ap - b.shear_ap == Approx(-d_reaction.dot(anterior)).margin(1e-6));
    CHECK(a.ligament_force == Approx(tension).epsilon(1e-9));
    CHECK(a.ligament_flexion_moment == Approx(tension * arm).epsilon(1e-9));
    // the line's own share of the disc load, same frame: compression -F.n (> 0: the line presses the vertebrae
    // together), anterior shear F.a (1e-9 relative: closed form)
    CHECK(a.ligament_compression == Approx(-force.dot(normal)).epsilon(1e-9));
    CHECK(a.ligament_shear_ap == Approx(force.dot(anterior)).epsilon(1e-9));
    CHECK(-force.dot(normal) > 0);  // the line compresses the disc
}

TEST_CASE("disc + ligament lines reproduce the intact Heuer curve in flexion at every level", "[ligaments]") {
    const Model& model = test::default_model();
    REQUIRE(model.ligaments.size() == 6 * model.lumbar_levels.size());  // SSL, ISL, flavum x2, capsular x2
    Workspace ws(model);
    for (const LumbarLevel& level : model.lumbar_levels) {
        const Coordinate& c = model.coordinates[model.joints[level.joint].first_coordinate];
        double end_share = 0;
        for (double f = c.lower; f <= c.upper + 1e-12; f += 0.37 * test::kDeg) {
            update_kinematics(model, level_flexion(model, level.joint, f), ws);
            const double intact = detail::motion_segment_resistance(model, ws.q, level.joint).x();
            const double disc = detail::disc_resistance(model, ws.q, level.joint).x();
            const double lines = lines_flexion_resistance(model, ws, level.joint);
            // tolerance: linear interpolation of the 0.1 deg table
            CHECK(disc + lines == Approx(intact).epsilon(2e-3).margin(2e-3));
            CHECK(disc * (f >= 0 ? 1 : -1) >= -1e-9);  // the disc part never pushes into the motion
            CHECK(lines >= 0.0);
            if (f > 0) end_share = lines / intact;
        }
        // at the end of the range the lines carry a real part of the flexion moment, but less than the intact total
        CHECK(end_share > 0.1);
        CHECK(end_share < 0.9);
        // calibration: interspinous + supraspinous carry 134 N at the level's flexion limit (Hindle et al. 1990)
        update_kinematics(model, level_flexion(model, level.joint, c.upper), ws);
        const Eigen::VectorXd t = detail::ligament_tensions(model, ws);
        double spinous = 0;
        for (std::size_t i = 0; i < model.ligaments.size(); ++i)
            if (model.ligaments[i].level == model.joints[level.joint].lumbar_level &&
                (model.ligaments[i].group == "interspinous" || model.ligaments[i].group == "supraspinous"))
                spinous += t[static_cast<Eigen::Index>(i)];
        CHECK(spinous == Approx(134.0).epsilon(1e-9));
    }
    // extension: every line is slack, the disc carries the whole intact curve
    const int joint = model.joint_index("L4L5");
    update_kinematics(model, level_flexion(model, joint, -5.0 * test::kDeg), ws);
    CHECK(detail::ligament_tensions(model, ws).cwiseAbs().maxCoeff() < 1e-6);
}

TEST_CASE("ligament lines are left/right symmetric", "[ligaments]") {
    const Model& model = test::default_model();
    for (const Ligament& g : model.ligaments) {
        if (g.name.size() < 2 || g.name.substr(g.name.size() - 2) != "_r") {
            if (g.name.substr(g.name.size() - 2) != "_l") {  // midline
                CHECK(g.inferior_point.z() == 0.0);
                CHECK(g.superior_point.z() == 0.0);
            }
            continue;
        }
        const std::string left = g.name.substr(0, g.name.size() - 2) + "_l";
        const auto it = std::find_if(model.ligaments.begin(), model.ligaments.end(), [&](const Ligament& o) { return o.name == left; });
        REQUIRE(it != model.ligaments.end());
        CHECK(it->inferior_point == g.inferior_point.cwiseProduct(Vec3(1, 1, -1)));
        CHECK(it->superior_point == g.superior_point.cwiseProduct(Vec3(1, 1, -1)));
        CHECK(it->stiffness == g.stiffness);
        CHECK(it->slack_length == g.slack_length);
    }
    // sagittal flexion: no lateral force, no lateral-bending or axial moment from the lines; bending to the right and
    // to the left gives mirrored loads
    Workspace ws(model);
    const FrameInput flexed = test::standing_input(model, 30, 20, 0);
    update_kinematics(model, flexed.q, ws);
    const Eigen::VectorXd t = detail::ligament_tensions(model, ws);
    const int n = static_cast<int>(model.ligaments.size());
    for (const LumbarLevel& level : model.lumbar_levels) {
        const Vec3 m = ws.ligament_moment.block(3 * level.joint, 0, 3, n) * t;
        const Vec3 f = ws.ligament_direction.block(3 * level.joint, 0, 3, n) * t;
        CHECK(std::abs(m.x()) < 1e-9);
        CHECK(std::abs(m.y()) < 1e-9);
        CHECK(std::abs(f.z()) < 1e-9);
        CHECK(t.sum() > 0);
    }
    FrameInput right = test::standing_input(model, 20, 0, 0), left = right;
    set_lumbar_motion(model, right.q, 20 * test::kDeg, 10 * test::kDeg, 0);
    set_lumbar_motion(model, left.q, 20 * test::kDeg, -10 * test::kDeg, 0);
    Workspace ws_r(model), ws_l(model);
    update_kinematics(model, right.q, ws_r);
    update_kinematics(model, left.q, ws_l);
    const int j = model.joint_index("L4L5");
    const Vec3 mr = ws_r.ligament_moment.block(3 * j, 0, 3, n) * detail::ligament_tensions(model, ws_r);
    const Vec3 ml = ws_l.ligament_moment.block(3 * j, 0, 3, n) * detail::ligament_tensions(model, ws_l);
    CHECK(mr.z() == Approx(ml.z()).epsilon(1e-9));
    CHECK(mr.x() == Approx(-ml.x()).epsilon(1e-9));
    CHECK(std::abs(mr.x()) > 1e-3);  // lateral bending does load one side more
}
