// Validation against Wilke et al. 1999 (Spine 24:755-762) L4/L5 intradiscal pressure ratios (spinesim validate).
//
// The bands below bracket the agreement the model reaches today (one subject, one set of model constants, no per-case
// tuning; case definitions and their sources in libsim/src/validation/wilke_validation.cpp). Each band is a few
// percentage points wide around the achieved value, so a regression fails; an improvement outside a band also fails
// and means: update the band and this comment. The model is built for the measured subject (70 kg, 1.68 m male,
// data/validation/wilke1999_subject.toml). Achieved with the default (coupled) lumbar balance: prone -2.7 %
// (L4/L5 -2 N), lateral -13.5 % (5 N), sitting relaxed against a backrest ("sitting_slouched") +19.2 % (246 N), upright
// unsupported sitting with the hands on the thighs +10.5 % (440 N), sitting max flexion (lumbar 60 deg on the seated
// pelvis, arms hanging) +71.5 % (1464 N), standing flexed forward 36 deg (arms hanging, centre of mass over the feet)
// +60.0 % (1836 N); RMS 39.5 %; relaxed standing 443 N, IDP 0.503 MPa. (For the 75 kg, 1.78 m default subject, used
// until 2026-11-26: +1.1 / -9.9 / +19.9 / +9.5 / +81.1 / +59.7 %, RMS 42.3 %, standing 474 N.) The posterior ligament
// lines (posterior_ligaments.toml) add compression that a pure passive moment would not: 24 / 324 / 51 N in the
// upright sitting, max flexion and flexed standing cases.
// The project target (every case within +-10 %, RMS < 6 %) is NOT reached. The flexed cases are over-predicted by
// the model's mechanics, not by their postures (docs/model.md, "Known limitations", validation): erector spinae /
// multifidus moment arms at L4/L5 of 4.4 / 4.1 cm (MRI 5-6 cm), the rhythm coupler adding 12 N·m to the L4/L5 muscle
// moment in flexed standing, flexor co-activation, no intra-abdominal pressure mechanism.
#include "data_dir_copy.hpp"
#include "fixtures.hpp"

#include "spinesim/kinematics.hpp"
#include "spinesim/lifting_validation.hpp"
#include "spinesim/posture.hpp"
#include "spinesim/validation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace spinesim;

namespace {
const ValidationRow& row(const ValidationReport& r, const std::string& name) {
    for (const ValidationRow& x : r.rows)
        if (x.case_name == name) return x;
    FAIL("missing case " << name);
    return r.rows.front();
}
}  // namespace

TEST_CASE("the Wilke 1999 measurements load with their ratios", "[validation]") {
    const auto m = load_idp_measurements(test::default_model().data_dir + "/validation/wilke1999_idp.csv");
    REQUIRE(m.size() == 7);
    for (const IdpMeasurement& x : m) CHECK(x.ratio == Approx(x.idp_mpa / 0.5).margin(0.011));
}

TEST_CASE("the Wilke 2001 supplementary measurements load with their ratios and secondary source", "[validation]") {
    const auto m = load_idp_measurements(test::default_model().data_dir + "/validation/wilke2001_supplementary.csv");
    const std::vector<std::string> names = wilke_supplementary_case_names();
    REQUIRE(m.size() == names.size());
    for (std::size_t i = 0; i < m.size(); ++i) {
        INFO(m[i].case_name);
        CHECK(m[i].case_name == names[i]);
        CHECK(m[i].idp_mpa == 0.60);  // extension: highest 0.6 MPa at 20 deg; lateral bending 0.60 MPa at ~20 deg
        CHECK(m[i].ratio == Approx(m[i].idp_mpa / 0.5).margin(1e-12));
        CHECK(m[i].anybody_ratio < 0);
        CHECK(m[i].source.find("kdttechnique") != std::string::npos);
    }
}

