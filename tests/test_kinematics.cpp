// Kinematics: reference geometry, moment arms by virtual work, posture helpers.
#include "fixtures.hpp"

#include "spinesim/error.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace spinesim;
using Catch::Matchers::Contains;

TEST_CASE("reference posture: frames aligned with the world, joint centres where the data put them", "[kinematics]") {
    const Model& model = test::default_model();
    Workspace ws(model);
    update_kinematics(model, reference_posture(model), ws);
    for (std::size_t s = 0; s < model.segments.size(); ++s) CHECK(ws.pose[s].linear().isIdentity(1e-15));
    // L4/L5 centre = L5/S1 location + L4/L5 location (pelvis frame, scaled 1.78/1.70)
    const double k = 1.78 / 1.70;
    const Vec3 expected = k * Vec3(-0.0980 + 0.0100, 0.0220 + 0.0296, 0.0);
    CHECK((ws.joint_centre[model.joint_index("L4L5")] - expected).norm() < 1e-12);
}

TEST_CASE("moment arms equal -dL/dq by central differences (virtual work), 1e-6 relative", "[kinematics]") {
    const Model& model = test::default_model();
    Workspace ws(model), plus(model), minus(model);
    std::vector<Posture> postures;
    postures.push_back(reference_posture(model));
    Posture bent = reference_posture(model);
    set_lumbar_motion(model, bent, 40 * test::kDeg, 10 * test::kDeg, -8 * test::kDeg);
    set_coordinate(model, bent, "hip_r.flexion", 50 * test::kDeg);
    set_coordinate(model, bent, "hip_l.adduction", -15 * test::kDeg);
    set_coordinate(model, bent, "hip_l.internal_rotation", 20 * test::kDeg);
    set_coordinate(model, bent, "pelvis.anterior_tilt", 30 * test::kDeg);
    postures.push_back(bent);
    std::vector<int> coordinates;
    for (const char* j : {"L5S1", "L4L5", "L3L4", "L2L3", "L1L2", "hip_r", "hip_l", "shoulder_r"})
        for (int k = 0; k < 3; ++k) coordinates.push_back(model.joints[model.joint_index(j)].first_coordinate + k);
    const double h = 1e-6;
    int checked = 0;
    for (const Posture& q : postures) {
        update_kinematics(model, q, ws);
        for (int c : coordinates) {
            Posture qp = q, qm = q;
            qp[c] += h;
            qm[c] -= h;
            update_kinematics(model, qp, plus);
            update_kinematics(model, qm, minus);
            for (std::size_t i = 0; i < model.muscles.size(); ++i) {
                const double fd = -(plus.muscle_length[i] - minus.muscle_length[i]) / (2 * h);
                const double analytic = moment_arm(model, ws, static_cast<int>(i), c);
                INFO(model.muscles[i].name << " about " << model.coordinates[c].name);
                CHECK(std::abs(analytic - fd) <= 1e-6 * std::max(std::abs(analytic), 0.01));
                ++checked;
            }
        }
    }
    CHECK(checked > 10000);
}

TEST_CASE("erectors extend, rectus abdominis and psoas-to-femur flex", "[kinematics]") {
    const Model& model = test::default_model();
    Workspace ws(model);
    update_kinematics(model, reference_posture(model), ws);
    const int flex = model.coordinate_index("L4L5.flexion");
    CHECK(moment_arm(model, ws, model.muscle_index("IL_L1_r"), flex) < -0.03);   // extensor, > 3 cm
    CHECK(moment_arm(model, ws, model.muscle_index("rect_abd_r"), flex) > 0.04);  // flexor
    CHECK(moment_arm(model, ws, model.muscle_index("Ps_L1_VB_r"), model.coordinate_index("hip_r.flexion")) > 0.01);
    CHECK(moment_arm(model, ws, model.muscle_index("glut_max2_r"), model.coordinate_index("hip_r.flexion")) < -0.03);
    // a right-side erector bends the trunk to the right
    CHECK(moment_arm(model, ws, model.muscle_index("IL_L1_r"), model.coordinate_index("L4L5.lateral_bending")) > 0.01);
}

TEST_CASE("lumbar rhythm distributes the total flexion by the published fractions", "[kinematics]") {
    const Model& model = test::default_model();
    Posture q = reference_posture(model);
    set_lumbar_motion(model, q, 50 * test::kDeg, 0, 0);
    CHECK(total_lumbar_flexion(model, q) == Approx(50 * test::kDeg).epsilon(1e-12));
    CHECK(get_coordinate(model, q, "L1L2.flexion") == Approx(0.255 * 50 * test::kDeg).epsilon(1e-12));
    CHECK(get_coordinate(model, q, "L5S1.flexion") == Approx(0.125 * 50 * test::kDeg).epsilon(1e-12));
}

TEST_CASE("postures beyond the range of motion are rejected naming the coordinate and value", "[kinematics][errors]") {
    const Model& model = test::default_model();
    Posture q = reference_posture(model);
    set_lumbar_motion(model, q, 95 * test::kDeg, 0, 0);
    CHECK_THROWS_WITH(check_range_of_motion(model, q, "scenario.toml"),
                      Contains("scenario.toml") && Contains("L5S1.flexion") && Contains("range of motion") &&
                          Contains("deg"));
    Posture nan = reference_posture(model);
    nan[5] = std::nan("");
    CHECK_THROWS_WITH(check_range_of_motion(model, nan, "x"), Contains("finite"));
}