TEST_CASE("every validation posture is within range of motion and has supports", "[validation]") {
    const Model& model = test::default_model();
    std::vector<std::string> names = wilke_case_names();
    for (const std::string& name : wilke_supplementary_case_names()) names.push_back(name);
    for (const std::string& name : names) {
        const FrameInput in = wilke_case_input(model, name);
        CHECK_NOTHROW(check_range_of_motion(model, in.q, name));
        CHECK(in.contacts.size() >= 4);
    }
}

TEST_CASE("validation supports on the trunk above the pelvis are frictionless", "[validation]") {
    // Friction is a reaction: a free chest/pelvis friction pair pulled the lumbar spine apart (lying prone gave a
    // tensile L4/L5 force). Every support on a segment above the pelvis must have friction 0.
    const Model& model = test::default_model();
    const int pelvis = model.segment_index("pelvis");
    const int l5s1 = model.lumbar_levels[model.lumbar_level_index("L5/S1")].joint;
    REQUIRE(l5s1 >= 0);
    int trunk_contacts = 0;
    for (const std::string& name : wilke_case_names())
        for (const Contact& c : wilke_case_input(model, name).contacts) {
            if (c.segment == pelvis || !model.subtree[l5s1][c.segment]) continue;
            INFO(name << " " << c.label);
            CHECK(c.friction == 0.0);
            ++trunk_contacts;
        }
    CHECK(trunk_contacts >= 9);  // prone 2, lateral 3, backrest sitting 3, hands on thighs 2: not vacuous
}

TEST_CASE("the validation subject is Wilke's volunteer, and a bad subject file is named", "[validation]") {
    const std::string dir = default_data_dir() + "/validation/wilke1999_subject.toml";
    const Subject s = load_validation_subject(dir);
    CHECK(s.body_mass_kg == 70.0);  // Wilke et al. 1999 abstract
    CHECK(s.height_m == 1.68);      // p.756
    CHECK(s.sex == Sex::Male);
    CHECK(test::validation_model().subject.body_mass_kg == 70.0);
    const auto written = [](const std::string& text) {
        const std::string path = "validation_subject_test.toml";
        std::ofstream(path) << text;
        return path;
    };
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(load_validation_subject(written("body_mass_kg = 70.0\nheight_m = 0.5\nsex = \"male\"\n")),
                      Contains("validation_subject_test.toml") && Contains("height_m") && Contains("0.5"));
    CHECK_THROWS_WITH(load_validation_subject(written("body_mass_kg = 70.0\nheight_m = 1.68\nsex = \"x\"\n")),
                      Contains("sex") && Contains("x"));
    CHECK_THROWS_WITH(load_validation_subject(written("body_mass_kg = 70.0\nsex = \"male\"\n")),
                      Contains("height_m") && Contains("missing"));
    CHECK_THROWS_WITH(load_validation_subject(written("body_mass_kg = 70.0\nheight_m = 1.68\nsex = \"male\"\nage = 45\n")),
                      Contains("age") && Contains("unknown key"));
    CHECK_THROWS_WITH(load_validation_subject(written("body_mass_kg = nan\nheight_m = 1.68\nsex = \"male\"\n")),
                      Contains("body_mass_kg") && Contains("nan"));
    CHECK_THROWS_WITH(load_validation_subject(written("body_mass_kg = [70\n")), Contains("cannot parse"));
    std::remove("validation_subject_test.toml");
}

TEST_CASE("Wilke 1999 postures: achieved agreement and absolute standing load", "[validation][slow]") {
    const Model& model = test::validation_model();
    const ValidationReport r = run_wilke_validation(model, model.data_dir);
    REQUIRE(r.rows.size() == 7);
    CHECK(r.all_solved);
    for (const ValidationRow& x : r.rows) CHECK(std::isfinite(x.predicted_ratio));
    // Relaxed standing L4/L5 compression: in vivo derived 590-900 N (0.5 MPa x 0.66 x 1800-2700 mm^2 incl. swelling
    // share); the model gives 443 N of mechanical compression (+ 0.1 MPa swelling, IDP 0.503 MPa vs 0.50 measured).
    // Asserted 443 +- 25 N and IDP 0.48-0.53 MPa.
    CHECK(r.standing_compression_n > 418.0);
    CHECK(r.standing_compression_n < 468.0);
    CHECK(r.standing_idp_pa > 0.48e6);
    CHECK(r.standing_idp_pa < 0.53e6);
    // Lying prone: compression ~ 0 (gravity across the spine); the ratio then follows from the swelling pressure,
    // which comes from the same study, so this is a consistency check, not an independent validation.
    // Achieved -2.7 %, -2 N.
    CHECK(std::abs(row(r, "lying_prone").error_pct) < 8.0);
    CHECK(std::abs(row(r, "lying_prone").compression_n) < 15.0);
    // Lying laterally: achieved -13.5 % (5 N), asserted -20..-7 %.
    CHECK(row(r, "lying_lateral").error_pct > -20.0);
    CHECK(row(r, "lying_lateral").error_pct < -7.0);
    // Sitting relaxed against a 30 deg reclined backrest with armrests (the measured condition of the 0.27 MPa
    // value): achieved +19.2 % (246 N), asserted +12..+27 %.
    CHECK(row(r, "sitting_slouched").error_pct > 12.0);
    CHECK(row(r, "sitting_slouched").error_pct < 27.0);
    // Unsupported upright sitting, hands resting on the thighs: achieved +10.5 % (440 N), asserted +4..+17 %.
    CHECK(row(r, "sitting_upright_unsupported").error_pct > 4.0);
    CHECK(row(r, "sitting_upright_unsupported").error_pct < 17.0);
    // Sitting with maximal (lumbar) flexion, arms hanging: achieved +71.5 % (1464 N, of which 324 N from the ligament
    // lines near the end of the flexion range), asserted +64..+79 % (known over-prediction: the external moment,
    // 57 N·m, about that of standing flexed forward).
    CHECK(row(r, "sitting_max_flexion").error_pct > 64.0);
    CHECK(row(r, "sitting_max_flexion").error_pct < 79.0);
    // Standing flexed forward 36 deg, arms hanging: achieved +60.0 % (1836 N), asserted +53..+67 % (known
    // over-prediction, see the header).
    CHECK(row(r, "standing_flexed_forward").error_pct > 53.0);
    CHECK(row(r, "standing_flexed_forward").error_pct < 67.0);
    // Overall: achieved RMS 39.5 %, worst 71.5 %.
    CHECK(r.rms_error_pct < 42.0);
    CHECK(r.max_abs_error_pct < 79.0);
    // Ordering that any credible model must reproduce.
    CHECK(row(r, "lying_prone").predicted_ratio < row(r, "lying_lateral").predicted_ratio);
    CHECK(row(r, "lying_lateral").predicted_ratio < row(r, "sitting_slouched").predicted_ratio);
    CHECK(row(r, "sitting_slouched").predicted_ratio < 1.0);
    CHECK(row(r, "standing_flexed_forward").predicted_ratio > 2.0);
}