TEST_CASE("mirror_posture maps right lateral bending to left and swaps limbs", "[kinematics][symmetry]") {
    const Model& model = test::default_model();
    Posture q = reference_posture(model);
    set_lumbar_motion(model, q, 20 * test::kDeg, 10 * test::kDeg, 5 * test::kDeg);
    set_coordinate(model, q, "hip_r.flexion", 30 * test::kDeg);
    const Posture m = mirror_posture(model, q);
    CHECK(get_coordinate(model, m, "hip_l.flexion") == Approx(30 * test::kDeg));
    CHECK(get_coordinate(model, m, "L4L5.lateral_bending") == Approx(-get_coordinate(model, q, "L4L5.lateral_bending")));
    CHECK(get_coordinate(model, m, "L4L5.flexion") == Approx(get_coordinate(model, q, "L4L5.flexion")));
    Workspace a(model), b(model);
    update_kinematics(model, q, a);
    update_kinematics(model, m, b);
    for (std::size_t i = 0; i < model.muscles.size(); ++i)
        CHECK(a.muscle_length[i] == Approx(b.muscle_length[model.muscles[i].mirror]).epsilon(1e-12));
}

TEST_CASE("iliopsoas stays a hip flexor up to 90 deg of hip flexion (gait2392 conditional via point)", "[kinematics]") {
    // gait2392's ConditionalPathPoint over the iliopubic eminence is part of the path from -90 to 45 deg of hip
    // flexion; without it (or with it fixed at every angle) the iliopsoas turns into a hip extensor in deep flexion.
    const Model& model = test::default_model();
    Workspace ws(model);
    for (const char* side : {"r", "l"}) {
        const int c = model.coordinate_index(std::string("hip_") + side + ".flexion");
        for (double deg : {0.0, 30.0, 44.0, 46.0, 60.0, 75.0, 90.0}) {
            Posture q = reference_posture(model);
            q[c] = deg * test::kDeg;
            update_kinematics(model, q, ws);
            for (const std::string name : {"iliacus_", "Ps_L1_VB_", "Ps_L4_TP_"}) {
                INFO(name << side << " at " << deg << " deg");
                CHECK(moment_arm(model, ws, model.muscle_index(name + side), c) > 0.02);
            }
        }
        // the condition switches the point off above 45 deg: the path gets shorter than through the point
        Posture q = reference_posture(model);
        q[c] = 60 * test::kDeg;
        update_kinematics(model, q, ws);
        const int iliacus = model.muscle_index(std::string("iliacus_") + side);
        const auto& pts = ws.muscle_points[iliacus];
        double through_all = 0;
        for (std::size_t k = 1; k < pts.size(); ++k) through_all += (pts[k] - pts[k - 1]).norm();
        CHECK(ws.muscle_length[iliacus] < through_all - 1e-6);
    }
}

// The mirrored posture must put the body in the mirror image (z -> -z) of the original place, not just give the
// mirrored shape: each segment's origin is reflected, p' = S p, and its orientation is R' = S R S, S = diag(1, 1, -1),
// with the left and right limbs swapped. All six pelvis coordinates (translation, heading, tilt, list) and the
// lumbar bending and twist are non-zero, so that every sign of mirror_posture matters; muscle lengths alone cannot
// see a whole-body coordinate. 1e-12: exact reflections up to rounding.
TEST_CASE("mirror_posture places every segment at the mirror image of its counterpart (pelvis list included)",
          "[kinematics][symmetry]") {
    const Model& model = test::default_model();
    Posture q = reference_posture(model);
    set_lumbar_motion(model, q, 20 * test::kDeg, 10 * test::kDeg, 5 * test::kDeg);
    set_coordinate(model, q, "hip_r.flexion", 30 * test::kDeg);
    set_coordinate(model, q, "pelvis.tx", 0.3);
    set_coordinate(model, q, "pelvis.ty", 0.9);
    set_coordinate(model, q, "pelvis.tz", -0.4);
    set_coordinate(model, q, "pelvis.rotation", 25 * test::kDeg);
    set_coordinate(model, q, "pelvis.anterior_tilt", 15 * test::kDeg);
    set_coordinate(model, q, "pelvis.list", 12 * test::kDeg);
    Workspace a(model), b(model);
    update_kinematics(model, q, a);
    update_kinematics(model, mirror_posture(model, q), b);
    const Mat3 S = Vec3(1, 1, -1).asDiagonal();
    for (std::size_t s = 0; s < model.segments.size(); ++s) {
        const std::string& name = model.segments[s].name;
        std::string other = name;
        if (name.size() > 2 && name[name.size() - 2] == '_' && (name.back() == 'r' || name.back() == 'l'))
            other.back() = name.back() == 'r' ? 'l' : 'r';
        const int m = model.segment_index(other);
        INFO(name);
        CHECK((b.pose[m].translation() - S * a.pose[s].translation()).norm() < 1e-12);
        CHECK((b.pose[m].linear() - S * a.pose[s].linear() * S).norm() < 1e-12);
    }
}