TEST_CASE("validation sitting postures: sourced pelvis tilt, hands on the thighs, arms hanging", "[validation]") {
    const Model& model = test::default_model();
    Workspace ws(model);
    const auto thorax_inclination_deg = [&](const FrameInput& in) {
        update_kinematics(model, in.q, ws);
        const Vec3 up = ws.pose[model.segment_index("thorax")].linear().col(1);
        return std::atan2(up.x(), up.y()) * 180.0 / 3.14159265358979323846;
    };
    // Maximal flexion: lumbar 60 deg on the seated pelvis (-18.3 deg, Endo 2012): thorax 41.7 deg forward.
    const FrameInput max_flexion = wilke_case_input(model, "sitting_max_flexion");
    CHECK(get_coordinate(model, max_flexion.q, "pelvis.anterior_tilt") * 180.0 / 3.14159265358979323846 == Approx(-18.3).margin(1e-9));
    CHECK(thorax_inclination_deg(max_flexion) == Approx(41.7).margin(0.5));
    // arms hang vertically: shoulder flexion = thorax inclination
    CHECK(get_coordinate(model, max_flexion.q, "shoulder_r.flexion") * 180.0 / 3.14159265358979323846 ==
          Approx(thorax_inclination_deg(max_flexion)).margin(1e-6));
    // Upright sitting: the grip points rest on the upper surface of the thighs (frictionless vertical supports).
    const FrameInput upright = wilke_case_input(model, "sitting_upright_unsupported");
    update_kinematics(model, upright.q, ws);
    const BodyPoint& grip = model.points[model.point_index("grip_r")];
    const BodyPoint& thigh_top = model.points[model.point_index("thigh_front_r")];
    const Vec3 g = ws.pose[thigh_top.segment].inverse() * world_point(ws, grip.segment, grip.location);
    CHECK(g.x() == Approx(thigh_top.location.x()).margin(1e-6));
    int hand_supports = 0;
    for (const Contact& c : upright.contacts)
        if (c.label == "grip_r" || c.label == "grip_l") {
            ++hand_supports;
            CHECK(c.friction == 0.0);
        }
    CHECK(hand_supports == 2);
}

TEST_CASE("validation standing postures: arms hanging, centre of mass over the middle of the feet", "[validation]") {
    const Model& model = test::default_model();
    Workspace ws(model);
    for (const std::string& name : {std::string("standing_relaxed"), std::string("standing_flexed_forward")}) {
        INFO(name);
        const FrameInput in = wilke_case_input(model, name);
        update_kinematics(model, in.q, ws);
        const Vec3 up = ws.pose[model.segment_index("thorax")].linear().col(1);
        const double thorax_deg = std::atan2(up.x(), up.y()) * 180.0 / 3.14159265358979323846;
        CHECK(thorax_deg == Approx(name == "standing_relaxed" ? 0.0 : 36.0).margin(0.01));
        CHECK(get_coordinate(model, in.q, "shoulder_l.flexion") * 180.0 / 3.14159265358979323846 ==
              Approx(thorax_deg).margin(1e-6));
        double mid = 0;
        for (const char* p : {"heel_r", "ball_r"}) {
            const BodyPoint& b = model.points[model.point_index(p)];
            mid += 0.5 * world_point(ws, b.segment, b.location).x();
        }
        CHECK(centre_of_mass(model, ws).x() == Approx(mid).margin(1e-6));
        // feet flat: heel and ball at the same height
        const BodyPoint& heel = model.points[model.point_index("heel_l")];
        const BodyPoint& ball = model.points[model.point_index("ball_l")];
        CHECK(world_point(ws, heel.segment, heel.location).y() ==
              Approx(world_point(ws, ball.segment, ball.location).y()).margin(1e-9));
    }
}

// Supplementary standing cases, Wilke et al. 2001 as summarised at kdttechnique.com (a secondary source;
// data/validation/wilke2001_supplementary.csv): extension 20 deg and lateral bending 20 deg, both 0.60 MPa, ratio 1.20
// to relaxed standing. Beside the study table, not in its RMS (which stays over the six cases above).
TEST_CASE("Wilke 2001 supplementary postures: thorax 20 deg back or to the side, balanced, arms hanging", "[validation]") {
    const Model& model = test::validation_model();
    Workspace ws(model);
    constexpr double deg = 180.0 / 3.14159265358979323846;
    const auto point = [&](const char* name) {
        const BodyPoint& b = model.points[model.point_index(name)];
        return world_point(ws, b.segment, b.location);
    };
    for (const std::string& name : wilke_supplementary_case_names()) {
        INFO(name);
        const FrameInput in = wilke_case_input(model, name);
        update_kinematics(model, in.q, ws);
        const Vec3 up = ws.pose[model.segment_index("thorax")].linear().col(1);
        const double forward_deg = std::atan2(up.x(), up.y()) * deg, right_deg = std::atan2(up.z(), up.y()) * deg;
        const double side = name == "standing_lateral_bending_right" ? 1.0 : name == "standing_lateral_bending_left" ? -1.0 : 0.0;
        if (side == 0.0) {
            // extension: lumbar : pelvis = 2 : 1 as in flexed standing, thorax 20 deg backwards
            CHECK(forward_deg == Approx(-20.0).margin(1e-9));
            CHECK(right_deg == Approx(0.0).margin(1e-9));
            CHECK(total_lumbar_flexion(model, in.q) * deg == Approx(-40.0 / 3.0).margin(1e-9));
            CHECK(get_coordinate(model, in.q, "pelvis.anterior_tilt") * deg == Approx(-20.0 / 3.0).margin(1e-9));
        } else {
            // lateral bending: all in the lumbar spine, pelvis level; the thorax 20 deg to the side (the lordosis
            // makes it 20.003)
            CHECK(right_deg == Approx(20.0 * side).margin(0.01));
            CHECK(forward_deg == Approx(0.0).margin(1e-9));
            CHECK(get_coordinate(model, in.q, "pelvis.list") == 0.0);
        }
        // the arm on the lower side (both in extension) hangs vertically; the other one rests at the side
        for (const char* arm : {"upper_arm_r", "upper_arm_l"}) {
            const bool upper_side = (side > 0 && arm[10] == 'l') || (side < 0 && arm[10] == 'r');
            const Vec3 a = ws.pose[model.segment_index(arm)].linear().col(1);
            INFO(arm);
            if (upper_side) CHECK(std::atan2(std::abs(a.z()), a.y()) * deg == Approx(20.0).margin(0.01));
            else CHECK(std::atan2(std::hypot(a.x(), a.z()), a.y()) * deg == Approx(0.0).margin(1e-6));
        }
        // centre of mass above the middle of the feet in both planes; both feet on one floor, flat (within 0.02 mm:
        // with the legs leaning sideways the sagittal lean tilts the heel-ball line by cos - 1 of the side lean)
        const Vec3 com = centre_of_mass(model, ws);
        const Vec3 mid = 0.25 * (point("heel_r") + point("ball_r") + point("heel_l") + point("ball_l"));
        CHECK(com.x() == Approx(mid.x()).margin(1e-6));
        CHECK(com.z() == Approx(mid.z()).margin(1e-6));
        for (const char* p : {"ball_r", "heel_l", "ball_l"}) CHECK(point(p).y() == Approx(point("heel_r").y()).margin(2e-5));
    }
    // the left case is the mirror image of the right one
    const Posture right = wilke_case_input(model, "standing_lateral_bending_right").q;
    const Posture left = wilke_case_input(model, "standing_lateral_bending_left").q;
    CHECK((mirror_posture(model, right) - left).cwiseAbs().maxCoeff() < 1e-9);
}

namespace {
// Sum of the forces of one family's muscles on one side ("_r" or "_l"), N.
double side_force(const Model& model, const FrameResult& r, const std::string& family, const std::string& side) {
    double sum = 0;
    for (std::size_t i = 0; i < model.muscles.size(); ++i) {
        const std::string& n = model.muscles[i].name;
        if (model.muscles[i].family == family && n.size() > 2 && n.compare(n.size() - 2, 2, side) == 0)
            sum += r.muscle_force[static_cast<Eigen::Index>(i)];
    }
    return sum;
}
}  // namespace

TEST_CASE("Wilke 2001 supplementary cases: achieved agreement, mirror symmetry, flexors in extension", "[validation][slow]") {
    const Model& model = test::validation_model();
    const ValidationReport r = run_wilke_validation(model, model.data_dir);
    REQUIRE(r.supplementary_rows.size() == 3);
    CHECK(r.all_solved);
    // not in the RMS: it is that of the study table's six non-reference cases alone
    double sum_sq = 0;
    for (const ValidationRow& x : r.rows)
        if (x.case_name != "standing_relaxed") sum_sq += x.error_pct * x.error_pct;
    CHECK(r.rms_error_pct == Approx(std::sqrt(sum_sq / 6.0)).epsilon(1e-12));
    const ValidationRow& ext = r.supplementary_rows[0];
    const ValidationRow& right = r.supplementary_rows[1];
    const ValidationRow& left = r.supplementary_rows[2];
    REQUIRE(ext.case_name == "standing_extended");
    for (const ValidationRow& x : r.supplementary_rows) {
        INFO(x.case_name);
        CHECK(x.status == SolveStatus::Optimal);
        CHECK(x.measured_ratio == Approx(1.2));
        CHECK(x.predicted_ratio == Approx(x.predicted_idp_pa / r.standing_idp_pa).epsilon(1e-12));
    }
    // Achieved: extension +40.4 % (L4/L5 822 N), lateral bending +41.2 % (827 N) - over-predicted like the flexed
    // cases; asserted +35..+46 % and +36..+47 % so that a change has to update them.
    CHECK(ext.error_pct > 35.0);
    CHECK(ext.error_pct < 46.0);
    CHECK(right.error_pct > 36.0);
    CHECK(right.error_pct < 47.0);
    // Both load L4/L5 more than relaxed standing, as measured (ratio 1.2).
    CHECK(ext.predicted_ratio > 1.0);
    CHECK(right.predicted_ratio > 1.0);
    // Mirror symmetry: bending left loads L4/L5 as bending right.
    CHECK(left.compression_n == Approx(right.compression_n).epsilon(1e-6));
    CHECK(left.error_pct == Approx(right.error_pct).epsilon(1e-6));

    // Extension: gravity extends L4/L5, so the flexors (abdominals, psoas) hold it and the extensors stay slack.
    Workspace ws(model);
    const FrameResult e = analyse_frame(model, ws, wilke_case_input(model, "standing_extended"), AnalysisOptions{});
    CHECK(e.levels[model.lumbar_level_index("L4/L5")].external_flexion_moment < -20.0);  // achieved -32 N·m
    CHECK(family_force(model, e.muscle_force, "abdominals") > 200.0);                     // achieved 455 N
    CHECK(family_force(model, e.muscle_force, "psoas") > 20.0);                           // achieved 84 N
    CHECK(family_force(model, e.muscle_force, "erector_spinae") + family_force(model, e.muscle_force, "multifidus") < 5.0);
    // Bent to the right: the left (contralateral) trunk muscles hold the trunk, the mirror case the right ones.
    const FrameResult b = analyse_frame(model, ws, wilke_case_input(model, "standing_lateral_bending_right"), AnalysisOptions{});
    for (const char* family : {"abdominals", "erector_spinae"}) {
        INFO(family);
        CHECK(side_force(model, b, family, "_l") > 2.0 * side_force(model, b, family, "_r"));
    }
    const FrameResult bl = analyse_frame(model, ws, wilke_case_input(model, "standing_lateral_bending_left"), AnalysisOptions{});
    CHECK(side_force(model, bl, "abdominals", "_r") == Approx(side_force(model, b, "abdominals", "_l")).epsilon(1e-6));
}

// Lifting 20 kg (Wilke 1999 abstract: round flexed back 2.3 MPa, flexed knees 1.7 MPa) against the article's box
// lifts. Not part of the static validation target: the measured protocol is not documented in the source used.
TEST_CASE("Wilke 1999 lifting: box lifts compared for one lifter, round back above bent knees", "[validation][slow]") {
    // As `spinesim validate` runs it: the box-lift files' own 75 kg, 1.78 m lifter (their hand path is not scaled to
    // the 1.68 m validation subject), ratios to that lifter's relaxed standing.
    const Model& model = test::default_model();
    const ValidationReport statics = run_wilke_validation(model, model.data_dir);
    const LiftingReport r = run_wilke_lifting_validation(model.data_dir);
    CHECK(r.subject.body_mass_kg == model.subject.body_mass_kg);
    CHECK(r.subject.height_m == model.subject.height_m);
    CHECK(r.standing_idp_pa == Approx(statics.standing_idp_pa).epsilon(1e-12));
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].scenario == "box_lift_20kg_round");
    CHECK(r.rows[1].scenario == "box_lift_20kg_squat_neutral");
    CHECK(r.measured_round_to_knees == Approx(2.3 / 1.7));
    const double k_area = model.idp_correction_factor * model.lumbar_levels[model.lumbar_level_index("L4/L5")].disc_area;
    for (const LiftingRow& x : r.rows) {
        INFO(x.case_name);
        // one common strength for both lifts, at least the subject's; the stoop twin needs x1.04 (measured)
        CHECK(x.strength_scale == r.rows[0].strength_scale);
        CHECK(x.strength_scale >= 1.0);
        CHECK(x.strength_scale < 1.2);
        CHECK(x.frames == 21);
        CHECK(x.frames_solved == 21);  // at the common strength, every frame (no posture the lifter cannot take)
        // the ratio is the pressure model applied to the peak compression, over the static standing reference
        CHECK(x.predicted_idp_pa == Approx(statics.idp_model.swelling_pressure_pa + x.peak_compression_n / k_area));
        CHECK(x.predicted_ratio == Approx(x.predicted_idp_pa / statics.standing_idp_pa));
    }
    CHECK(r.rows[0].frames_held_at_subject == 18);  // the stoop's pick-up frames need more than the mean strength
    CHECK(r.rows[1].frames_held_at_subject == 21);
    // The article's and the measurement's direction: lifting with a round back loads L4/L5 more than with bent knees
    // (measured 1.35, achieved 1.10).
    CHECK(r.predicted_round_to_knees > 1.0);
    // Achieved +160 % / +220 %: the model's lifts load L4/L5 ~2.6-3.2 x the measured ratio (known over-prediction,
    // docs/model.md "Validation"); asserted +130..+190 % and +190..+250 % so that a change has to update them.
    CHECK(r.rows[0].error_pct > 130.0);
    CHECK(r.rows[0].error_pct < 190.0);
    CHECK(r.rows[1].error_pct > 190.0);
    CHECK(r.rows[1].error_pct < 250.0);
}

TEST_CASE("Wilke 1999 lifting: the two lifts must share one lifter, or the file is named", "[validation]") {
    // A copy of the data directory with the squat twin's subject changed: the lifts would compare two people.
    const std::string copy = test::data_dir_copy_with("spinesim_lifting_subject_test",
                                                      "scenarios/box_lift_20kg_squat_neutral.toml",
                                                      "body_mass_kg = 75.0", "body_mass_kg = 80.0");
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(run_wilke_lifting_validation(copy),
                      Contains("wilke1999_lifting.csv") && Contains("box_lift_20kg_squat_neutral") &&
                          Contains("one lifter"));
    std::filesystem::remove_all(copy);
}

// What the validation target would require of the lifts (recorded failure: see the previous test).
TEST_CASE("Wilke 1999 lifting: ratios within 25 % of the measurement", "[validation][slow][!shouldfail]") {
    const LiftingReport r = run_wilke_lifting_validation(default_data_dir());
    for (const LiftingRow& x : r.rows) CHECK(std::abs(x.error_pct) < 25.0);
    CHECK(std::abs(r.predicted_round_to_knees / r.measured_round_to_knees - 1.0) < 0.1);
}
